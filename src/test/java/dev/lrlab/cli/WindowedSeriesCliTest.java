package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lrlab.Fixtures;
import dev.lrlab.model.demo.DemoModelExporter;
import dev.lrlab.model.demo.DemoModelSpec;
import dev.lrlab.model.demo.DenseSpec;
import dev.lrlab.model.demo.Head;
import dev.lrlab.model.demo.InputSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --window T --series COL[,COL...] [--horizon H]}: samples cut from consecutive CSV rows, end to end. */
class WindowedSeriesCliTest {
    @TempDir
    Path temp;

    /** A linear model y = x W + b over one input x [-1, width], untrained (Glorot kernel, zero bias). */
    private Path denseModel(int width) throws IOException {
        Path dir = temp.resolve("dense-" + width);
        DemoModelExporter.export(new DemoModelSpec("dense-" + width, List.of(new InputSpec("x", width)),
                List.of(DenseSpec.linear("linear", 1)), Head.IDENTITY, 5), dir);
        return dir;
    }

    /** Rows r = 0..n-1 of s = sin(0.3 r), c = cos(0.3 r): the next s is a linear function of the current s and c. */
    private Path waves(int rows) throws IOException {
        StringBuilder csv = new StringBuilder("t,s,c\n");
        for (int r = 0; r < rows; r++) {
            csv.append(String.format(Locale.ROOT, "%d,%.6f,%.6f%n", r, Math.sin(0.3 * r), Math.cos(0.3 * r)));
        }
        return Files.writeString(temp.resolve("waves.csv"), csv);
    }

    /** Runs the command; a train run without {@code --out} writes its curve under the test's folder, not runs/. */
    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        if (all.get(0).equals("train") && !all.contains("--out")) {
            all.addAll(List.of("--out", temp.resolve("run-" + (++runs)).resolve("curve.csv").toString()));
        }
        return CliRun.of(all.toArray(String[]::new));
    }

    private int runs;

    @Test
    void trainsADenseModelOnWindowsOfTwoSeriesAndLowersTheValidationLoss() throws IOException {
        Path data = waves(200);
        CliRun run = run("train", denseModel(6).toString(), "--data", data.toString(), "--window", "3", "--series", "s,c",
                "--label", "s", "--lr", "0.1", "--epochs", "30", "--out", temp.resolve("curve.csv").toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        // 200 rows, 0.2 held out: rows 160..199 validate (40 - 4 + 1 = 37 windows), rows 0..159 train (157 windows)
        assertTrue(run.err().contains("data: 194 windows of 3 steps x 2 series (s,c), label s 1 step ahead,"
                + " chronological split"), run.err());
        assertTrue(run.err().contains("data: 157 training windows, 37 validation windows"), run.err());
        Matcher loss = Pattern.compile("validation loss: (\\S+) -> (\\S+)").matcher(run.out());
        assertTrue(loss.find(), run.out());
        double before = Double.parseDouble(loss.group(1));
        double after = Double.parseDouble(loss.group(2));
        assertTrue(after < before / 10, before + " -> " + after);
    }

    @Test
    void rangeTestsTheFixturePricesWithWindowsOfFiveCloses() throws IOException {
        Path prices = Fixtures.shared("keras_lstm_series.csv");
        Path out = temp.resolve("range");
        CliRun run = run("range-test", denseModel(5).toString(), "--data", prices.toString(), "--window", "5",
                "--series", "Close", "--horizon", "1", "--steps", "40", "--out-dir", out.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        // 2,000 rows: 400 validate (400 - 6 + 1 = 395 windows of 5 + 1 rows), 1,600 train (1,595 windows)
        assertTrue(run.err().contains("data: 1990 windows of 5 steps x 1 series (Close), label Close 1 step ahead,"
                + " chronological split"), run.err());
        assertTrue(run.err().contains("data: 1595 training windows, 395 validation windows"), run.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("Close", summary.get("label").asText());
        assertEquals("5 steps x 1 series (Close), label 1 step ahead, chronological split", summary.get("window").asText());
    }

    @Test
    void aWindowThatDoesNotFitTheModelInputIsRefusedBeforeTheFirstStep() throws IOException {
        Path data = waves(40);
        CliRun flat = run("train", denseModel(6).toString(), "--data", data.toString(), "--window", "5", "--series", "s",
                "--steps", "1");
        assertEquals(ExitCode.DATA, flat.code(), flat.err());
        assertEquals("lrlab: model input 'x' [-1,6] takes 6 values per example, but the windows are 5 steps x 1 series = 5"
                + " values; choose --window and --series so that steps x series = 6", flat.lastErrorLine());
        Path lstm = Fixtures.shared("keras_lstm_series");
        CliRun sequence = run("train", lstm.toString(), "--data", data.toString(), "--window", "3", "--series", "s",
                "--steps", "1");
        assertEquals(ExitCode.DATA, sequence.code(), sequence.err());
        assertTrue(sequence.lastErrorLine().matches("lrlab: model input '\\w+' \\[-1,5,1] takes 5 steps x 1 series, but the"
                + " windows are 3 steps x 1 series; use --window 5 with 1 --series column"), sequence.lastErrorLine());
    }

    @Test
    void optionErrorsAreUsageErrorsAndShortDataIsADataError() throws IOException {
        String model = denseModel(3).toString();
        String data = waves(20).toString();
        assertUsage("lrlab: --window needs --series COL[,COL...]: the columns each of its steps holds",
                "train", model, "--data", data, "--window", "3");
        assertUsage("lrlab: --series shapes windows of a series; give --window T as well, or drop --series",
                "train", model, "--data", data, "--label", "s", "--series", "s");
        assertUsage("lrlab: --horizon must be a whole number of at least 1, found 0",
                "train", model, "--data", data, "--window", "3", "--series", "s", "--horizon", "0");
        assertUsage("lrlab: --features and --series both choose the features; with --window the --series columns are the"
                + " features: drop --features", "train", model, "--data", data, "--window", "3", "--series", "s",
                "--features", "c");
        assertUsage("lrlab: --series names 2 columns; name the one to predict with --label COL",
                "train", model, "--data", data, "--window", "3", "--series", "s,c");
        CliRun missing = run("train", model, "--data", data, "--window", "3", "--series", "price");
        assertEquals(ExitCode.DATA, missing.code(), missing.err());
        assertEquals("lrlab: no series column 'price' in " + data + "; columns found: 't', 's', 'c'", missing.lastErrorLine());
        // 20 rows, 0.2 held out: 4 validation rows (lines 18 to 21) against the 3 + 2 = 5 rows of one sample
        CliRun shortPart = run("train", model, "--data", data, "--window", "3", "--series", "s", "--horizon", "2");
        assertEquals(ExitCode.DATA, shortPart.code(), shortPart.err());
        assertEquals("lrlab: a window of 3 steps x 1 series (s), label 2 steps ahead spans 5 consecutive rows, but the"
                + " validation part of " + data + " has only 4 rows (lines 18 to 21); use a shorter window or horizon, a"
                + " different validation fraction, or more rows", shortPart.lastErrorLine());
    }

    private void assertUsage(String message, String... args) {
        CliRun run = run(args);
        assertEquals(ExitCode.USAGE, run.code(), run.err());
        assertEquals(message, run.lastErrorLine());
    }
}
