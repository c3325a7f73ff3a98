package dev.lrlab.train;

import static dev.lrlab.train.SgdHdRuleTest.assertStep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LinearTestModel;
import dev.lrlab.model.VariableKind;
import dev.lrlab.model.VariableSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class HypergradientRateTest {
    private static final float[] ONE = {1f};
    private static final float[] ZERO = {0f};

    /**
     * Multiplicative SGD-HD, beta' = 0.5, on L = (w + b)^2 with w = b = 0.5, x = 1, t = 0, alpha_0 = 0.1.
     * Step 1: the previous direction is zero, so the denominator is zero and alpha stays 0.1; s -> 1 - 0.4 = 0.6.
     * Step 2: g = (1.2, 1.2), previous (2, 2): h = -4.8, |g| |d| = (1.2 sqrt 2)(2 sqrt 2) = 4.8, so
     *         alpha = 0.1 (1 + 0.5) = 0.15; s -> 0.6 - 2 * 0.15 * 1.2 = 0.24.
     * Step 3: g = (0.48, 0.48), h = -2 * 0.48 * 1.2 = -1.152, cosine again 1: alpha = 0.15 * 1.5 = 0.225.
     */
    @Test
    void multiplicativeRuleHandWorked() {
        OptimizerConfig config = OptimizerConfig.of(OptimizerKind.SGD_HD)
                .withHypergradient(new HypergradientSettings(0.5, true, Double.NaN, Double.NaN));
        try (LinearTestModel model = LinearTestModel.create(new float[] {0.5f}, 0.5f, false, VariableKind.RESOURCE)) {
            StepEngine engine = LinearEngines.mse(model, config);
            StepResult first = engine.step(ONE, ZERO, 1, 0.1, 0);
            assertStep(1, 0, 0.1, first);
            StepResult second = engine.step(ONE, ZERO, 1, first.learningRate(), 0);
            assertStep(0.36, -4.8, 0.15, second);
            StepResult third = engine.step(ONE, ZERO, 1, second.learningRate(), 0);
            assertStep(0.0576, -1.152, 0.225, third);
        }
    }

    /**
     * Three steps over two variables and a batch of two rows against {@link HypergradientReference}, the
     * formulas of Baydin et al. in doubles: each rule additive on both variable kinds, multiplicative, and
     * clamped by bounds (the rate fed is the engine's, the expected one the reference's, so errors would add up).
     */
    @ParameterizedTest(name = "{0} beta {1} multiplicative {2} bounds [{3}, {4}] {5} alpha0 {6} mu {7}")
    @CsvSource({
        "SGD_HD,  0.05, false, NaN,  NaN,  RESOURCE,    0.05, 0",
        "SGDN_HD, 0.05, false, NaN,  NaN,  VARIABLE_V2, 0.02, 0.9",
        "ADAM_HD, 0.02, false, NaN,  NaN,  VARIABLE_V2, 0.05, 0.9",
        "SGD_HD,  0.3,  true,  NaN,  NaN,  RESOURCE,    0.03, 0.9",
        "SGDN_HD, 0.3,  true,  NaN,  NaN,  RESOURCE,    0.03, 0.9",
        "ADAM_HD, 0.3,  true,  NaN,  NaN,  RESOURCE,    0.03, 0.9",
        "SGD_HD,  0.5,  false, 0.01, 0.04, RESOURCE,    0.02, 0",
    })
    void matchesTheFormulasOverTwoVariablesForThreeSteps(OptimizerKind kind, double beta, boolean multiplicative,
            double min, double max, VariableKind variables, double alpha0, double mu) {
        HypergradientSettings settings = new HypergradientSettings(beta, multiplicative, min, max);
        HypergradientReference reference = new HypergradientReference(kind, settings,
                new double[] {LinearEngines.WEIGHTS[0], LinearEngines.WEIGHTS[1]}, LinearEngines.BIAS);
        try (LinearTestModel model = LinearTestModel.create(LinearEngines.WEIGHTS, LinearEngines.BIAS, false, variables)) {
            StepEngine engine = LinearEngines.mse(model, OptimizerConfig.of(kind).withHypergradient(settings));
            double fed = alpha0;
            double expectedAlpha = alpha0;
            for (int k = 0; k < 3; k++) {
                StepResult actual = engine.step(LinearEngines.batchFeatures(k), LinearEngines.batchLabels(k), 2, fed, mu);
                HypergradientReference.Step expected = reference.step(LinearEngines.batchFeatures(k),
                        LinearEngines.batchLabels(k), 2, expectedAlpha, mu);
                assertStep(expected.loss(), expected.h(), expected.alpha(), actual);
                fed = actual.learningRate();
                expectedAlpha = expected.alpha();
            }
        }
    }

    /** The paper's defaults: beta 0.001 for the SGD rules, 1e-7 for Adam; additive. */
    @ParameterizedTest
    @CsvSource({"SGD_HD, 0.001", "SGDN_HD, 0.001", "ADAM_HD, 1e-7"})
    void paperBetaIsTheDefault(OptimizerKind kind, double beta) {
        assertEquals(beta, OptimizerConfig.of(kind).hypergradient().beta());
        assertFalse(OptimizerConfig.of(kind).hypergradient().multiplicative());
    }

    @Test
    void boundsClampTheRate() {
        // SGD-HD hand example of SgdHdRuleTest: alpha_2 would be 0.148; the upper bound holds it at 0.12.
        OptimizerConfig capped = OptimizerConfig.of(OptimizerKind.SGD_HD)
                .withHypergradient(new HypergradientSettings(0.01, false, Double.NaN, 0.12));
        try (LinearTestModel model = LinearTestModel.create(new float[] {0.5f}, 0.5f, false, VariableKind.RESOURCE)) {
            StepEngine engine = LinearEngines.mse(model, capped);
            StepResult first = engine.step(ONE, ZERO, 1, 0.1, 0);
            assertStep(1, 0, 0.1, first);
            assertStep(0.36, -4.8, 0.12, engine.step(ONE, ZERO, 1, first.learningRate(), 0));
        }
        // SGDN-HD hand example of SgdnHdRuleTest: h_1 = 0 leaves alpha_1 = 0.1; the lower bound lifts it to 0.12.
        OptimizerConfig floored = OptimizerConfig.of(OptimizerKind.SGDN_HD)
                .withHypergradient(new HypergradientSettings(0.01, false, 0.12, Double.POSITIVE_INFINITY));
        try (LinearTestModel model = LinearTestModel.create(new float[] {0.5f}, 0.5f, false, VariableKind.RESOURCE)) {
            StepEngine engine = LinearEngines.mse(model, floored);
            assertStep(1, 0, 0.12, engine.step(ONE, ZERO, 1, 0.1, 0.5));
            // s -> 1 - 2 * 0.12 * 3 = 0.28, g = 0.56, h = -2 * 0.56 * 3 = -3.36, alpha = 0.12 + 0.0336 = 0.1536.
            assertStep(0.0784, -3.36, 0.1536, engine.step(ONE, ZERO, 1, 0.12, 0.5));
        }
    }

    @Test
    void aNanRatePassesTheClampSoTheCallerSeesIt() {
        OptimizerConfig config = OptimizerConfig.of(OptimizerKind.SGD_HD)
                .withHypergradient(new HypergradientSettings(0.01, false, 0.0, 1.0));
        try (LinearTestModel model = LinearTestModel.create(new float[] {0.5f}, 0.5f, false, VariableKind.RESOURCE)) {
            StepEngine engine = LinearEngines.mse(model, config);
            StepResult result = engine.step(ONE, ZERO, 1, Double.NaN, 0);
            assertTrue(Double.isNaN(result.learningRate()), "alpha " + result.learningRate());
            assertTrue(Float.isNaN(engine.step(ONE, ZERO, 1, 0.1, 0).loss()), "the NaN step poisoned the weights");
        }
    }

    /**
     * h_t is the derivative, with respect to the rate of step t-1, of the loss at step t:
     * {@code f(alpha) = L_t(w_(t-2) + u_(t-1)(alpha))}. Restoring the state before step t-1 and feeding
     * alpha_(t-2) + delta moves the applied alpha_(t-1) by exactly delta (the additive rule's h_(t-1) does not
     * depend on the fed rate), so a central difference of L_t measures it; the loss is quadratic in alpha, so the
     * difference is exact up to float32 rounding.
     */
    @ParameterizedTest
    @EnumSource(value = OptimizerKind.class, names = {"SGD_HD", "SGDN_HD", "ADAM_HD"})
    void hypergradientIsTheDerivativeOfTheNextLossWithRespectToTheRate(OptimizerKind kind) {
        OptimizerConfig config = OptimizerConfig.of(kind)
                .withHypergradient(new HypergradientSettings(0.01, false, Double.NaN, Double.NaN));
        double delta = 0.01;
        try (LinearTestModel model = LinearTestModel.create(LinearEngines.WEIGHTS, LinearEngines.BIAS, false,
                VariableKind.RESOURCE)) {
            StepEngine engine = LinearEngines.mse(model, config);
            double fed = 0.05;
            for (int k = 0; k < 4; k++) {
                float[] x = LinearEngines.batchFeatures(k);
                float[] y = LinearEngines.batchLabels(k);
                float[] nextX = LinearEngines.batchFeatures(k + 1);
                float[] nextY = LinearEngines.batchLabels(k + 1);
                try (VariableSnapshot before = engine.snapshot()) {
                    engine.step(x, y, 2, fed + delta, 0.9);
                    double plus = engine.evaluate(nextX, nextY, 2, 2).loss();
                    engine.restore(before);
                    engine.step(x, y, 2, fed - delta, 0.9);
                    double minus = engine.evaluate(nextX, nextY, 2, 2).loss();
                    engine.restore(before);
                    StepResult step = engine.step(x, y, 2, fed, 0.9);
                    StepResult next;
                    try (VariableSnapshot after = engine.snapshot()) {
                        next = engine.step(nextX, nextY, 2, step.learningRate(), 0.9);
                        engine.restore(after);
                    }
                    double numeric = (plus - minus) / (2 * delta);
                    assertEquals(numeric, next.hypergradient(), 2e-3 * Math.max(1, Math.abs(numeric)),
                            kind + " step " + (k + 2));
                    fed = step.learningRate();
                }
            }
        }
    }

    @Test
    void restoringASnapshotRewindsTheHypergradientSlots() {
        OptimizerConfig config = OptimizerConfig.of(OptimizerKind.ADAM_HD)
                .withHypergradient(new HypergradientSettings(0.01, false, Double.NaN, Double.NaN));
        try (LinearTestModel model = LinearTestModel.create(LinearEngines.WEIGHTS, LinearEngines.BIAS, false,
                VariableKind.VARIABLE_V2)) {
            StepEngine engine = LinearEngines.mse(model, config);
            double alpha = engine.step(LinearEngines.batchFeatures(0), LinearEngines.batchLabels(0), 2, 0.05, 0.9).learningRate();
            try (VariableSnapshot snapshot = engine.snapshot()) {
                StepResult first = engine.step(LinearEngines.batchFeatures(1), LinearEngines.batchLabels(1), 2, alpha, 0.9);
                engine.step(LinearEngines.batchFeatures(2), LinearEngines.batchLabels(2), 2, first.learningRate(), 0.9);
                engine.restore(snapshot);
                StepResult again = engine.step(LinearEngines.batchFeatures(1), LinearEngines.batchLabels(1), 2, alpha, 0.9);
                assertEquals(first, again);
            }
        }
    }

}
