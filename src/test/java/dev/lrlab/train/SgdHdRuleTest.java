package dev.lrlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lrlab.LinearTestModel;
import dev.lrlab.model.VariableKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SgdHdRuleTest {
    private static final float[] ONE = {1f};
    private static final float[] ZERO = {0f};

    /**
     * y = w x + b with x = 1, t = 0, w = b = 0.5: L = s^2 with s = w + b, g_w = g_b = 2s. alpha_0 = 0.1, beta = 0.01.
     * Step 1: s = 1, g = (2,2), h = 0, alpha = 0.1, s -> 1 - 2 * 0.1 * 2 = 0.6.
     * Step 2: L = 0.36, g = (1.2,1.2), h = -(1.2*2 + 1.2*2) = -4.8, alpha = 0.1 + 0.01*4.8 = 0.148,
     *         s -> 0.6 - 2 * 0.148 * 1.2 = 0.2448.
     * Step 3: L = 0.2448^2 = 0.05992704, g = (0.4896,0.4896), h = -2 * 0.4896 * 1.2 = -1.17504,
     *         alpha = 0.148 + 0.01 * 1.17504 = 0.1597504.
     */
    @ParameterizedTest
    @EnumSource(VariableKind.class)
    void handWorkedThreeSteps(VariableKind kind) {
        OptimizerConfig config = OptimizerConfig.of(OptimizerKind.SGD_HD)
                .withHypergradient(new HypergradientSettings(0.01, false, Double.NaN, Double.NaN));
        try (LinearTestModel model = LinearTestModel.create(new float[] {0.5f}, 0.5f, false, kind)) {
            StepEngine engine = LinearEngines.mse(model, config);
            StepResult first = engine.step(ONE, ZERO, 1, 0.1, 0);
            assertStep(1, 0, 0.1, first);
            StepResult second = engine.step(ONE, ZERO, 1, first.learningRate(), 0);
            assertStep(0.36, -4.8, 0.148, second);
            StepResult third = engine.step(ONE, ZERO, 1, second.learningRate(), 0);
            assertStep(0.05992704, -1.17504, 0.1597504, third);
        }
    }

    static void assertStep(double loss, double h, double alpha, StepResult actual) {
        assertEquals(loss, actual.loss(), 1e-5 * Math.max(1, Math.abs(loss)), "loss");
        assertEquals(h, actual.hypergradient(), 1e-5 * Math.max(1, Math.abs(h)), "hypergradient");
        assertEquals(alpha, actual.learningRate(), 1e-6 * Math.abs(alpha), "alpha");
    }
}
