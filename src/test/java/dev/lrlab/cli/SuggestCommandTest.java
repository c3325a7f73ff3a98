package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.rangetest.RangeTest;
import dev.lrlab.suggest.LossSmoother;
import dev.lrlab.suggest.SuggestionTable;
import dev.lrlab.suggest.Suggestions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuggestCommandTest {
    @TempDir
    Path dir;

    private static final int N = 80;
    private final double[] lr = new double[N];
    private final double[] loss = new double[N];

    /** A curve as another tool might write it: its own column names, an extra column, rates from 1e-6 to 1. */
    private Path otherToolsCsv() throws Exception {
        StringBuilder text = new StringBuilder("iteration,learning_rate,train_loss\n");
        for (int i = 0; i < N; i++) {
            lr[i] = 1e-6 * Math.pow(10, 6.0 * i / (N - 1));
            double x = Math.log10(lr[i]);
            loss[i] = 2.3 - 1.8 / (1 + Math.exp(-(x + 3.5) * 2.5)) + (x < -1.5 ? 0 : 1.5 * (x + 1.5) * (x + 1.5))
                    + 0.05 * Math.sin(7 * i);
            text.append(i).append(',').append(lr[i]).append(',').append(loss[i]).append('\n');
        }
        Path csv = dir.resolve("other.csv");
        Files.writeString(csv, text);
        return csv;
    }

    @Test
    void suggestsFromAnotherToolsColumnsFoundByName() throws Exception {
        Path csv = otherToolsCsv();
        CliRun run = CliRun.of("suggest", csv.toString(), "--loss-column", "train_loss", "--lr-column", "LEARNING_RATE");
        assertEquals(ExitCode.OK, run.code(), run.err());
        Suggestions expected = RangeTest.suggest(lr, LossSmoother.smooth(loss, 0.98));
        assertEquals("curve: " + csv + ", 80 points, columns learning_rate and train_loss, smoothing 0.98\n"
                + SuggestionTable.format(expected)
                + String.format(Locale.ROOT, "suggested learning rate: %.2e (valley)%n", expected.recommended().orElseThrow().lr()),
                run.out());
    }

    @Test
    void noSmoothingUsesTheLossesAsTheyAre() throws Exception {
        Path csv = otherToolsCsv();
        CliRun run = CliRun.of("suggest", csv.toString(), "--loss-column", "train_loss", "--no-smoothing");
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.out().contains("no smoothing\n" + SuggestionTable.format(RangeTest.suggest(lr, loss))), run.out());
        CliRun light = CliRun.of("suggest", csv.toString(), "--loss-column", "train_loss", "--smoothing", "0.5");
        assertTrue(light.out().contains(SuggestionTable.format(RangeTest.suggest(lr, LossSmoother.smooth(loss, 0.5)))));
    }

    @Test
    void drawsThePlotAsPngOrSvg() throws Exception {
        Path csv = otherToolsCsv();
        Path png = dir.resolve("plot.png");
        CliRun run = CliRun.of("suggest", csv.toString(), "--loss-column", "train_loss", "--plot", png.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.out().endsWith("plot: " + png + "\n"));
        assertEquals(900, ImageIO.read(png.toFile()).getWidth());
        Path svg = dir.resolve("plot.svg");
        assertEquals(ExitCode.OK, CliRun.of("suggest", csv.toString(), "--loss-column", "train_loss", "--plot", svg.toString())
                .code());
        double valley = RangeTest.suggest(lr, LossSmoother.smooth(loss, 0.98)).recommended().orElseThrow().lr();
        assertTrue(Files.readString(svg).contains(String.format(Locale.ROOT, "valley %.2e", valley)));
        assertEquals(ExitCode.OUTPUT, CliRun.of("suggest", csv.toString(), "--loss-column", "train_loss", "--plot",
                svg.toString()).code(), "an existing plot is kept without --force");
    }

    @Test
    void givesTheSuggestionsTheRangeTestPrinted() throws Exception {
        Path out = dir.resolve("rt");
        CliRun test = CliRun.of("range-test", "--out-dir", out.toString(), "--quiet");
        assertEquals(ExitCode.OK, test.code(), test.err());
        CliRun run = CliRun.of("suggest", out.resolve("range-test.csv").toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        String table = test.out().substring(test.out().indexOf("  method"), test.out().indexOf("output: "));
        assertTrue(run.out().endsWith(table), run.out() + "\n---\n" + table);
    }

    @Test
    void aCsvWithoutTheNamedColumnIsADataError() throws Exception {
        Path csv = otherToolsCsv();
        CliRun run = CliRun.of("suggest", csv.toString());
        assertEquals(ExitCode.DATA, run.code());
        assertEquals(3, run.code().code());
        assertEquals("lrlab: " + csv + ": no column 'loss' (also looked for losses); columns found: iteration, learning_rate, "
                + "train_loss; name the column with --loss-column\n", run.err());
        CliRun named = CliRun.of("suggest", csv.toString(), "--lr-column", "rate", "--loss-column", "train_loss");
        assertEquals(ExitCode.DATA, named.code());
        assertEquals("lrlab: " + csv + ": no column 'rate'; columns found: iteration, learning_rate, train_loss; name the "
                + "column with --lr-column\n", named.err());
    }

    @Test
    void conflictingOrMissingArgumentsAreUsageErrors() throws Exception {
        Path csv = otherToolsCsv();
        CliRun both = CliRun.of("suggest", csv.toString(), "--smoothing", "0.9", "--no-smoothing");
        assertEquals(ExitCode.USAGE, both.code());
        assertEquals("lrlab: give --smoothing or --no-smoothing, not both\n", both.err());
        CliRun bad = CliRun.of("suggest", csv.toString(), "--smoothing", "1");
        assertEquals("lrlab: expected --smoothing in [0, 1), found 1.0\n", bad.err());
        CliRun none = CliRun.of("suggest");
        assertEquals(ExitCode.USAGE, none.code());
        assertEquals("lrlab: CURVE.csv is required\n", none.err());
    }

    @Test
    void tooFewPointsAreSaidPlainly() throws Exception {
        Path csv = dir.resolve("short.csv");
        Files.writeString(csv, "lr,loss\n0.001,2\n0.01,1.5\n0.1,1\n1,3\n");
        CliRun run = CliRun.of("suggest", csv.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertEquals("curve: " + csv + ", 4 points, columns lr and loss, smoothing 0.98\n"
                + "no suggestions: only 0 points after skipping the first 0 and last 5; run more steps\n", run.out());
    }
}
