package dev.lrlab.model.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.types.TFloat32;

class DemoGraphTest {

    private static String type(Graph graph, String op) {
        return graph.operationOrThrow(op).type();
    }

    private static String input(Graph graph, String op, int index) {
        return graph.operationOrThrow(op).input(index).op().name();
    }

    @Test
    void digitsMlpHasNamedTf1Ops() {
        try (Graph graph = new Graph()) {
            DemoGraph.build(graph, DemoModel.DIGITS_MLP.spec());
            assertEquals("Placeholder", type(graph, "x"));
            for (String layer : List.of("dense1", "dense2")) {
                assertEquals("VariableV2", type(graph, layer + "/kernel"));
                assertEquals("VariableV2", type(graph, layer + "/bias"));
                assertEquals("Const", type(graph, layer + "/kernel_initial_value"));
                assertEquals("Assign", type(graph, layer + "/kernel_assign"));
                assertEquals("Assign", type(graph, layer + "/bias_assign"));
                assertEquals("MatMul", type(graph, layer + "/MatMul"));
                assertEquals("BiasAdd", type(graph, layer + "/BiasAdd"));
            }
            assertEquals("Relu", type(graph, "dense1/Relu"));
            assertEquals("dense1/Relu", input(graph, "dense2/MatMul", 0));
            assertEquals("dense2/kernel", input(graph, "dense2/MatMul", 1));
            assertEquals("Softmax", type(graph, "probabilities"));
            // the logits are the softmax's input
            assertEquals("dense2/BiasAdd", input(graph, "probabilities", 0));
        }
    }

    @Test
    void assignsAreRegisteredInitializers() {
        try (Graph graph = new Graph()) {
            DemoGraph.build(graph, DemoModel.IRIS_MLP.spec());
            GraphOperation assign = graph.operationOrThrow("dense1/kernel_assign");
            assertTrue(graph.isInitializer(assign));
            assertEquals("dense1/kernel", assign.input(0).op().name());
            assertEquals("dense1/kernel_initial_value", assign.input(1).op().name());
        }
    }

    @Test
    void twoInputsAreConcatenatedInSignatureOrder() {
        try (Graph graph = new Graph()) {
            Signature signature = DemoGraph.build(graph, DemoModel.IRIS_TWO_INPUTS.spec());
            assertEquals(List.of("sepal", "petal"), List.copyOf(signature.inputNames()));
            assertEquals("ConcatV2", type(graph, "concat"));
            assertEquals("sepal", input(graph, "concat", 0));
            assertEquals("petal", input(graph, "concat", 1));
            assertEquals("concat_axis", input(graph, "concat", 2));
            assertEquals("concat", input(graph, "dense1/MatMul", 0));
        }
    }

    @Test
    void headsAreNamedLikeTheirOutputs() {
        try (Graph graph = new Graph()) {
            Signature signature = DemoGraph.build(graph, DemoModel.LOGISTIC.spec());
            assertEquals("Sigmoid", type(graph, "probability"));
            assertEquals("logistic/BiasAdd", input(graph, "probability", 0));
            assertEquals("probability:0", signature.getOutputs().get("probability").name);
            assertEquals("x:0", signature.getInputs().get("x").name);
            assertEquals(DemoGraph.PREDICT_METHOD, signature.methodName());
        }
        try (Graph graph = new Graph()) {
            DemoGraph.build(graph, DemoModel.DIABETES_LINEAR.spec());
            assertEquals("Identity", type(graph, "y"));
            assertEquals("linear/BiasAdd", input(graph, "y", 0));
        }
    }

    @Test
    void sessionOutputMatchesAForwardPassInJava() {
        DemoModelSpec spec = DemoModel.IRIS_TWO_INPUTS.spec();
        List<float[][]> inputs = List.of(ForwardPass.inputRows(5, 2, 1), ForwardPass.inputRows(5, 2, 2));
        double[][] expected = ForwardPass.run(spec, inputs);
        try (Graph graph = new Graph();
             Session session = new Session(graph)) {
            DemoGraph.build(graph, spec);
            session.initialize();
            try (TFloat32 sepal = ForwardPass.tensor(inputs.get(0));
                 TFloat32 petal = ForwardPass.tensor(inputs.get(1));
                 var result = session.runner().feed("sepal", sepal).feed("petal", petal)
                         .fetch("probabilities").run()) {
                float[][] actual = ForwardPass.matrix((TFloat32) result.get(0));
                for (int r = 0; r < expected.length; r++) {
                    for (int j = 0; j < expected[r].length; j++) {
                        assertEquals(expected[r][j], actual[r][j], 1e-5, "row " + r + " class " + j);
                    }
                }
            }
        }
    }
}
