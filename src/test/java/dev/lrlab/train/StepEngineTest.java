package dev.lrlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lrlab.LinearTestModel;
import dev.lrlab.model.VariableKind;
import dev.lrlab.model.VariableSnapshot;
import org.junit.jupiter.api.Test;

class StepEngineTest {
    private static final float[] ONE = {1f};
    private static final float[] ZERO = {0f};

    @Test
    void weightsMoveToAnEngineOnACopyOfTheModelWithoutItsSlots() {
        try (LinearTestModel first = LinearTestModel.create(new float[] {0.5f}, 0.5f, false, VariableKind.RESOURCE);
                LinearTestModel second = LinearTestModel.create(new float[] {3f}, 3f, false, VariableKind.RESOURCE)) {
            StepEngine adapted = LinearEngines.mse(first, OptimizerConfig.of(OptimizerKind.ADAM_HD));
            StepEngine fixed = LinearEngines.mse(second, OptimizerConfig.of(OptimizerKind.SGD));
            adapted.step(ONE, ZERO, 1, 0.1, 0.9);
            try (VariableSnapshot weights = adapted.snapshotWeights()) {
                assertEquals(2, weights.size());
                fixed.restoreWeights(weights);
            }
            // Adam's first step moved w and b by 0.1 each: s = 1 - 0.2 = 0.8, L = 0.64.
            assertEquals(0.64, fixed.step(ONE, ZERO, 1, 0.1, 0).loss(), 1e-6);
        }
    }
}
