package dev.lrlab.model.inline;

import dev.lrlab.Fixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class GradientCoverageTest {

    @Test
    void namesTheCallBetweenVariableAndOutputBeforeInliningAndNothingAfter() {
        Path dir = Fixtures.model("tf2_half_plus_two");
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve")) {
            MetaGraphDef meta = bundle.metaGraphDef();
            String y = meta.getSignatureDefOrThrow("serving_default").getOutputsOrThrow("y").getName();
            assertEquals(List.of(new GradientCoverage.MissingGradient(TensorNames.nodeName(y),
                    "StatefulPartitionedCall")),
                    GradientCoverage.opsWithoutGradient(meta.getGraphDef(), List.of("a"), List.of(y)));

            GraphDef inlined = FunctionInliner.withRegisteredOps().inline(meta.getGraphDef(), List.of(y));
            assertEquals(List.of(), GradientCoverage.opsWithoutGradient(inlined, List.of("a"), List.of(y)));
        }
    }

    @Test
    void probeReportsTheResourceGradientOfACapturedVariableAndAcceptsTheInlinedRead() {
        Path dir = Fixtures.model("tf2_half_plus_two");
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve")) {
            MetaGraphDef meta = bundle.metaGraphDef();
            String y = meta.getSignatureDefOrThrow("serving_default").getOutputsOrThrow("y").getName();
            Optional<String> before = GradientCoverage.probe(meta.getGraphDef(), y, List.of("a"));
            assertTrue(before.isPresent() && before.get().contains("DT_RESOURCE"), String.valueOf(before));
            GradientCoverage.ProbeFailure failure = GradientCoverage.probeFailure(meta.getGraphDef(), List.of(y),
                    List.of("a")).orElseThrow();
            assertEquals(before.get(), failure.reason());
            assertEquals(Optional.empty(), failure.opType()); // a gradient of the wrong type, not a missing one

            GraphDef inlined = FunctionInliner.withRegisteredOps().inline(meta.getGraphDef(), List.of(y));
            String read = inlined.getNodeList().stream()
                    .filter(n -> n.getOp().equals("ReadVariableOp") && n.getInput(0).equals("a")
                            && n.getName().startsWith(TensorNames.nodeName(y) + "/"))
                    .findFirst().orElseThrow().getName();
            assertEquals(Optional.empty(), GradientCoverage.probe(inlined, y, List.of(read)));
        }
    }

    @Test
    void probeNamesAnOpTypeWithoutRegisteredGradient() {
        // Merge (TF1 tf.cond) has no C++ gradient and lrlab registers none; SparseSoftmaxCrossEntropyWithLogits would
        // make this test depend on whether an earlier test of the same JVM ran MissingGradients.registerAll.
        GraphDef graph;
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            var x = tf.withName("x").placeholder(TFloat32.class);
            tf.withName("merged").merge(List.of(x, tf.math.mul(x, tf.constant(2f))));
            graph = g.toGraphDef();
        }
        assertEquals(Optional.of("op type Merge has no registered gradient"),
                GradientCoverage.probe(graph, "merged:0", List.of("x:0")));
        assertEquals(Optional.of("Merge"),
                GradientCoverage.probeFailure(graph, List.of("merged:0"), List.of("x:0")).orElseThrow().opType());
        assertEquals(List.of(new GradientCoverage.MissingGradient("merged", "Merge")),
                GradientCoverage.opsWithoutGradient(graph, List.of("x"), List.of("merged")));
        assertEquals(List.of(new GradientCoverage.MissingGradient("xent", "SparseSoftmaxCrossEntropyWithLogits")),
                GradientCoverage.opsWithoutGradient(xent(), List.of("logits"), List.of("xent")));
    }

    private static GraphDef xent() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            var logits = tf.withName("logits").placeholder(TFloat32.class);
            var labels = tf.withName("labels").placeholder(TInt32.class);
            tf.withName("xent").nn.sparseSoftmaxCrossEntropyWithLogits(logits, labels);
            return g.toGraphDef();
        }
    }

    @Test
    void parsesTheOpTypeFromTensorFlowsMessage() {
        assertEquals(Optional.of("While"), GradientCoverage.opTypeFromError("No gradient defined for op: While. ..."));
        assertEquals(Optional.empty(), GradientCoverage.opTypeFromError("something else"));
    }
}
