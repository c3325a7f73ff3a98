package dev.lrlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.Fixtures;
import dev.lrlab.data.DataSpec;
import dev.lrlab.model.SavedModel;
import dev.lrlab.train.OptimizerConfig;
import dev.lrlab.train.OptimizerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/** The Java API as the README shows it, on the shared TF1 fixture and on a bundled model. */
class JavaApiExampleTest {
    @TempDir
    Path temp;

    @Test
    void readmeExampleTrainsTf1HalfPlusTwoToThreeXMinusOneAndExportsIt() throws IOException {
        Path modelDir = Fixtures.shared("tf1_half_plus_two");
        Path csv = temp.resolve("line.csv");
        StringBuilder rows = new StringBuilder("x,y\n");
        Random random = new Random(5);
        for (int i = 0; i < 200; i++) {
            float x = random.nextFloat() * 4 - 2;
            rows.append(String.format(Locale.ROOT, "%s,%s%n", x, 3 * x - 1));
        }
        Files.writeString(csv, rows);
        Path exported = temp.resolve("half-plus-two-trained");

        // --- README: Java API ---
        RunSpec spec = RunSpec.builder()
                .setModel(modelDir)
                .setData(DataSpec.csv(csv, "y"))
                .optOptimizer(OptimizerConfig.of(OptimizerKind.MOMENTUM))
                .optBatchSize(16)
                .build();
        try (PreparedRun run = PreparedRun.open(spec)) {
            TrainResult result = TrainRun.run(run, TrainSettings.constant(300, 0.05, 0.9),
                    row -> { }, new StopSignal());
            System.out.println("validation loss " + result.lastValidation().orElseThrow().evaluation().loss());
            run.export(exported, false);
        }
        // --- end ---

        try (SavedModel trained = SavedModel.load(exported)) {
            assertEquals(3f, value(trained, "a"), 0.01);
            assertEquals(-1f, value(trained, "b"), 0.01);
        }
    }

    @Test
    void trainingRestoresNothingByItselfButSnapshotsDo() {
        RunSpec spec = RunSpec.builder().setModel(Path.of("models/iris-mlp"))
                .setData(DataSpec.csv(Path.of("data-samples/iris.csv"), "species")).build();
        try (PreparedRun run = PreparedRun.open(spec)) {
            double before = run.validate().orElseThrow().loss();
            try (var snapshot = run.snapshot()) {
                TrainRun.run(run, TrainSettings.constant(60, 0.05, 0.9), StepListener.NONE, new StopSignal());
                double trained = run.validate().orElseThrow().loss();
                assertTrue(trained < before, before + " -> " + trained);
                run.restore(snapshot);
            }
            assertEquals(before, run.validate().orElseThrow().loss());
        }
    }

    private static float value(SavedModel model, String variable) {
        try (Result result = model.session().runner().fetch(variable).run()) {
            return ((TFloat32) result.get(0)).getFloat();
        }
    }
}
