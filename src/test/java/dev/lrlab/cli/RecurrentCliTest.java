package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands on recurrent models: unrolled loops, --sequence-length and --max-unroll as the user sees them. */
class RecurrentCliTest {
    private static final String DYNAMIC = "keras_embedding_bilstm_dynamic";

    @TempDir
    Path temp;

    @Test
    void inspectSaysHowManyStepsTrainingUnrolls() {
        CliRun run = CliRun.of("inspect", Fixtures.shared("keras_lstm_series").toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.out().contains("; trains by unrolling 5 steps (1 loop of recurrent layers)\n"), run.out());
        assertTrue(run.out().contains("trainable: 9 variables"), run.out());
    }

    @Test
    void openLengthWithoutSequenceLengthIsOneUsageLineBeforeAnythingIsWritten() throws IOException {
        Path csv = tokens(12);
        Path out = temp.resolve("rt");
        CliRun run = CliRun.of("range-test", Fixtures.shared(DYNAMIC).toString(), "--data", csv.toString(), "--label",
                "y", "--out-dir", out.toString(), "--quiet");
        assertEquals(ExitCode.USAGE, run.code(), run.err());
        assertEquals("lrlab: cannot train " + Fixtures.shared(DYNAMIC) + ": the loop StatefulPartitionedCall/"
                + "StatefulPartitionedCall/sequential/bidirectional/forward_lstm/PartitionedCall/while runs as many "
                + "steps as the input sequence is long, which the model leaves open; give --sequence-length T (the "
                + "number of time steps of each row)", run.lastErrorLine());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void rowsThatDisagreeWithTheSequenceLengthAreOneDataLine() throws IOException {
        CliRun run = CliRun.of("range-test", Fixtures.shared(DYNAMIC).toString(), "--data", tokens(12).toString(),
                "--label", "y", "--sequence-length", "10", "--out-dir", temp.resolve("rt").toString(), "--quiet");
        assertEquals(ExitCode.DATA, run.code(), run.err());
        assertEquals("lrlab: input 'embedding_input' takes 10 time steps (--sequence-length 10), 10 feature columns "
                + "per row, but the data has 12; give --sequence-length 12 or select --features", run.lastErrorLine());
    }

    @Test
    void sequenceLengthUnrollsAnOpenLengthModelForARangeTest() throws IOException {
        Path out = temp.resolve("rt");
        CliRun run = CliRun.of("range-test", Fixtures.shared(DYNAMIC).toString(), "--data", tokens(12).toString(),
                "--label", "y", "--sequence-length", "12", "--steps", "10", "--out-dir", out.toString(), "--quiet");
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertEquals(11, Files.readAllLines(out.resolve("range-test.csv")).size(), "header and 10 steps");
    }

    @Test
    void aLoopLongerThanMaxUnrollIsRefusedWithItsLength() {
        CliRun run = CliRun.of("inspect", Fixtures.shared("keras_lstm_series").toString(), "--max-unroll", "4");
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.out().contains("not trainable: the loop StatefulPartitionedCall/StatefulPartitionedCall/"
                + "sequential_5/lstm_5/PartitionedCall/while runs 5 steps, more than --max-unroll 4; raise "
                + "--max-unroll (the training graph grows with the steps) or train on shorter sequences"), run.out());
    }

    /**
     * The command of issue 12 on the LSTM's own prices: windows of 5 closes feed its [-1,5,1] input, the log names
     * the unrolling, and the curve falls then rises (a short sweep with light smoothing, so it follows the raw loss;
     * plain SGD, under which the Dense layer on top diverges past its critical rate, whereas with the model's Adam the
     * saturated LSTM's loss may level off at high rates instead of exploding).
     */
    @Test
    void rangeTestsTheLstmOnWindowsOfItsOwnPricesAndTheCurveFallsThenRises() throws IOException {
        Path out = temp.resolve("rt");
        CliRun run = CliRun.of("range-test", Fixtures.shared("keras_lstm_series").toString(), "--data",
                Fixtures.shared("keras_lstm_series.csv").toString(), "--window", "5", "--series", "Close", "--horizon",
                "1", "--steps", "40", "--smoothing", "0.8", "--optimizer", "sgd", "--out-dir", out.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.err().contains("\nmodel: trains by unrolling 5 steps (1 loop of recurrent layers)\n"), run.err());
        assertTrue(run.err().contains("data: 1990 windows of 5 steps x 1 series (Close)"), run.err());
        List<String> rows = Files.readAllLines(out.resolve("range-test.csv"));
        double[] smoothed = rows.stream().skip(1).mapToDouble(r -> Double.parseDouble(r.split(",")[3])).toArray();
        double min = Arrays.stream(smoothed).min().orElseThrow();
        double last = smoothed[smoothed.length - 1];
        assertTrue(min < 0.5 * smoothed[0], "falls: " + smoothed[0] + " -> " + min);
        assertTrue(smoothed.length < 40 || last > 1.5 * min, "rises or stops on divergence: " + min + " -> " + last);
    }

    /**
     * A CSV series cut into windows of 12 feeds the open-length model [-1,-1]: the window sets the sequence length
     * (the log says so) unless --sequence-length says otherwise, which is a usage error.
     */
    @Test
    void aWindowSetsTheSequenceLengthTheModelLeavesOpen() throws IOException {
        Random random = new Random(5);
        StringBuilder text = new StringBuilder("token,y\n");
        for (int r = 0; r < 120; r++) {
            text.append(1 + random.nextInt(50)).append(',').append(random.nextInt(2)).append('\n');
        }
        Path csv = Files.writeString(temp.resolve("stream.csv"), text);
        Path out = temp.resolve("rt");
        CliRun run = CliRun.of("range-test", Fixtures.shared(DYNAMIC).toString(), "--data", csv.toString(), "--window",
                "12", "--series", "token", "--label", "y", "--steps", "10", "--out-dir", out.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.err().contains("\nmodel: trains by unrolling 12 steps (2 loops of recurrent layers); --window 12"
                + " sets the sequence length the model leaves open, as --sequence-length 12 would\n"), run.err());
        assertEquals(11, Files.readAllLines(out.resolve("range-test.csv")).size(), "header and 10 steps");

        CliRun same = CliRun.of("range-test", Fixtures.shared(DYNAMIC).toString(), "--data", csv.toString(), "--window",
                "12", "--series", "token", "--label", "y", "--sequence-length", "12", "--steps", "10", "--out-dir",
                temp.resolve("same").toString(), "--quiet");
        assertEquals(ExitCode.OK, same.code(), same.err());

        CliRun other = CliRun.of("range-test", Fixtures.shared(DYNAMIC).toString(), "--data", csv.toString(), "--window",
                "12", "--series", "token", "--label", "y", "--sequence-length", "10", "--out-dir",
                temp.resolve("other").toString(), "--quiet");
        assertEquals(ExitCode.USAGE, other.code(), other.err());
        assertEquals("lrlab: --sequence-length 10 disagrees with --window 12: each window is a sequence of 12 steps; "
                + "drop --sequence-length (the window sets it)", other.lastErrorLine());
        assertFalse(Files.exists(temp.resolve("other")));
    }

    /** Token ids 1..50 in {@code length} columns, a 0/1 label. */
    private Path tokens(int length) throws IOException {
        Random random = new Random(3);
        StringBuilder text = new StringBuilder();
        for (int t = 0; t < length; t++) {
            text.append('t').append(t).append(',');
        }
        text.append("y\n");
        for (int r = 0; r < 80; r++) {
            for (int t = 0; t < length; t++) {
                text.append(1 + random.nextInt(50)).append(',');
            }
            text.append(random.nextInt(2)).append('\n');
        }
        return Files.writeString(temp.resolve("tokens" + length + ".csv"), text);
    }
}
