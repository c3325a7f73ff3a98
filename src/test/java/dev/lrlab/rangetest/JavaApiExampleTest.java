package dev.lrlab.rangetest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.data.DataSpec;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StepListener;
import dev.lrlab.run.StopSignal;
import dev.lrlab.training.TrainRun;
import dev.lrlab.training.TrainSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Java API on a bundled model (the README's own examples are run by {@code dev.lrlab.ReadmeJavaExamplesTest}). */
class JavaApiExampleTest {
    @Test
    void trainingRestoresNothingByItselfButSnapshotsDo() {
        RunSpec spec = RunSpec.builder().setModel(Path.of("models/iris-mlp"))
                .setData(DataSpec.csv(Path.of("data-samples/iris.csv"), "species")).build();
        try (PreparedRun run = PreparedRun.open(spec)) {
            double before = run.validate().orElseThrow().loss();
            try (var snapshot = run.snapshot()) {
                TrainRun.run(run, TrainSettings.constant(60, 0.05, 0.9), StepListener.none(), new StopSignal());
                double trained = run.validate().orElseThrow().loss();
                assertTrue(trained < before, before + " -> " + trained);
                run.restore(snapshot);
            }
            assertEquals(before, run.validate().orElseThrow().loss());
        }
    }
}
