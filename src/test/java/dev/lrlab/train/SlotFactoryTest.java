package dev.lrlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lrlab.LinearTestModel;
import dev.lrlab.model.VariableKind;
import org.junit.jupiter.api.Test;

class SlotFactoryTest {
    private static final float[] ONE = {1f};
    private static final float[] ZERO = {0f};

    /**
     * Regression: slots shaped like a variable read that waits for the loss used to be initialised with
     * {@code zerosLike(read)}, so building a momentum or Adam engine asked for the batch and failed.
     * On L = (w + b)^2 at w = b = 0.5 (g = 2 each), Adam's first step moves each variable by lr * g / (|g| + eps), so
     * s = w + b goes from 1 to 1 - 2 * 0.1 = 0.8 and the next loss is 0.64.
     */
    @Test
    void momentumAndAdamEnginesBuildAndStartFromZeroSlots() {
        try (LinearTestModel model = LinearTestModel.create(new float[] {0.5f}, 0.5f, false, VariableKind.VARIABLE_V2)) {
            StepEngine engine = LinearEngines.mse(model, OptimizerConfig.of(OptimizerKind.ADAM));
            assertEquals(1f, engine.step(ONE, ZERO, 1, 0.1, 0.9).loss());
            assertEquals(0.64, engine.step(ONE, ZERO, 1, 0.1, 0.9).loss(), 1e-6);
        }
        try (LinearTestModel model = LinearTestModel.create(new float[] {0.5f}, 0.5f, false, VariableKind.RESOURCE)) {
            StepEngine engine = LinearEngines.mse(model, OptimizerConfig.of(OptimizerKind.MOMENTUM));
            engine.step(ONE, ZERO, 1, 0.1, 0.9);
            // buffer = g = 2 on the first step: s = 1 - 2 * 0.1 * 2 = 0.6.
            assertEquals(0.36, engine.step(ONE, ZERO, 1, 0.1, 0.9).loss(), 1e-6);
        }
    }
}
