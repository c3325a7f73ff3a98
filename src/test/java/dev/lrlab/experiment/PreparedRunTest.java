package dev.lrlab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lrlab.Fixtures;
import dev.lrlab.data.DataSpec;
import dev.lrlab.model.VariableSnapshot;
import dev.lrlab.train.OptimizerConfig;
import dev.lrlab.train.OptimizerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.types.TFloat32;

/** A prepared run on the Keras heart MLP restores every weight and Adam slot bit for bit. */
class PreparedRunTest {
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theHeartMlpIsBitIdenticalAfterSnapshotTrainAndRestore(boolean trainingMode) {
        RunSpec spec = RunSpec.builder().setModel(Fixtures.shared("keras_heart_mlp"))
                .setData(new DataSpec(Fixtures.shared("keras_heart_mlp.csv"), Optional.empty(), Optional.of("target"),
                        Optional.empty()))
                .optOptimizer(OptimizerConfig.of(OptimizerKind.ADAM))
                .optRoute(trainingMode ? TrainingRoute.kerasTrainingMode() : TrainingRoute.standard())
                .build();
        try (PreparedRun run = PreparedRun.open(spec)) {
            assertEquals(12, run.engine().variables().size());
            double validation = run.validate().orElseThrow().loss();
            List<Integer> before;
            try (VariableSnapshot snapshot = run.snapshot()) {
                before = bits(snapshot);
                for (int step = 0; step < 10; step++) {
                    run.step(step, 1e-3, 0.9);
                }
                try (VariableSnapshot trained = run.snapshot()) {
                    assertFalse(before.equals(bits(trained)), "ten Adam steps should change the weights");
                }
                run.restore(snapshot);
            }
            try (VariableSnapshot restored = run.snapshot()) {
                assertArrayEquals(before.toArray(), bits(restored).toArray());
            }
            assertEquals(validation, run.validate().orElseThrow().loss());
        }
    }

    private static List<Integer> bits(VariableSnapshot snapshot) {
        List<Integer> bits = new ArrayList<>();
        for (int i = 0; i < snapshot.size(); i++) {
            ((TFloat32) snapshot.tensor(i)).scalars().forEach(s -> bits.add(Float.floatToRawIntBits(s.getFloat())));
        }
        return bits;
    }
}
