package dev.lrlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lrlab.Fixtures;
import dev.lrlab.model.ObjectiveSpec;
import dev.lrlab.model.SavedModel;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HalfPlusTwoTrainingTest {
    @Test
    void sgdMovesTf1HalfPlusTwoToThreeXMinusOne() {
        try (SavedModel model = SavedModel.load(Fixtures.shared("tf1_half_plus_two"))) {
            StepEngine engine = StepEngine.build(model, model.signature("serving_default"),
                    new TrainingSetup("serving_default", ObjectiveSpec.inferred(false), OptimizerConfig.of(OptimizerKind.SGD),
                            List.of("x")));
            Random random = new Random(1);
            float loss = 0;
            for (int step = 0; step < 300; step++) {
                float[] x = new float[32];
                float[] y = new float[32];
                for (int i = 0; i < 32; i++) {
                    x[i] = random.nextFloat() * 4 - 2;
                    y[i] = 3 * x[i] - 1;
                }
                loss = engine.step(x, y, 32, 0.1, 0).loss();
            }
            System.out.println("loss " + loss + " " + engine.objective().description());
            assertEquals(0, loss, 1e-4);
        }
    }
}
