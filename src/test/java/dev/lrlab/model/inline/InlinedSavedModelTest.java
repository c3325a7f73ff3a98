package dev.lrlab.model.inline;

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
import org.tensorflow.Result;
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
