package dev.lrlab.train;

import static dev.lrlab.train.SgdHdRuleTest.assertStep;

import dev.lrlab.LinearTestModel;
import dev.lrlab.model.VariableKind;
import org.junit.jupiter.api.Test;

class SgdnHdRuleTest {
    private static final float[] ONE = {1f};
    private static final float[] ZERO = {0f};

    /**
     * y = w x + b with x = 1, t = 0, w = b = 0.5 (L = s^2, s = w + b, g_w = g_b = 2s); mu = 0.5, alpha_0 = 0.1,
     * beta = 0.01.
     * Step 1: g = 2, v = 2, d = g + mu v = 3, h = 0, alpha = 0.1, s -> 1 - 2 * 0.1 * 3 = 0.4.
     * Step 2: L = 0.16, g = 0.8, h = -(0.8 * 3) * 2 = -4.8, alpha = 0.1 + 0.048 = 0.148, v = 0.5*2 + 0.8 = 1.8,
     *         d = 0.8 + 0.5 * 1.8 = 1.7, s -> 0.4 - 2 * 0.148 * 1.7 = -0.1032.
     * Step 3: L = 0.01065024, g = -0.2064, h = -(-0.2064 * 1.7) * 2 = 0.70176, alpha = 0.148 - 0.0070176 = 0.1409824.
     */
    @Test
    void handWorkedThreeSteps() {
        OptimizerConfig config = OptimizerConfig.of(OptimizerKind.SGDN_HD)
                .withHypergradient(new HypergradientSettings(0.01, false, Double.NaN, Double.NaN));
        try (LinearTestModel model = LinearTestModel.create(new float[] {0.5f}, 0.5f, false, VariableKind.RESOURCE)) {
            StepEngine engine = LinearEngines.mse(model, config);
            StepResult first = engine.step(ONE, ZERO, 1, 0.1, 0.5);
            assertStep(1, 0, 0.1, first);
            StepResult second = engine.step(ONE, ZERO, 1, first.learningRate(), 0.5);
            assertStep(0.16, -4.8, 0.148, second);
            StepResult third = engine.step(ONE, ZERO, 1, second.learningRate(), 0.5);
            assertStep(0.01065024, 0.70176, 0.1409824, third);
        }
    }
}
