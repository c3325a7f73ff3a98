package dev.lrlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lrlab.model.ObjectiveSpec;
import dev.lrlab.model.VariableSnapshot;
import dev.lrlab.model.VariableSnapshotter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;

class SnapshotRestoreTest {
    @Test
    void restoreAfterFiftyAdamStepsGivesBackEveryVariableAndSlotBitForBit() {
        try (TinyLinearModel model = new TinyLinearModel(0.25f, -1.5f)) {
            StepEngine engine = StepEngine.build(model, model.signature, new TrainingSetup("serving_default",
                    ObjectiveSpec.inferred(false), OptimizerConfig.of(OptimizerKind.ADAM), List.of("x0", "x1")));
            Random random = new Random(7);
            train(engine, random, 5);
            VariableSnapshotter reader = new VariableSnapshotter(model.graph(), model.session(), engine.state());
            int[] before = bits(reader);
            try (VariableSnapshot snapshot = engine.snapshot()) {
                train(engine, random, 50);
                assertFalse(Arrays.equals(before, bits(reader)), "training should have changed the state");
                engine.restore(snapshot);
            }
            assertArrayEquals(before, bits(reader));
        }
    }

    private static void train(StepEngine engine, Random random, int steps) {
        for (int i = 0; i < steps; i++) {
            float[] x = {random.nextFloat(), random.nextFloat()};
            engine.step(x, new float[] {random.nextFloat()}, 1, 0.05, 0.9);
        }
    }

    /** Every float of every variable and slot, as raw bits. */
    private static int[] bits(VariableSnapshotter reader) {
        try (VariableSnapshot snapshot = reader.snapshot()) {
            List<Integer> bits = new ArrayList<>();
            for (int i = 0; i < snapshot.size(); i++) {
                TFloat32 values = (TFloat32) snapshot.tensor(i);
                values.scalars().forEach(s -> bits.add(Float.floatToRawIntBits(s.getFloat())));
            }
            assertEquals(4, snapshot.size(), "w, Adam m and v, step counter");
            return bits.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
