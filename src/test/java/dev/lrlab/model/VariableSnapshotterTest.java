package dev.lrlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lrlab.LinearTestModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class VariableSnapshotterTest {
    /**
     * Regression: the snapshot of a {@code VariableV2} used to share the variable's buffer, so a later
     * same-shape Assign changed the snapshot too and restore wrote back the new value.
     */
    @ParameterizedTest
    @EnumSource(VariableKind.class)
    void snapshotKeepsItsValuesWhenTheVariableIsAssignedInPlace(VariableKind kind) {
        try (LinearTestModel model = LinearTestModel.create(new float[] {1f, 2f}, 3f, false, kind)) {
            ModelVariable w = ModelVariable.bind(model.graph(), model.trainableVariablesFor(List.of("y:0")).get(0));
            VariableSnapshotter snapshotter = new VariableSnapshotter(model.graph(), model.session(), List.of(w));
            Ops tf = Ops.create(model.graph());
            Operand<TFloat32> doubled = tf.math.mul(w.read(tf), tf.constant(2f));
            Op assign = w.assign(tf, doubled);
            Operand<TFloat32> value = w.read(tf);
            try (VariableSnapshot snapshot = snapshotter.snapshot()) {
                model.session().runner().addTarget(assign).run().close();
                assertEquals(4f, read(model, value, 1));
                snapshotter.restore(snapshot);
                assertEquals(1f, read(model, value, 0));
                assertEquals(2f, read(model, value, 1));
            }
        }
    }

    @Test
    void closedSnapshotRefusesToRestore() {
        try (LinearTestModel model = LinearTestModel.create(new float[] {1f}, 0f, false, VariableKind.RESOURCE)) {
            ModelVariable b = ModelVariable.bind(model.graph(), model.trainableVariablesFor(List.of("y:0")).get(1));
            VariableSnapshotter snapshotter = new VariableSnapshotter(model.graph(), model.session(), List.of(b));
            VariableSnapshot snapshot = snapshotter.snapshot();
            snapshot.close();
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> snapshotter.restore(snapshot));
            assertEquals("this snapshot was closed; take a new one", e.getMessage());
        }
    }

    private static float read(LinearTestModel model, Operand<TFloat32> value, long row) {
        try (Result result = model.session().runner().fetch(value).run()) {
            return ((TFloat32) result.get(0)).getFloat(row, 0);
        }
    }
}
