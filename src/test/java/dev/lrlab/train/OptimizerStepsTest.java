package dev.lrlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lrlab.model.ObjectiveSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The first three steps of each optimizer on y = x . w with one example x = (1, 2), target t = 1, MSE loss
 * L = (x.w - t)^2 and w0 = (0.5, -0.5), lr = 0.1, momentum 0.9. The gradient is g = 2 (x.w - t) x.
 * Expected values are worked out below, step by step, in plain arithmetic.
 */
class OptimizerStepsTest {
    private static final float[] X = {1, 2};
    private static final float[] T = {1};

    private static float[][] run(OptimizerKind kind, double weightDecay) {
        try (TinyLinearModel model = new TinyLinearModel(0.5f, -0.5f)) {
            StepEngine engine = StepEngine.build(model, model.signature, new TrainingSetup("serving_default",
                    ObjectiveSpec.inferred(false), OptimizerConfig.of(kind).withWeightDecay(weightDecay), List.of("x0", "x1")));
            float[][] weights = new float[3][];
            for (int step = 0; step < 3; step++) {
                engine.step(X, T, 1, 0.1, 0.9);
                weights[step] = model.weights();
            }
            return weights;
        }
    }

    @Test
    void sgd() {
        // step 1: x.w = 0.5 - 1 = -0.5, g = 2(-1.5)(1,2) = (-3,-6), w = (0.8, 0.1)
        // step 2: x.w = 1.0, g = (0, 0), w unchanged
        float[][] w = run(OptimizerKind.SGD, 0);
        assertArrayEquals(new float[] {0.8f, 0.1f}, w[0], 1e-6f);
        assertArrayEquals(new float[] {0.8f, 0.1f}, w[1], 1e-6f);
        assertArrayEquals(new float[] {0.8f, 0.1f}, w[2], 1e-6f);
    }

    @Test
    void sgdWithWeightDecayAddsDecayTimesWeightToTheGradient() {
        // wd = 0.5: step 1 g = (-3,-6) + 0.5 (0.5,-0.5) = (-2.75,-6.25); w = (0.775, 0.125)
        float[][] w = run(OptimizerKind.SGD, 0.5);
        assertArrayEquals(new float[] {0.775f, 0.125f}, w[0], 1e-6f);
    }

    @Test
    void momentumFollowsPyTorch() {
        // step 1: b = g = (-3,-6); w = (0.8, 0.1)
        // step 2: x.w = 1, g = 0; b = 0.9 b = (-2.7,-5.4); w = (0.8+0.27, 0.1+0.54) = (1.07, 0.64)
        // step 3: x.w = 1.07+1.28 = 2.35, g = 2(1.35)(1,2) = (2.7,5.4); b = 0.9(-2.7,-5.4)+(2.7,5.4) = (0.27,0.54)
        //         w = (1.07-0.027, 0.64-0.054) = (1.043, 0.586)
        float[][] w = run(OptimizerKind.MOMENTUM, 0);
        assertArrayEquals(new float[] {0.8f, 0.1f}, w[0], 1e-6f);
        assertArrayEquals(new float[] {1.07f, 0.64f}, w[1], 1e-5f);
        assertArrayEquals(new float[] {1.043f, 0.586f}, w[2], 1e-5f);
    }

    @Test
    void nesterovFollowsPyTorch() {
        // step 1: b = (-3,-6); d = g + 0.9 b = (-5.7,-11.4); w = (0.5+0.57, -0.5+1.14) = (1.07, 0.64)
        // step 2: x.w = 2.35, g = (2.7,5.4); b = 0.9(-3,-6)+(2.7,5.4) = (0,0); d = (2.7,5.4); w = (0.8, 0.1)
        // step 3: x.w = 1, g = 0; b = 0; w unchanged
        float[][] w = run(OptimizerKind.NESTEROV, 0);
        assertArrayEquals(new float[] {1.07f, 0.64f}, w[0], 1e-5f);
        assertArrayEquals(new float[] {0.8f, 0.1f}, w[1], 1e-5f);
        assertArrayEquals(new float[] {0.8f, 0.1f}, w[2], 1e-5f);
    }

    @Test
    void adamFollowsPyTorch() {
        // step 1: g = (-3,-6); m = 0.1 g = (-0.3,-0.6); v = 0.001 g^2 = (0.009,0.036)
        //   m^ = (-3,-6), v^ = (9,36); d = m^/(sqrt(v^)+1e-8) = (-1,-1) (to 1e-8); w = (0.6, -0.4)
        // step 2: x.w = -0.2, g = 2(-1.2)(1,2) = (-2.4,-4.8)
        //   m = 0.9(-0.3,-0.6) + 0.1(-2.4,-4.8) = (-0.51,-1.02); m^ = m / 0.19 = (-2.684211,-5.368421)
        //   v = 0.999(0.009,0.036) + 0.001(5.76,23.04) = (0.014751,0.059004); v^ = v / 0.001999 = (7.379190,29.516758)
        //   d = (-2.684211/2.716467, -5.368421/5.432933) = (-0.988126,-0.988126); w = (0.698813,-0.301187)
        float[][] w = run(OptimizerKind.ADAM, 0);
        assertArrayEquals(new float[] {0.6f, -0.4f}, w[0], 1e-6f);
        assertArrayEquals(new float[] {0.698813f, -0.301187f}, w[1], 2e-6f);
        // step 3, same rule once more, computed in double as the reference
        double[] m = {-0.51, -1.02};
        double[] v = {0.014751, 0.059004};
        double[] wd = {0.6988126, -0.3011874};
        double err = wd[0] + 2 * wd[1] - 1;
        double[] g = {2 * err, 4 * err};
        for (int i = 0; i < 2; i++) {
            m[i] = 0.9 * m[i] + 0.1 * g[i];
            v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
            double mHat = m[i] / (1 - Math.pow(0.9, 3));
            double vHat = v[i] / (1 - Math.pow(0.999, 3));
            wd[i] -= 0.1 * mHat / (Math.sqrt(vHat) + 1e-8);
        }
        assertEquals(wd[0], w[2][0], 1e-5);
        assertEquals(wd[1], w[2][1], 1e-5);
    }
}
