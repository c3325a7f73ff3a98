package dev.lrlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.HandLine;
import dev.lrlab.data.DataSpec;
import dev.lrlab.model.LossKind;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StepRow;
import dev.lrlab.run.StopReason;
import dev.lrlab.run.StopSignal;
import dev.lrlab.train.Evaluation;
import dev.lrlab.train.HypergradientSettings;
import dev.lrlab.train.OptimizerConfig;
import dev.lrlab.train.OptimizerKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numbers a training run reports after it stops early: the last validation it measured (never the initial
 * one), and the stop of a hypergradient run whose rate turns negative or infinite, on {@link HandLine} where every
 * number is worked out by hand.
 */
class TrainRunTest {
    @TempDir
    Path temp;

    /**
     * Logistic regression on breast_cancer.csv, batches of 32: 15 steps an epoch, so the run validates after steps
     * 14, 29, ... A stop asked for after step 19 leaves the validation after step 14 as the last one measured; it is
     * the curve's val_loss of that row and the loss of the weights as they were then, not the initial validation.
     */
    @Test
    void anInterruptionReportsTheLastValidationMeasuredAndItsStepNotTheInitialOne() {
        StopSignal stop = new StopSignal();
        List<StepRow> rows = new ArrayList<>();
        AtomicReference<Evaluation> afterStep14 = new AtomicReference<>();
        try (PreparedRun run = PreparedRun.open(logistic())) {
            assertEquals(15, run.stepsPerEpoch());
            TrainResult result = TrainRun.run(run, TrainSettings.constant(100, 1e-3, 0), row -> {
                rows.add(row);
                if (row.step() == 14) {
                    afterStep14.set(run.validate().orElseThrow());
                }
                if (row.step() == 19) {
                    stop.stop("SIGINT");
                }
            }, stop);
            assertEquals(20, result.stepsRun());
            assertEquals(StopReason.Kind.INTERRUPTED, result.stop().orElseThrow().kind());
            StepValidation last = result.lastValidation().orElseThrow();
            assertEquals(14, last.step());
            assertEquals(rows.get(14).valLoss().getAsDouble(), last.evaluation().loss());
            assertEquals(afterStep14.get().loss(), last.evaluation().loss(), 1e-12);
            assertNotEquals(result.initialValidation().orElseThrow().loss(), last.evaluation().loss());
            assertTrue(!result.lastValidationIsFinal(), "measured after step 14 of the 20 run");
        }
    }

    @Test
    void aStopBeforeTheFirstEpochEndHasNoLastValidationRatherThanTheInitialOne() {
        StopSignal stop = new StopSignal();
        try (PreparedRun run = PreparedRun.open(logistic())) {
            TrainResult result = TrainRun.run(run, TrainSettings.constant(100, 1e-3, 0), row -> {
                if (row.step() == 4) {
                    stop.stop("SIGINT");
                }
            }, stop);
            assertEquals(5, result.stepsRun());
            assertTrue(result.initialValidation().isPresent());
            assertTrue(result.lastValidation().isEmpty(), () -> result.lastValidation().toString());
        }
    }

    @Test
    void aStopBeforeTheFirstStepHasNoLastLoss() {
        StopSignal stop = new StopSignal();
        stop.stop("SIGTERM");
        try (PreparedRun run = PreparedRun.open(logistic())) {
            TrainResult result = TrainRun.run(run, TrainSettings.constant(100, 1e-3, 0), row -> { }, stop);
            assertEquals(0, result.stepsRun());
            assertTrue(Double.isNaN(result.lastLoss()));
            assertTrue(result.lastValidation().isEmpty());
        }
    }

    /**
     * {@link HandLine}, 8 rows, half held out, one batch of 4 per epoch (so a validation after every step), SGD at
     * rate 1e38: step 0's loss is 1 (computed before the update), w and b each become 0.5 - 2e38, and their sum
     * -4e38 overflows float32: the validation after step 0 is infinite. The run stops there as diverged; that
     * validation is in the curve but is not reported as the last one.
     */
    @Test
    void aValidationLossFromWeightsThatOverflowedStopsTheRunAndIsNotReportedAsTheLast() throws IOException {
        List<StepRow> rows = new ArrayList<>();
        try (PreparedRun run = PreparedRun.open(handLine(OptimizerConfig.of(OptimizerKind.SGD), 0.5))) {
            TrainResult result = TrainRun.run(run, TrainSettings.constant(5, 1e38, 0), rows::add, new StopSignal());
            assertEquals(1, result.stepsRun());
            assertEquals(1.0, result.lastLoss());
            assertEquals(1.0, result.initialValidation().orElseThrow().loss());
            assertTrue(result.lastValidation().isEmpty(), () -> result.lastValidation().toString());
            assertEquals(Double.POSITIVE_INFINITY, rows.get(0).valLoss().getAsDouble());
            StopReason stop = result.stop().orElseThrow();
            assertEquals(StopReason.Kind.DIVERGED, stop.kind());
            assertEquals("the validation loss became Infinity after step 0 with learning rate 1.0E38: that step's update "
                    + "left the weights non-finite; lower the learning rate (a range test suggests one)", stop.message());
        }
    }

    /**
     * Without validation rows nothing is measured after the last step: SGD at rate 3e38 on {@link HandLine} takes
     * step 0 at loss 1 and moves w and b to 0.5 - 6e38, past float32's largest value. The run reports the weights
     * as non-finite instead of ending as if trained (train would have exported them).
     */
    @Test
    void weightsLeftNonFiniteByTheLastStepStopTheRunWhenNoValidationComesAfterIt() throws IOException {
        try (PreparedRun run = PreparedRun.open(handLine(OptimizerConfig.of(OptimizerKind.SGD), 0))) {
            TrainResult result = TrainRun.run(run, TrainSettings.constant(1, 3e38, 0), row -> { }, new StopSignal());
            assertEquals(1, result.stepsRun());
            assertEquals(1.0, result.lastLoss());
            assertEquals("the last step (0, learning rate 3.0E38) left the weights non-finite (variable "
                    + "'dense/kernel') though its loss was finite; lower the learning rate (a range test suggests one)",
                    result.stop().orElseThrow().message());
        }
        try (PreparedRun run = PreparedRun.open(handLine(OptimizerConfig.of(OptimizerKind.SGD), 0))) {
            assertTrue(TrainRun.run(run, TrainSettings.constant(1, 0.1, 0), row -> { }, new StopSignal()).stop().isEmpty(),
                    "finite weights pass");
        }
    }

    /**
     * SGD-HD on {@link HandLine}, 4 rows in one batch, alpha_0 = 0.5, beta = 0.1.
     * Step 0: h = 0 (no previous direction), alpha = 0.5; s -> 1 - 2 * 0.5 * 2 = -1.
     * Step 1: loss s^2 = 1, g = (-2, -2), previous direction (2, 2): h = -(g . d) = 8, alpha = 0.5 - 0.1 * 8 = -0.3.
     * A negative rate climbs the loss: the run stops at step 1, both rows kept.
     */
    @Test
    void sgdHdStopsWhenItsRateTurnsNegativeAndNamesBetaTenTimesSmaller() throws IOException {
        List<StepRow> rows = new ArrayList<>();
        TrainResult result = hypergradient(OptimizerKind.SGD_HD, 0.1, 0.5, 5, rows);
        assertEquals(2, rows.size());
        assertEquals(0.5, rows.get(0).lr(), 1e-7);
        assertEquals(0, rows.get(0).hypergradient(), 0);
        assertEquals(1, rows.get(1).loss(), 1e-6);
        assertEquals(8, rows.get(1).hypergradient(), 1e-5);
        assertEquals(-0.3, rows.get(1).lr(), 1e-6);
        assertEquals(2, result.stepsRun());
        StopReason stop = result.stop().orElseThrow();
        assertEquals(StopReason.Kind.DIVERGED, stop.kind());
        assertEquals(1, stop.step());
        assertEquals("the hypergradient learning rate turned negative (-3e-1) at step 1 (from alpha 5e-1 with "
                + "hypergradient 8e0): `beta` 1e-1 is too large; try `beta` 1e-2 (10x smaller), or bound it with `minLr`",
                stop.message());
    }

    /** The same with beta = 0.01: alpha_1 = 0.5 - 0.01 * 8 = 0.42 stays positive and the run goes on. */
    @Test
    void sgdHdWithTheSuggestedBetaKeepsItsRatePositive() throws IOException {
        List<StepRow> rows = new ArrayList<>();
        TrainResult result = hypergradient(OptimizerKind.SGD_HD, 0.01, 0.5, 3, rows);
        assertTrue(result.stop().isEmpty(), () -> result.stop().orElseThrow().message());
        assertEquals(0.42, rows.get(1).lr(), 1e-6);
    }

    /** beta = 1e38: alpha_1 = 0.5 - 8e38 overflows float32 to -Infinity. */
    @Test
    void sgdHdStopsWhenItsRateOverflows() throws IOException {
        List<StepRow> rows = new ArrayList<>();
        TrainResult result = hypergradient(OptimizerKind.SGD_HD, 1e38, 0.5, 5, rows);
        assertEquals(Double.NEGATIVE_INFINITY, rows.get(1).lr());
        assertEquals("the hypergradient learning rate became -Infinity at step 1 (from alpha 5e-1 with hypergradient "
                + "8e0): `beta` 1e38 is too large; try `beta` 1e37 (10x smaller), or bound it with `minLr`",
                result.stop().orElseThrow().message());
    }

    /**
     * alpha_0 = 3e38: step 0 (loss 1) moves w and b past float32's range, so step 1's loss is not finite; that is
     * named first, with both knobs that lower the rate of an adaptive run.
     */
    @Test
    void sgdHdWhoseLossBlowsUpNamesAlpha0AndBeta() throws IOException {
        List<StepRow> rows = new ArrayList<>();
        TrainResult result = hypergradient(OptimizerKind.SGD_HD, 1e-3, 3e38, 5, rows);
        assertEquals(2, rows.size());
        String message = result.stop().orElseThrow().message();
        assertTrue(message.matches("the loss became (NaN|Infinity) at step 1 with learning rate 3\\.0+\\d*E38; lower "
                + "alpha_0, or the hypergradient beta \\(`beta`, now 1e-3, e\\.g\\. `beta` 1e-4\\)"), message);
    }

    /**
     * Adam-HD, alpha_0 = 1, beta = 1, beta1 0.9: the first bias-corrected direction is g / (|g| + eps), 1 per
     * variable, so s -> 1 - 2 = -1; then g = (-2, -2), h = -(-2 - 2) = 4 and alpha = 1 - 4 = -3.
     */
    @Test
    void adamHdStopsWhenItsRateTurnsNegative() throws IOException {
        List<StepRow> rows = new ArrayList<>();
        TrainResult result = hypergradient(OptimizerKind.ADAM_HD, 1, 1, 5, rows);
        assertEquals(2, rows.size());
        assertEquals(4, rows.get(1).hypergradient(), 1e-5);
        assertEquals(-3, rows.get(1).lr(), 1e-5);
        assertTrue(result.stop().orElseThrow().message().startsWith("the hypergradient learning rate turned negative "
                + "(-3e0) at step 1"), result.stop().orElseThrow().message());
    }

    private TrainResult hypergradient(OptimizerKind kind, double beta, double alpha0, long steps, List<StepRow> rows)
            throws IOException {
        OptimizerConfig config = OptimizerConfig.of(kind)
                .withHypergradient(new HypergradientSettings(beta, false, Double.NaN, Double.NaN));
        try (PreparedRun run = PreparedRun.open(handLine(config, 0))) {
            return TrainRun.run(run, TrainSettings.constant(steps, alpha0, 0.9), rows::add, new StopSignal());
        }
    }

    private RunSpec handLine(OptimizerConfig optimizer, double validationFraction) throws IOException {
        Path model = temp.resolve("line");
        if (!model.toFile().exists()) {
            HandLine.model(model);
        }
        Path csv = HandLine.rows(temp.resolve("rows.csv"), 8);
        return RunSpec.builder().setModel(model).setData(DataSpec.csv(csv, "y")).optLoss(LossKind.MSE)
                .optOptimizer(optimizer).optBatchSize(4).optValidationFraction(validationFraction).build();
    }

    private static RunSpec logistic() {
        return RunSpec.builder().setModel(Path.of("models/logistic"))
                .setData(DataSpec.csv(Path.of("data-samples/breast_cancer.csv"), "malignant"))
                .optBatchSize(32).optSeed(7).build();
    }
}
