package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
