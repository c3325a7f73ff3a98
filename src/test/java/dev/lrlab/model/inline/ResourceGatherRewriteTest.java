package dev.lrlab.model.inline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;

class ResourceGatherRewriteTest {

    /** An embedding table [[1,2],[3,4],[5,6]] read at rows 2, 0, 2 with ResourceGather. */
    private static GraphDef embedding() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            var table = tf.withName("table").varHandleOp(TFloat32.class, Shape.of(3, 2),
                    org.tensorflow.op.core.VarHandleOp.sharedName("table"));
            tf.withName("init").assignVariableOp(table,
                    tf.constant(new float[][] {{1f, 2f}, {3f, 4f}, {5f, 6f}}));
            tf.withName("rows").resourceGather(table, tf.constant(new int[] {2, 0, 2}), TFloat32.class);
            return g.toGraphDef();
        }
    }

    @Test
    void resourceGatherBecomesReadVariableOpAndGatherV2UnderTheSameName() {
        GraphDef rewritten = ResourceGatherRewrite.rewrite(embedding());
        NodeDef rows = rewritten.getNodeList().stream().filter(n -> n.getName().equals("rows")).findFirst().orElseThrow();
        assertEquals("GatherV2", rows.getOp());
        assertEquals(List.of("rows/ReadVariableOp", rows.getInput(1), "rows/axis"), rows.getInputList());
        assertFalse(rewritten.getNodeList().stream().anyMatch(n -> n.getOp().equals(ResourceGatherRewrite.OP)));
    }

    @Test
    void rewrittenGatherGivesTheSameRowsAndAFloatGradientCountingEachRow() {
        GraphDef original = embedding();
        float[] before = gathered(original);
        GraphDef rewritten = ResourceGatherRewrite.rewrite(original);
        assertArrayEquals(before, gathered(rewritten));
        assertArrayEquals(new float[] {5f, 6f, 1f, 2f, 5f, 6f}, before);

        try (Graph g = new Graph()) {
            g.importGraphDef(rewritten);
            Ops tf = Ops.create(g);
            @SuppressWarnings("unchecked")
            Output<TFloat32> rows = (Output<TFloat32>) g.outputOrThrow("rows");
            var loss = tf.reduceSum(rows, tf.constant(new int[] {0, 1}));
            Output<?>[] grads = g.addGradients(loss.asOutput(), new Output<?>[] {g.outputOrThrow("rows/ReadVariableOp")});
            assertEquals(DataType.DT_FLOAT, grads[0].dataType());
            try (Session s = new Session(g)) {
                s.runner().addTarget("init").run().close();
                try (Result r = s.runner().fetch(grads[0]).run()) {
                    TFloat32 grad = (TFloat32) r.get(0);
                    // d sum / d table: row 0 read once, row 1 never, row 2 twice
                    assertArrayEquals(new float[] {1f, 1f, 0f, 0f, 2f, 2f}, flatten(grad));
                }
            }
        }
    }

    private static float[] gathered(GraphDef graph) {
        try (Graph g = new Graph()) {
            g.importGraphDef(graph);
            try (Session s = new Session(g)) {
                s.runner().addTarget("init").run().close();
                try (Result r = s.runner().fetch("rows").run()) {
                    return flatten((TFloat32) r.get(0));
                }
            }
        }
    }

    private static float[] flatten(TFloat32 t) {
        float[] out = new float[(int) t.size()];
        long cols = t.shape().size(1);
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getFloat(i / cols, i % cols);
        }
        return out;
    }
}
