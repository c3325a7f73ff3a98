package dev.lrlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lrlab.Fixtures;
import dev.lrlab.model.ModelExporter;
import dev.lrlab.model.ObjectiveSpec;
import dev.lrlab.model.SavedModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** Trains the TF1 and TF2 half-plus-two fixtures on y = 3x - 1, exports them and reloads the export. */
class HalfPlusTwoTrainingTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"tf1_half_plus_two", "tf2_half_plus_two"})
    void sgdLearnsThreeXMinusOneAndTheExportServesIt(String fixture) {
        Path exported = temp.resolve("trained");
        try (SavedModel model = SavedModel.load(Fixtures.shared(fixture))) {
            StepEngine engine = StepEngine.build(model, model.signature("serving_default"),
                    new TrainingSetup("serving_default", ObjectiveSpec.inferred(false), OptimizerConfig.of(OptimizerKind.SGD),
                            List.of("x")));
            int batch = fixture.startsWith("tf2") ? 1 : 32;
            Random random = new Random(1);
            for (int step = 0; step < 400; step++) {
                float[] x = new float[batch];
                float[] y = new float[batch];
                for (int i = 0; i < batch; i++) {
                    x[i] = random.nextFloat() * 4 - 2;
                    y[i] = 3 * x[i] - 1;
                }
                engine.step(x, y, batch, 0.1, 0);
            }
            ModelExporter.export(model.directory(), model.metaGraphDef().getSaverDef(), model.session(), exported, false);
        }
        try (SavedModel reloaded = SavedModel.load(exported)) {
            String input = reloaded.signature("serving_default").input("x").tensorName();
            String output = reloaded.signature("serving_default").output("y").tensorName();
            for (float x : new float[] {-2f, 0f, 1.5f}) {
                assertEquals(3 * x - 1, predict(reloaded, input, output, x, fixture.startsWith("tf2")), 0.01);
            }
        }
    }

    private static float predict(SavedModel model, String input, String output, float x, boolean vector) {
        Shape shape = vector ? Shape.of(1) : Shape.of(1, 1);
        try (TFloat32 tensor = TFloat32.tensorOf(shape, d -> d.scalars().forEach(s -> s.setFloat(x)));
                Result result = model.session().runner().feed(input, tensor).fetch(output).run()) {
            return ((TFloat32) result.get(0)).scalars().iterator().next().getFloat();
        }
    }
}
