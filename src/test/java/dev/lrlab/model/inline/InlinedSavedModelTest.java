package dev.lrlab.model.inline;

import dev.lrlab.Fixtures;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;

@SuppressWarnings("unchecked")
class InlinedSavedModelTest {

    @ParameterizedTest
    @ValueSource(strings = {"tf1_half_plus_two", "tf1_counter", "tf2_half_plus_two", "tf2_python_module",
        "keras_heart_mlp"})
    void everyFloatSignatureGivesBitIdenticalOutputsAfterInlining(String fixture) {
        Path dir = Fixtures.model(fixture);
        int checked = 0;
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve");
                InlinedSavedModel inlined = InlinedSavedModel.of(bundle, dir)) {
            for (Map.Entry<String, SignatureDef> entry : bundle.metaGraphDef().getSignatureDefMap().entrySet()) {
                if (entry.getKey().equals(InlinedSavedModel.INIT_OP_SIGNATURE_KEY) || !floatInputs(entry.getValue())) {
                    continue;
                }
                List<float[]> before = run(bundle.session(), entry.getValue(), name -> name);
                List<float[]> after = run(inlined.session(), entry.getValue(), inlined::tensor);
                assertEquals(before.size(), after.size());
                for (int i = 0; i < before.size(); i++) {
                    assertArrayEquals(before.get(i), after.get(i), 0f, fixture + " " + entry.getKey());
                }
                checked++;
            }
        }
        assertTrue(checked > 0, "no float signature checked in " + fixture);
    }

    @Test
    void tf2InlinedGraphHasNoCallBehindServingDefault() {
        Path dir = Fixtures.model("tf2_half_plus_two");
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve");
                InlinedSavedModel inlined = InlinedSavedModel.of(bundle, dir)) {
            String y = inlined.signatureOutput("serving_default", "y");
            var needed = FunctionInliner.ancestors(inlined.graphDef().getNodeList(), List.of(y));
            for (NodeDef node : inlined.graphDef().getNodeList()) {
                if (needed.contains(node.getName())) {
                    assertFalse(FunctionInliner.CALL_OPS.contains(node.getOp()), node.getName());
                }
            }
            assertTrue(inlined.graphDef().getLibrary().getFunctionCount() > 0, "library kept for the saver");
        }
    }

    @Test
    void pythonModuleAddsAndReadsItsVariable() {
        Path dir = Fixtures.model("tf2_python_module");
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve");
                InlinedSavedModel inlined = InlinedSavedModel.of(bundle, dir);
                TFloat32 a = TFloat32.vectorOf(1.5f, -2f);
                TFloat32 b = TFloat32.vectorOf(0.25f, 8f);
                TFloat32 dummy = TFloat32.scalarOf(0f);
                Result sum = inlined.session().runner()
                        .feed(inlined.signatureInput("add", "a"), a)
                        .feed(inlined.signatureInput("add", "b"), b)
                        .fetch(inlined.signatureOutput("add", "output_0")).run();
                Result variable = inlined.session().runner()
                        .feed(inlined.signatureInput("get_variable", "dummy"), dummy)
                        .fetch(inlined.signatureOutput("get_variable", "output_0")).run()) {
            TFloat32 s = (TFloat32) sum.get(0);
            assertEquals(1.75f, s.getFloat(0));
            assertEquals(6f, s.getFloat(1));
            assertEquals(2f, ((TFloat32) variable.get(0)).getFloat());
        }
    }

    @Test
    void tf2HalfPlusTwoTrainsOneGradientDescentStepAsComputedByHand() {
        Path dir = Fixtures.model("tf2_half_plus_two");
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve");
                InlinedSavedModel inlined = InlinedSavedModel.of(bundle, dir)) {
            Graph graph = inlined.graph();
            Ops tf = Ops.create(graph);
            Output<TFloat32> y = (Output<TFloat32>) graph.outputOrThrow(inlined.signatureOutput("serving_default", "y"));
            Placeholder<TFloat32> target = tf.placeholder(TFloat32.class);
            Operand<TFloat32> loss = sumOfSquares(tf, y, target);
            Map<String, List<Output<?>>> reads = variableReads(inlined, y);
            assertEquals(java.util.Set.of("a", "b"), reads.keySet());
            List<Op> updates = descentStep(tf, graph, loss, reads, 0.1f);

            // y = a*x + b with a = 0.5, b = 2; x = 3, target 1: y = 3.5, dL/dy = 2*(3.5-1) = 5,
            // dL/da = 5*3 = 15, dL/db = 5; step 0.1: a = 0.5 - 1.5 = -1, b = 2 - 0.5 = 1.5
            try (TFloat32 x = TFloat32.vectorOf(3f); TFloat32 t = TFloat32.vectorOf(1f)) {
                Session.Runner step = inlined.session().runner()
                        .feed(inlined.signatureInput("serving_default", "x"), x).feed(target, t);
                updates.forEach(step::addTarget);
                step.run().close();
            }
            assertEquals(-1f, readVariable(inlined, "a"), 1e-6f);
            assertEquals(1.5f, readVariable(inlined, "b"), 1e-6f);
        }
    }

    @Test
    void kerasMlpHasFloatGradientsForEveryKernelAndBiasAndOneStepMovesThem() {
        Path dir = Fixtures.model("keras_heart_mlp");
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve");
                InlinedSavedModel inlined = InlinedSavedModel.of(bundle, dir)) {
            Graph graph = inlined.graph();
            Ops tf = Ops.create(graph);
            Output<TFloat32> y = (Output<TFloat32>) graph.outputOrThrow(
                    inlined.signatureOutput("serving_default", "dense_5"));
            Placeholder<TFloat32> target = tf.placeholder(TFloat32.class);
            Operand<TFloat32> loss = sumOfSquares(tf, y, target);
            Map<String, List<Output<?>>> reads = variableReads(inlined, y);
            List<String> trainable = ModelVariables.trainable(inlined.metaGraph()).stream()
                    .map(GraphVariable::nodeName).toList();
            assertEquals(12, trainable.size());
            assertEquals(new java.util.TreeSet<>(trainable), new java.util.TreeSet<>(reads.keySet()));

            List<String> names = new ArrayList<>(reads.keySet());
            List<Output<?>> xs = new ArrayList<>();
            names.forEach(name -> xs.add(reads.get(name).get(0)));
            Output<?>[] grads = graph.addGradients(loss.asOutput(), xs.toArray(new Output<?>[0]));
            for (Output<?> g : grads) {
                assertEquals(DataType.DT_FLOAT, g.dataType());
            }
            Operand<TFloat32> rate = tf.constant(0.01f);
            Ops afterGradients = tf.withControlDependencies(gradientOps(grads));
            List<Op> updates = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                updates.add(afterGradients.train.resourceApplyGradientDescent(graph.outputOrThrow(names.get(i)),
                        rate, (Output<TFloat32>) grads[i]));
            }
            String kernel = "dense_5/kernel";
            int k = names.indexOf(kernel);
            try (TFloat32 x = features(); TFloat32 t = TFloat32.tensorOf(Shape.of(4, 1))) {
                t.setFloat(1f, 0, 0);
                t.setFloat(1f, 2, 0);
                float[] before = readAll(inlined, kernel);
                float[] gradient;
                try (Result r = inlined.session().runner()
                        .feed(inlined.signatureInput("serving_default", "dense_input"), x).feed(target, t)
                        .fetch(grads[k]).run()) {
                    gradient = toFloats(r.get(0));
                }
                Session.Runner step = inlined.session().runner()
                        .feed(inlined.signatureInput("serving_default", "dense_input"), x).feed(target, t);
                updates.forEach(step::addTarget);
                step.run().close();
                float[] after = readAll(inlined, kernel);
                boolean moved = false;
                for (int i = 0; i < before.length; i++) {
                    assertEquals(before[i] - 0.01f * gradient[i], after[i], 1e-6f, kernel + "[" + i + "]");
                    moved |= gradient[i] != 0f;
                }
                assertTrue(moved, "the last kernel's gradient is all zeros");
            }
        }
    }

    private static TFloat32 features() {
        TFloat32 x = TFloat32.tensorOf(Shape.of(4, 13));
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 13; c++) {
                x.setFloat(((r * 13 + c) % 7) * 0.3f - 0.5f, r, c);
            }
        }
        return x;
    }

    private static Operand<TFloat32> sumOfSquares(Ops tf, Operand<TFloat32> y, Operand<TFloat32> target) {
        Operand<TFloat32> flat = tf.reshape(tf.math.squaredDifference(y, target), tf.constant(new int[] {-1}));
        return tf.reduceSum(flat, tf.constant(0));
    }

    /** ReadVariableOp outputs that feed {@code y}, by the VarHandleOp they read. */
    private static Map<String, List<Output<?>>> variableReads(InlinedSavedModel inlined, Output<?> y) {
        var ancestors = FunctionInliner.ancestors(inlined.graphDef().getNodeList(), List.of(y.op().name()));
        Map<String, List<Output<?>>> reads = new java.util.TreeMap<>();
        for (NodeDef node : inlined.graphDef().getNodeList()) {
            if (node.getOp().equals("ReadVariableOp") && ancestors.contains(node.getName())) {
                reads.computeIfAbsent(TensorNames.nodeName(node.getInput(0)), n -> new ArrayList<>())
                        .add(inlined.graph().outputOrThrow(node.getName()));
            }
        }
        return reads;
    }

    @SuppressWarnings("unchecked")
    private static List<Op> descentStep(Ops tf, Graph graph, Operand<TFloat32> loss,
            Map<String, List<Output<?>>> reads, float rate) {
        List<String> names = new ArrayList<>();
        List<Output<?>> xs = new ArrayList<>();
        reads.forEach((name, outputs) -> outputs.forEach(o -> {
            names.add(name);
            xs.add(o);
        }));
        Output<?>[] grads = graph.addGradients(loss.asOutput(), xs.toArray(new Output<?>[0]));
        Map<String, Operand<TFloat32>> sums = new LinkedHashMap<>();
        for (int i = 0; i < grads.length; i++) {
            assertEquals(DataType.DT_FLOAT, grads[i].dataType(), names.get(i));
            Operand<TFloat32> g = (Operand<TFloat32>) grads[i];
            sums.merge(names.get(i), g, (a, b) -> tf.math.add(a, b));
        }
        Operand<TFloat32> alpha = tf.constant(rate);
        Ops afterGradients = tf.withControlDependencies(gradientOps(grads));
        List<Op> updates = new ArrayList<>();
        sums.forEach((name, g) -> updates.add(
                afterGradients.train.resourceApplyGradientDescent(graph.outputOrThrow(name), alpha, g)));
        return updates;
    }

    /** All gradient ops: updates depend on them, so no variable changes before every gradient is read. */
    private static List<Op> gradientOps(Output<?>[] grads) {
        List<Op> ops = new ArrayList<>();
        for (Output<?> g : grads) {
            ops.add(g::op);
        }
        return ops;
    }

    private static float readVariable(InlinedSavedModel inlined, String handle) {
        return readAll(inlined, handle)[0];
    }

    private static float[] readAll(InlinedSavedModel inlined, String handle) {
        try (Result r = inlined.session().runner().fetch(handle + "/Read/ReadVariableOp").run()) {
            return toFloats(r.get(0));
        }
    }

    private interface Rename {
        String apply(String name);
    }

    private static boolean floatInputs(SignatureDef signature) {
        return signature.getInputsMap().values().stream().allMatch(info -> info.getDtype() == DataType.DT_FLOAT);
    }

    private static List<float[]> run(Session session, SignatureDef signature, Rename rename) {
        List<Tensor> feeds = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            int seed = 1;
            for (TensorInfo info : new java.util.TreeMap<>(signature.getInputsMap()).values()) {
                TFloat32 tensor = TFloat32.tensorOf(shape(info.getTensorShape()));
                long n = tensor.size();
                for (long i = 0; i < n; i++) {
                    tensor.setFloat((seed * 0.37f + i * 1.25f) % 3f - 1f, index(tensor.shape(), i));
                }
                seed++;
                feeds.add(tensor);
                runner.feed(rename.apply(info.getName()), tensor);
            }
            Map<String, TensorInfo> outputs = new java.util.TreeMap<>(signature.getOutputsMap());
            outputs.values().forEach(info -> runner.fetch(rename.apply(info.getName())));
            List<float[]> values = new ArrayList<>();
            try (Result result = runner.run()) {
                for (int i = 0; i < outputs.size(); i++) {
                    values.add(toFloats(result.get(i)));
                }
            }
            return values;
        } finally {
            feeds.forEach(Tensor::close);
        }
    }

    private static float[] toFloats(Tensor tensor) {
        if (tensor instanceof TFloat32 f) {
            float[] out = new float[(int) f.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = f.getFloat(index(f.shape(), i));
            }
            return out;
        }
        // non-float outputs (counters, strings): compare raw bytes
        byte[] bytes = new byte[(int) tensor.numBytes()];
        tensor.asRawTensor().data().read(bytes);
        float[] out = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i];
        }
        return out;
    }

    private static long[] index(Shape shape, long flat) {
        long[] idx = new long[shape.numDimensions()];
        for (int d = idx.length - 1; d >= 0; d--) {
            idx[d] = flat % shape.size(d);
            flat /= shape.size(d);
        }
        return idx;
    }

    private static Shape shape(TensorShapeProto proto) {
        if (proto.getUnknownRank()) {
            return Shape.scalar();
        }
        long[] dims = new long[proto.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            long size = proto.getDim(i).getSize();
            dims[i] = size < 0 ? 2 : size;
        }
        return Shape.of(dims);
    }
}
