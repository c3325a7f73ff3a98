package dev.lrlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        return digits(OptimizerKind.MOMENTUM, residentLimit);
    }

    private static RunSpec digits(OptimizerKind optimizer, long residentLimit) {
        return RunSpec.builder().setModel(Path.of("models/digits-mlp"))
                .setData(DataSpec.csv(Path.of("data-samples/digits.csv"), "label"))
                .optOptimizer(OptimizerConfig.of(optimizer)).optSeed(3)
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
        double[] resident = losses(digits(1 << 20), steps, OptionalLong.of(373_880));
        assertArrayEquals(copied, resident);
    }

    /** A hypergradient step fetches two more scalars before the next batch: the rates and losses are the same. */
    @Test
    void aHypergradientOptimizerGivesTheSameRatesAndLosses() {
        double[][] results = new double[2][];
        for (int i = 0; i < 2; i++) {
            try (PreparedRun run = PreparedRun.open(digits(OptimizerKind.SGD_HD, i == 0 ? 0 : 1 << 20))) {
                assertEquals(i == 1, run.residentData().isPresent());
                double[] values = new double[60];
                for (int step = 0; step < 30; step++) {
                    StepResult result = run.step(step, 0.01, 0);
                    values[2 * step] = result.loss();
                    values[2 * step + 1] = result.learningRate();
                }
                results[i] = values;
            }
        }
        assertArrayEquals(results[0], results[1]);
    }

    @Test
    void rowsOverTheLimitAreCopiedFromJava() {
        try (PreparedRun run = PreparedRun.open(digits(373_879))) {
            assertEquals(OptionalLong.empty(), run.residentData());
        }
        try (PreparedRun run = PreparedRun.open(digits(373_880))) {
            assertEquals(OptionalLong.of(373_880), run.residentData());
            assertEquals(java.util.List.of("data: 1438 training rows (0.4 MB) held in TensorFlow, each batch gathered there"),
                    run.feedNotes());
        }
    }

    /** Off by default: it measured no faster than copying (docs/benchmarks.md). */
    @Test
    void isOffByDefault() {
        RunSpec spec = RunSpec.builder().setModel(Path.of("models/digits-mlp"))
                .setData(DataSpec.csv(Path.of("data-samples/digits.csv"), "label")).build();
        assertEquals(0, spec.residentDataLimitBytes());
        try (PreparedRun run = PreparedRun.open(spec)) {
            assertEquals(OptionalLong.empty(), run.residentData());
        }
    }

    /** Resident rows leave the prefetcher nothing to copy: no copier thread is started. */
    @Test
    void prefetchingIsNotUsedForResidentRows() {
        RunSpec spec = RunSpec.builder().setModel(Path.of("models/digits-mlp"))
                .setData(DataSpec.csv(Path.of("data-samples/digits.csv"), "label")).optPrefetch(true)
                .optResidentDataLimitBytes(1 << 20).build();
        try (PreparedRun run = PreparedRun.open(spec)) {
            run.step(0, 0.01, 0.9);
            assertEquals(0, Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("lrlab-feed-prefetch") && t.isAlive()).count());
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
