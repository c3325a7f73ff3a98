package dev.lrlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import dev.lrlab.data.DataSpec;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Training rows held in TensorFlow give the very losses of batches copied from Java: the same rows, in the same
 * order, fed as the same float32 values.
 */
class ResidentBatchesTest {
    private static final Path HEART = Path.of("../shared/fixtures/keras_heart_mlp");

    private static RunSpec digits(long residentLimit) {
        return RunSpec.builder().setModel(Path.of("models/digits-mlp"))
                .setData(DataSpec.csv(Path.of("data-samples/digits.csv"), "label"))
                .optOptimizer(OptimizerConfig.of(OptimizerKind.MOMENTUM)).optSeed(3)
                .optResidentDataLimitBytes(residentLimit).build();
    }

    /**
     * digits.csv: 1,797 rows of 64 features and a label, 1,438 of them for training (44 full batches of 32 and one
     * of 30: steps 44 and 89 are partial), 1,438 * 65 * 4 = 373,880 bytes when resident. Steps in order across two
     * epoch ends, then out of order: the losses are the same bits either way.
     */
    @Test
    void givesTheSameLossesAsBatchesCopiedFromJava() {
        long[] steps = new long[100];
        for (int i = 0; i < 95; i++) {
            steps[i] = i;
        }
        System.arraycopy(new long[] {7, 3, 0, 44, 45}, 0, steps, 95, 5);
        double[] copied = losses(digits(0), steps, OptionalLong.empty());
        double[] resident = losses(digits(RunSpec.DEFAULT_RESIDENT_DATA_LIMIT_BYTES), steps, OptionalLong.of(373_880));
        assertArrayEquals(copied, resident);
    }

    @Test
    void rowsOverTheLimitAreCopiedFromJava() {
        try (PreparedRun run = PreparedRun.open(digits(373_879))) {
            assertEquals(OptionalLong.empty(), run.residentData());
        }
        try (PreparedRun run = PreparedRun.open(digits(373_880))) {
            assertEquals(OptionalLong.of(373_880), run.residentData());
        }
    }

    @Test
    void isOnByDefaultForRowsThatFit() {
        RunSpec spec = RunSpec.builder().setModel(Path.of("models/digits-mlp"))
                .setData(DataSpec.csv(Path.of("data-samples/digits.csv"), "label")).build();
        assertEquals(RunSpec.DEFAULT_RESIDENT_DATA_LIMIT_BYTES, spec.residentDataLimitBytes());
        try (PreparedRun run = PreparedRun.open(spec)) {
            assertTrue(run.residentData().isPresent());
        }
    }

    @Test
    void refusesANegativeLimitNamingTheProperty() {
        LrlabException e = assertThrows(LrlabException.class, () -> digits(-1));
        assertEquals("`residentDataLimitBytes` must be 0 (off) or more, found -1", e.getMessage());
    }

    /**
     * A Keras model inlined from its SavedModel (Dense 13->...->1, sigmoid): 303 rows, 242 for training (7 batches of
     * 32 and one of 18), labels fed as a vector. Adam over three epochs, the same losses either way.
     */
    @Test
    void aKerasModelGivesTheSameLossesResidentOrCopied() {
        Assumptions.assumeTrue(Files.isDirectory(HEART), "no fixture " + HEART);
        RunSpec.Builder builder = RunSpec.builder().setModel(HEART)
                .setData(DataSpec.csv(Path.of("../shared/fixtures/keras_heart_mlp.csv"), "target"))
                .optOptimizer(OptimizerConfig.of(OptimizerKind.ADAM)).optSeed(5);
        long[] steps = new long[24];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = i;
        }
        double[] copied = losses(builder.optResidentDataLimitBytes(0).build(), steps, OptionalLong.empty());
        double[] resident = losses(builder.optResidentDataLimitBytes(1 << 20).build(), steps,
                OptionalLong.of(242L * 14 * 4));
        assertArrayEquals(copied, resident);
        assertFalse(Double.isNaN(resident[23]));
    }

    private static double[] losses(RunSpec spec, long[] steps, OptionalLong residentBytes) {
        double[] losses = new double[steps.length];
        try (PreparedRun run = PreparedRun.open(spec)) {
            assertEquals(residentBytes, run.residentData());
            for (int i = 0; i < steps.length; i++) {
                losses[i] = run.step(steps[i], 0.01, 0.9).loss();
            }
        }
        return losses;
    }
}
