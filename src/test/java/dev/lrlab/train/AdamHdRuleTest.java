package dev.lrlab.train;

import static dev.lrlab.train.SgdHdRuleTest.assertStep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lrlab.LinearTestModel;
import dev.lrlab.model.VariableKind;
import org.junit.jupiter.api.Test;

class AdamHdRuleTest {
    private static final float[] ONE = {1f};
    private static final float[] ZERO = {0f};

    /**
     * y = w x + b with x = 1, t = 0, w = b = 0.5 (L = s^2, s = w + b, g_w = g_b = 2s); b1 = 0.9, b2 = 0.999,
     * eps = 1e-8, alpha_0 = 0.1, beta = 0.01. Both variables see the same numbers, so every dot product is twice
     * one term.
     */
    @Test
    void handWorkedThreeSteps() {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double beta = 0.01;
        // Step 1: g = 2, m = 0.2, v = 0.004, m^ = 2, v^ = 4, d1 = 2 / (2 + eps); h = 0, alpha = 0.1.
        double g1 = 2;
        double m1 = (1 - b1) * g1;
        double v1 = (1 - b2) * g1 * g1;
        double d1 = (m1 / (1 - b1)) / (Math.sqrt(v1 / (1 - b2)) + eps);
        double s1 = 1 - 2 * 0.1 * d1;
        // Step 2: g = 2 s1 (about 1.6), h = -2 g d1 (about -3.2), alpha = 0.1 - beta h (about 0.132).
        double g2 = 2 * s1;
        double h2 = -2 * g2 * d1;
        double alpha2 = 0.1 - beta * h2;
        double m2 = b1 * m1 + (1 - b1) * g2;
        double v2 = b2 * v1 + (1 - b2) * g2 * g2;
        double d2 = (m2 / (1 - b1 * b1)) / (Math.sqrt(v2 / (1 - b2 * b2)) + eps);
        double s2 = s1 - 2 * alpha2 * d2;
        // Step 3: g = 2 s2, h = -2 g d2, alpha = alpha2 - beta h.
        double g3 = 2 * s2;
        double h3 = -2 * g3 * d2;
        double alpha3 = alpha2 - beta * h3;
        assertEquals(-3.2, h2, 1e-7);
        assertEquals(0.132, alpha2, 1e-9);

        OptimizerConfig config = OptimizerConfig.of(OptimizerKind.ADAM_HD)
                .withHypergradient(new HypergradientSettings(beta, false, Double.NaN, Double.NaN));
        try (LinearTestModel model = LinearTestModel.create(new float[] {0.5f}, 0.5f, false, VariableKind.RESOURCE)) {
            StepEngine engine = LinearEngines.mse(model, config);
            StepResult first = engine.step(ONE, ZERO, 1, 0.1, b1);
            assertStep(1, 0, 0.1, first);
            StepResult second = engine.step(ONE, ZERO, 1, first.learningRate(), b1);
            assertStep(s1 * s1, h2, alpha2, second);
            StepResult third = engine.step(ONE, ZERO, 1, second.learningRate(), b1);
            assertStep(s2 * s2, h3, alpha3, third);
        }
    }
}
