package dev.lrlab.model.inline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LearningPhaseModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

class LearningPhaseRewriteTest {
    @TempDir
    static Path temp;
    private static GraphDef saved;

    @BeforeAll
    static void export() throws IOException {
        Path dir = LearningPhaseModel.export(temp.resolve("phase"));
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve")) {
            saved = bundle.metaGraphDef().getGraphDef();
        }
    }

    @Test
    void tensorFlowHasNoGradientForMergeSoTheSavedGraphIsBlockedAtTheCond() {
        // What TensorFlow 2.18 itself says of the graph as saved: addGradients stops at Merge.
        assertEquals(Optional.of("op type Merge has no registered gradient"),
                GradientCoverage.probe(saved, "y:0", List.of("dense/kernel:0")));
        assertEquals(List.of(new GradientCoverage.MissingGradient("dropout/cond/mul/Switch", "Switch"),
                        new GradientCoverage.MissingGradient("dropout/cond/Identity/Switch", "Switch"),
                        new GradientCoverage.MissingGradient("dropout/cond/Merge", "Merge")),
                GradientCoverage.opsWithoutGradient(saved, List.of("dense/kernel"), List.of("y")));
    }

    @Test
    void inferenceRewiresTheMergeToTheFalseBranchAndTheBranchToTheDataInput() {
        GraphDef graph = LearningPhaseRewrite.rewrite(saved, false);
        assertEquals(List.of("dropout/cond/Identity_1", "dense/bias"), node(graph, "y").getInputList());
        assertEquals(List.of("dense/MatMul"), node(graph, "dropout/cond/Identity_1").getInputList());
        NodeDef phase = node(graph, LearningPhaseRewrite.PHASE_NODE);
        assertEquals("Const", phase.getOp());
        assertFalse(phase.getAttrOrThrow("value").getTensor().getBoolVal(0));
        assertEquals(List.of(), GradientCoverage.opsWithoutGradient(graph, List.of("dense/kernel"), List.of("y")));
        assertEquals(Optional.empty(), GradientCoverage.probe(graph, "y:0", List.of("dense/kernel:0")));
    }

    @Test
    void trainingRewiresTheMergeToTheTrueBranchWhoseConstantStillHangsOnSwitchT() {
        GraphDef graph = LearningPhaseRewrite.rewrite(saved, true);
        assertEquals(List.of("dropout/cond/mul_2", "dense/bias"), node(graph, "y").getInputList());
        assertEquals(List.of("dense/MatMul", "dropout/cond/mul_1/y"), node(graph, "dropout/cond/mul_2").getInputList());
        assertEquals(List.of("^dropout/cond/switch_t"), node(graph, "dropout/cond/mul_1/y").getInputList());
        assertEquals(List.of(LearningPhaseRewrite.PHASE_NODE), node(graph, "dropout/cond/switch_t").getInputList());
        // the dead branch keeps reading the Switch's dead port; nothing on the path reads it
        assertEquals(List.of("dropout/cond/Switch"), node(graph, "dropout/cond/switch_f").getInputList());
        assertTrue(node(graph, LearningPhaseRewrite.PHASE_NODE).getAttrOrThrow("value").getTensor().getBoolVal(0));
        assertEquals(Optional.empty(), GradientCoverage.probe(graph, "y:0", List.of("dense/kernel:0")));
    }

    @Test
    void aMergeValueIndexConsumerGetsTheLiveIndexAsAConstant() {
        GraphDef withIndex = saved.toBuilder().addNode(NodeDef.newBuilder().setName("which").setOp("Identity")
                .addInput("dropout/cond/Merge:1")
                .putAttr("T", org.tensorflow.proto.AttrValue.newBuilder().setType(DataType.DT_INT32).build())).build();
        GraphDef graph = LearningPhaseRewrite.rewrite(withIndex, true);
        assertEquals(List.of("dropout/cond/Merge/value_index"), node(graph, "which").getInputList());
        assertEquals(1, node(graph, "dropout/cond/Merge/value_index").getAttrOrThrow("value").getTensor().getIntVal(0));
    }

    @Test
    void aGraphWithoutLearningPhaseComesBackUnchanged() {
        GraphDef plain = GraphDef.newBuilder().addNode(NodeDef.newBuilder().setName("x").setOp("Placeholder")
                .putAttr("dtype", org.tensorflow.proto.AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())).build();
        assertFalse(LearningPhaseRewrite.applies(plain));
        assertSame(plain, LearningPhaseRewrite.rewrite(plain, true));
        assertTrue(LearningPhaseRewrite.applies(saved));
    }

    @Test
    void aCondOnAnotherPredicateIsLeftAsItIs() {
        GraphDef graph;
        try (org.tensorflow.Graph g = new org.tensorflow.Graph()) {
            org.tensorflow.op.Ops tf = org.tensorflow.op.Ops.create(g);
            var x = tf.withName("x").placeholder(org.tensorflow.types.TFloat32.class);
            tf.withName(LearningPhaseRewrite.PHASE_NODE).placeholderWithDefault(tf.constant(false),
                    org.tensorflow.ndarray.Shape.scalar());
            var flag = tf.withName("flag").placeholder(org.tensorflow.types.TBool.class);
            var split = tf.withName("other_switch").switchCond(x, flag);
            tf.withName("other_merge").merge(List.of(split.outputFalse(), split.outputTrue()));
            graph = g.toGraphDef();
        }
        GraphDef rewritten = LearningPhaseRewrite.rewrite(graph, true);
        assertEquals(List.of("other_switch", "other_switch:1"), node(rewritten, "other_merge").getInputList());
        assertEquals(List.of("x", "flag"), node(rewritten, "other_switch").getInputList());
    }

    private static NodeDef node(GraphDef graph, String name) {
        return graph.getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow();
    }
}
