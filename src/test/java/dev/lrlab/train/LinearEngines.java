package dev.lrlab.train;

import dev.lrlab.LinearTestModel;
import dev.lrlab.model.LossKind;
import dev.lrlab.model.ObjectiveSpec;
import java.util.Arrays;

/** Step engines on a {@link LinearTestModel} with the mean squared error, and the small dataset the tests share. */
final class LinearEngines {
    /** Six rows of two features. */
    static final float[] FEATURES = {1.0f, 2.0f, -1.0f, 0.5f, 0.5f, -1.5f, 2.0f, 1.0f, -0.5f, -1.0f, 1.5f, 0.5f};
    /** One target per row. */
    static final float[] LABELS = {1.0f, -2.0f, 0.5f, 3.0f, -1.0f, 2.0f};
    /** Initial weights. */
    static final float[] WEIGHTS = {0.2f, -0.1f};
    /** Initial bias. */
    static final float BIAS = 0.1f;

    private LinearEngines() {
    }

    static StepEngine mse(LinearTestModel model, OptimizerConfig config) {
        ObjectiveSpec objective = ObjectiveSpec.builder().optLossKind(LossKind.MSE).optFromLogits(false).build();
        return StepEngine.build(model, model.signature(),
                new TrainingSetup(LinearTestModel.SIGNATURE, objective, config, model.featureNames()));
    }

    /** @return the features of batch {@code k} (0-based): rows 2k and 2k+1, cycling over the six rows */
    static float[] batchFeatures(int k) {
        int start = (2 * k) % 6;
        return Arrays.copyOfRange(FEATURES, start * 2, start * 2 + 4);
    }

    /** @return the labels of batch {@code k} */
    static float[] batchLabels(int k) {
        int start = (2 * k) % 6;
        return Arrays.copyOfRange(LABELS, start, start + 2);
    }
}
