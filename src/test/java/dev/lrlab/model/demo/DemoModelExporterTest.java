package dev.lrlab.model.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

class DemoModelExporterTest {

    @TempDir
    Path tmp;

    private static List<float[][]> inputsFor(DemoModelSpec spec, int rows) {
        List<float[][]> inputs = new ArrayList<>();
        for (int k = 0; k < spec.inputs().size(); k++) {
            inputs.add(ForwardPass.inputRows(rows, spec.inputs().get(k).width(), k + 1));
        }
        return inputs;
    }

    private static float[][] callServingDefault(SavedModelBundle bundle, DemoModelSpec spec,
                                                List<float[][]> inputs) {
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        try {
            ForwardPass.named(spec, inputs).forEach((name, rows) -> feeds.put(name, ForwardPass.tensor(rows)));
            try (Result result = bundle.function(Signature.DEFAULT_KEY).call(feeds)) {
                return ForwardPass.matrix((TFloat32) result.get(spec.outputName()).orElseThrow());
            }
        } finally {
            feeds.values().forEach(Tensor::close);
        }
    }

    @ParameterizedTest
    @EnumSource(DemoModel.class)
    void exportedModelLoadsAndServesTheJavaForwardPass(DemoModel model) throws IOException {
        DemoModelSpec spec = model.spec();
        Path dir = tmp.resolve(model.folderName());
        DemoModelExporter.export(spec, dir);
        List<float[][]> inputs = inputsFor(spec, 7);
        double[][] expected = ForwardPass.run(spec, inputs);

        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG)) {
            Signature signature = bundle.function(Signature.DEFAULT_KEY).signature();
            // a signature's inputs are a map, whose iteration order TensorFlow does not fix: compare names only
            assertEquals(spec.inputs().stream().map(InputSpec::name).sorted().toList(),
                    signature.inputNames().stream().sorted().toList());
            assertEquals(List.of(spec.outputName()), List.copyOf(signature.outputNames()));

            float[][] actual = callServingDefault(bundle, spec, inputs);
            assertEquals(7, actual.length);
            for (int r = 0; r < actual.length; r++) {
                double sum = 0;
                for (int j = 0; j < spec.outputWidth(); j++) {
                    assertTrue(Float.isFinite(actual[r][j]), "row " + r + " is not finite");
                    assertEquals(expected[r][j], actual[r][j], 1e-4 * Math.max(1, Math.abs(expected[r][j])),
                            "row " + r + " output " + j);
                    sum += actual[r][j];
                }
                if (spec.head() == Head.SOFTMAX) {
                    assertEquals(1.0, sum, 1e-5, "probabilities of row " + r);
                } else if (spec.head() == Head.SIGMOID) {
                    assertTrue(actual[r][0] > 0 && actual[r][0] < 1);
                }
            }
        }
    }

    @Test
    void savedModelCarriesASaverDefWhoseOpsExist() throws IOException {
        Path dir = tmp.resolve("digits");
        DemoModelExporter.export(DemoModel.DIGITS_MLP.spec(), dir);
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString())) {
            SaverDef saver = bundle.metaGraphDef().getSaverDef();
            assertEquals("save/filename:0", saver.getFilenameTensorName());
            assertEquals("save/control_dependency", saver.getSaveTensorName());
            assertEquals("save/restore_all", saver.getRestoreOpName());
            bundle.graph().operationOrThrow("save/control_dependency");
            bundle.graph().operationOrThrow("save/restore_all");
            assertEquals(List.of(SavedModelBundle.DEFAULT_TAG), bundle.metaGraphDef().getMetaInfoDef().getTagsList());
        }
    }

    @Test
    void loadedVariablesHoldTheInitialWeights() throws IOException {
        DemoModelSpec spec = DemoModel.IRIS_MLP.spec();
        Path dir = tmp.resolve("iris");
        DemoModelExporter.export(spec, dir);
        LayerWeights dense2 = spec.initialWeights().get(1);
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString());
             Result result = bundle.session().runner().fetch("dense2/kernel").fetch("dense2/bias").run()) {
            float[][] kernel = ForwardPass.matrix((TFloat32) result.get(0));
            for (int i = 0; i < kernel.length; i++) {
                assertArrayEquals(dense2.kernel()[i], kernel[i], 0f);
            }
            TFloat32 bias = (TFloat32) result.get(1);
            assertEquals(3, bias.shape().size(0));
            for (int j = 0; j < 3; j++) {
                assertEquals(0f, bias.getFloat(j));
            }
        }
    }

    @Test
    void runningInitResetsTheVariablesToTheirInitialValues() throws IOException {
        Path dir = tmp.resolve("linear");
        DemoModelExporter.export(DemoModel.DIABETES_LINEAR.spec(), dir);
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString())) {
            Ops tf = Ops.create(bundle.graph());
            Variable<TFloat32> bias = new Variable<>(bundle.graph().operationOrThrow("linear/bias"));
            Assign<TFloat32> setBias = tf.withName("test_set_bias").assign(bias, tf.constant(new float[] {5f}));
            bundle.session().runner().addTarget(setBias).run();
            assertEquals(5f, fetchBias(bundle));
            bundle.session().runner().addTarget("Init").run();
            assertEquals(0f, fetchBias(bundle));
        }
    }

    private static float fetchBias(SavedModelBundle bundle) {
        try (Result result = bundle.session().runner().fetch("linear/bias").run()) {
            return ((TFloat32) result.get(0)).getFloat(0);
        }
    }

    @Test
    void theModelsOwnSaverWritesACheckpointToANewPrefix() throws IOException {
        Path dir = tmp.resolve("logistic");
        DemoModelExporter.export(DemoModel.LOGISTIC.spec(), dir);
        Path prefix = tmp.resolve("checkpoint").resolve("variables");
        Files.createDirectories(prefix.getParent());
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString());
             TString filename = TString.scalarOf(prefix.toString())) {
            SaverDef saver = bundle.metaGraphDef().getSaverDef();
            bundle.session().runner()
                    .feed(saver.getFilenameTensorName(), filename)
                    .addTarget(saver.getSaveTensorName())
                    .run();
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("variables/variables.index")),
                Files.readAllBytes(prefix.resolveSibling("variables.index")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("variables/variables.data-00000-of-00001")),
                Files.readAllBytes(prefix.resolveSibling("variables.data-00000-of-00001")));
    }

    @Test
    void exportWritesTheSameBytesEveryTime() throws IOException {
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");
        DemoModelExporter.export(DemoModel.DIGITS_MLP.spec(), first);
        DemoModelExporter.export(DemoModel.DIGITS_MLP.spec(), second);
        List<Path> files = relativeFiles(first);
        assertEquals(List.of(Path.of("saved_model.pb"), Path.of("variables/variables.data-00000-of-00001"),
                Path.of("variables/variables.index")), files);
        assertEquals(files, relativeFiles(second));
        for (Path file : files) {
            assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)),
                    file.toString());
        }
    }

    @Test
    void exportReplacesAnEarlierModelButKeepsOtherFiles() throws IOException {
        Path dir = tmp.resolve("model");
        Files.createDirectories(dir.resolve("variables"));
        Files.writeString(dir.resolve("variables/variables.data-00000-of-00002"), "stale shard");
        Files.writeString(dir.resolve("README.txt"), "notes");
        DemoModelExporter.export(DemoModel.DIABETES_LINEAR.spec(), dir);
        assertFalse(Files.exists(dir.resolve("variables/variables.data-00000-of-00002")));
        assertEquals("notes", Files.readString(dir.resolve("README.txt")));
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString())) {
            assertEquals(List.of("y"), List.copyOf(bundle.function(Signature.DEFAULT_KEY).signature().outputNames()));
        }
    }

    private static List<Path> relativeFiles(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}
