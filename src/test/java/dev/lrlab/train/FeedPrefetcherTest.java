package dev.lrlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lrlab.data.DataSpec;
import dev.lrlab.rangetest.RangeTest;
import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.run.StepListener;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopSignal;
import dev.lrlab.train.OptimizerConfig;
import dev.lrlab.train.OptimizerKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FeedPrefetcherTest {
    private static RunSpec digits(boolean prefetch) {
        return RunSpec.builder().setModel(Path.of("models/digits-mlp"))
                .setData(DataSpec.csv(Path.of("data-samples/digits.csv"), "label"))
                .optOptimizer(OptimizerConfig.of(OptimizerKind.MOMENTUM)).optSeed(3).optPrefetch(prefetch).build();
    }

    /**
     * Steps in order across an epoch end (1,438 training rows: 44 full batches of 32 and one of 30, so steps 44
     * and 89 are partial), then out of order, which restarts the copier, then from 0 again after a restore: the
     * losses are the same bits as without prefetching.
     */
    @Test
    void givesTheSameLossesAsCopyingOnTheTrainingThread() {
        long[] steps = new long[100];
        for (int i = 0; i < 95; i++) {
            steps[i] = i;
        }
        long[] jumps = {7, 3, 0, 44, 45};
        System.arraycopy(jumps, 0, steps, 95, jumps.length);
        assertArrayEquals(losses(digits(false), steps), losses(digits(true), steps));
    }

    @Test
    void aRangeTestGivesTheSameCurveWithPrefetching() {
        RangeTestConfig config = RangeTestConfig.builder().optSteps(60).build();
        double[][] curves = new double[2][];
        for (int i = 0; i < 2; i++) {
            try (PreparedRun run = PreparedRun.open(digits(i == 1))) {
                RangeTest.run(run, config, StepListener.none(), new StopSignal()); // leaves the copier mid-way
                curves[i] = RangeTest.run(run, config, StepListener.none(), new StopSignal()).loss();
            }
        }
        assertArrayEquals(curves[0], curves[1]);
    }

    @Test
    void closingStopsTheCopierThread() {
        try (PreparedRun run = PreparedRun.open(digits(true))) {
            run.step(0, 0.01, 0.9);
            assertEquals(1, copierThreads());
        }
        assertEquals(0, copierThreads());
    }

    @Test
    void keepsAsManyBatchesAsFitSixtyFourMegabytesBetweenTwoAndSixteen() {
        assertEquals(16, FeedPrefetcher.slotsFor(128 * 785 * 4));
        assertEquals(6, FeedPrefetcher.slotsFor(10L << 20));
        assertEquals(2, FeedPrefetcher.slotsFor(100L << 20));
        try (PreparedRun run = PreparedRun.open(digits(false))) {
            assertFalse(run.spec().prefetch());
        }
    }

    private static double[] losses(RunSpec spec, long[] steps) {
        double[] losses = new double[steps.length];
        try (PreparedRun run = PreparedRun.open(spec)) {
            for (int i = 0; i < steps.length; i++) {
                if (i == 98) {
                    run.restore(run.snapshot()); // a restore between steps changes nothing
                }
                losses[i] = run.step(steps[i], 0.01, 0.9).loss();
            }
        }
        return losses;
    }

    private static long copierThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("lrlab-feed-prefetch") && t.isAlive()).count();
    }
}
