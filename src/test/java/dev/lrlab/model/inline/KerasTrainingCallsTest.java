package dev.lrlab.model.inline;

import dev.lrlab.Fixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import dev.lrlab.model.LoadMode;
import dev.lrlab.model.Objective;
import dev.lrlab.model.ObjectiveBuilder;
import dev.lrlab.model.ObjectiveSpec;
import dev.lrlab.model.SavedModel;
import dev.lrlab.model.SignatureSpec;
import dev.lrlab.model.TrainingPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/** Finding and calling the Keras training-mode function of real SavedModels. */
class KerasTrainingCallsTest {
    private static MetaGraphDef meta(String fixture) throws IOException {
        return org.tensorflow.proto.SavedModel.parseFrom(Files.readAllBytes(Fixtures.model(fixture).resolve("saved_model.pb")))
                .getMetaGraphs(0);
    }

    @Test
    void theHeartModelsTrainingFunctionIsCalledOnTheServingInputAndItsTwelveBoundVariables() throws IOException {
        MetaGraphDef meta = meta("keras_heart_mlp");
        assertTrue(KerasTrainingCalls.available(meta));
        KerasTrainingCalls.Added added = KerasTrainingCalls.add(meta);
        assertEquals(java.util.Map.of("serving_default", "__lrlab_training/serving_default"), added.trainingSignatures());
        NodeDef call = added.metaGraph().getGraphDef().getNodeList().stream()
                .filter(n -> n.getName().equals("lrlab_training/serving_default")).findFirst().orElseThrow();
        assertEquals("StatefulPartitionedCall", call.getOp());
        // the concrete function traced with training=True on the input named dense_input (not the one named inputs)
        assertEquals("__inference_sequential_layer_call_and_return_conditional_losses_2697",
                call.getAttrOrThrow("f").getFunc().getName());
        List<String> expected = new ArrayList<>(List.of("serving_default_dense_input:0"));
        for (String layer : List.of("dense", "dense_1", "dense_2", "dense_3", "dense_4", "dense_5")) {
            expected.add(layer + "/kernel");
            expected.add(layer + "/bias");
        }
        assertEquals(expected, call.getInputList());
        var hidden = added.metaGraph().getSignatureDefOrThrow("__lrlab_training/serving_default");
        assertEquals(List.of("dense_5"), List.copyOf(hidden.getOutputsMap().keySet()));
        assertEquals("lrlab_training/serving_default:0", hidden.getOutputsOrThrow("dense_5").getName());
    }

    @Test
    void aModelWithoutKerasFunctionsSaysSoAndHowToGoOn() throws IOException {
        MetaGraphDef meta = meta("tf2_half_plus_two");
        assertFalse(KerasTrainingCalls.available(meta));
        LrlabException e = assertThrows(LrlabException.class, () -> KerasTrainingCalls.add(meta));
        assertEquals("the model has no Keras training-mode function (a concrete function of "
                + "call_and_return_all_conditional_losses traced with training=True); `trainingMode` needs a TF2 Keras "
                + "model saved with model.save (Keras 2) or tf.saved_model.save; drop `trainingMode`", e.getMessage());
    }

    @Test
    void aKeras3ExportSaysWhatToExportInsteadOfATrainingModeFunction() {
        java.nio.file.Path keras3 = Fixtures.model("keras3_export_bilstm");
        LrlabException e = assertThrows(LrlabException.class, () -> SavedModel.load(keras3, LoadMode.TRAINING));
        assertEquals("the model is a Keras 3 export (model.export), which holds no training-mode function; "
                + KerasTrainingCalls.KERAS3_TRAINING_HINT + ", or drop `trainingMode`", e.getMessage());
        assertTrue(KerasTrainingCalls.KERAS3_TRAINING_HINT.contains("model(x, training=True)"));
    }

    /** keras_heart_mlp has no Dropout or BatchNorm layer: its training-mode output equals its inference output. */
    @Test
    void theHeartModelInTrainingModeComputesWhatItsServingSignatureComputes() {
        try (SavedModel model = SavedModel.load(Fixtures.model("keras_heart_mlp"), LoadMode.TRAINING)) {
            SignatureSpec serving = model.signature("serving_default");
            TrainingPath path = model.trainingPath(serving, serving.output("dense_5"));
            assertTrue(path.trainingMode());
            assertEquals(List.of(), path.regularizationLosses());
            assertEquals(List.of(), path.updatedState());
            try (TFloat32 x = TFloat32.tensorOf(Shape.of(2, 13), d -> {
                for (int i = 0; i < 13; i++) {
                    d.setFloat(i * 0.5f, 0, i);
                    d.setFloat(1 - i * 0.1f, 1, i);
                }
            }); Result result = model.session().runner().feed(serving.input("dense_input").tensorName(), x)
                    .fetch(path.output()).fetch(serving.output("dense_5").tensorName()).run()) {
                TFloat32 training = (TFloat32) result.get(0);
                TFloat32 inference = (TFloat32) result.get(1);
                assertEquals(inference.getFloat(0, 0), training.getFloat(0, 0));
                assertEquals(inference.getFloat(1, 0), training.getFloat(1, 0));
            }
        }
    }

    /**
     * Heart_failure_predictor (AditAhmedabadi, MIT licence; see {@link Fixtures#corpus}): a tf.keras Sequential of
     * DenseFeatures (vocabulary lookups), BatchNormalization, Dense(256, kernel_regularizer='l2') twice with Dropout,
     * and Dense(1, sigmoid). Keras lists its two penalties under the root's and every owning layer's {@code
     * regularization_losses}; they are two objects, called once each. The factor is read from keras_metadata.pb and
     * the kernels from the restored variables, so the expected penalty {@code l2 * sum(w^2)} is computed apart from
     * the model's own penalty functions.
     */
    @Test
    void theHeartFailureModelsTwoL2PenaltiesAreCalledAddedOnceAndEqualL2TimesTheSquaredKernels() throws IOException {
        Path dir = Fixtures.corpus("regularized/Heart_failure_predictor/saved_model");
        MetaGraphDef meta = org.tensorflow.proto.SavedModel.parseFrom(Files.readAllBytes(dir.resolve("saved_model.pb")))
                .getMetaGraphs(0);
        KerasTrainingCalls.Added added = KerasTrainingCalls.add(meta);
        assertEquals(2, added.weightPenalties());
        NodeDef first = node(added.metaGraph(), "lrlab_regularization/0");
        NodeDef second = node(added.metaGraph(), "lrlab_regularization/1");
        assertEquals("__inference_loss_fn_0_287469", first.getAttrOrThrow("f").getFunc().getName());
        assertEquals(List.of("sequential/dense/kernel"), first.getInputList());
        assertEquals("__inference_loss_fn_1_287480", second.getAttrOrThrow("f").getFunc().getName());
        assertEquals(List.of("sequential/dense_1/kernel"), second.getInputList());
        var hidden = added.metaGraph().getSignatureDefOrThrow("__lrlab_training/serving_default");
        assertEquals(java.util.Set.of("output_1", "__regularization_loss_0", "__regularization_loss_1"),
                hidden.getOutputsMap().keySet());
        assertEquals("lrlab_regularization/1:0", hidden.getOutputsOrThrow("__regularization_loss_1").getName());

        Matcher factor = Pattern.compile("\"kernel_regularizer\": \\{\"class_name\": \"L2\", \"config\": \\{\"l2\": ([0-9.e-]+)\\}")
                .matcher(new String(Files.readAllBytes(dir.resolve("keras_metadata.pb")), StandardCharsets.ISO_8859_1));
        java.util.Set<Double> factors = new java.util.HashSet<>();
        while (factor.find()) {
            factors.add(Double.parseDouble(factor.group(1)));
        }
        assertEquals(java.util.Set.of(0.009999999776482582), factors);
        double l2 = factors.iterator().next();

        try (SavedModel model = SavedModel.load(dir, LoadMode.TRAINING)) {
            SignatureSpec serving = model.signature("serving_default");
            TrainingPath path = model.trainingPath(serving, serving.output("output_1"));
            assertEquals(2, path.regularizationLosses().size());
            ObjectiveBuilder objectives = new ObjectiveBuilder(model.graph());
            Objective plain = objectives.build(path.output(), ObjectiveSpec.inferred(true));
            Objective total = objectives.withAddedLosses(plain, path.regularizationLosses());
            assertTrue(total.description().endsWith(" + 2 regularization losses of the model"), total.description());
            List<String> lines = Files.readAllLines(dir.resolveSibling("heart.csv"));
            List<String> header = List.of(lines.get(0).split(","));
            List<String> rows = lines.subList(1, 9);
            List<Tensor> feeds = new ArrayList<>();
            try {
                Session.Runner runner = model.session().runner();
                for (var input : serving.inputs()) {
                    int column = header.indexOf(input.key());
                    List<String> cells = rows.stream().map(r -> r.split(",")[column]).toList();
                    Tensor tensor = switch (input.dtype()) {
                        case "STRING" -> TString.vectorOf(cells.toArray(String[]::new));
                        case "INT64" -> TInt64.vectorOf(cells.stream().mapToLong(Long::parseLong).toArray());
                        case "DOUBLE" -> TFloat64.vectorOf(cells.stream().mapToDouble(Double::parseDouble).toArray());
                        default -> throw new AssertionError(input.dtype());
                    };
                    feeds.add(tensor);
                    runner.feed(input.tensorName(), tensor);
                }
                TFloat32 labels = TFloat32.tensorOf(Shape.of(rows.size(), 1));
                feeds.add(labels);
                for (int r = 0; r < rows.size(); r++) {
                    labels.setFloat(Float.parseFloat(rows.get(r).split(",")[header.indexOf("HeartDisease")]), r, 0);
                }
                Ops tf = Ops.create(model.graph());
                runner.feed(plain.labels(), labels).fetch(plain.loss()).fetch(total.loss())
                        .fetch(path.regularizationLosses().get(0)).fetch(path.regularizationLosses().get(1))
                        .fetch(tf.readVariableOp(model.graph().operationOrThrow("sequential/dense/kernel").output(0),
                                TFloat32.class))
                        .fetch(tf.readVariableOp(model.graph().operationOrThrow("sequential/dense_1/kernel").output(0),
                                TFloat32.class));
                try (Result result = runner.run()) {
                    float plainLoss = ((TFloat32) result.get(0)).getFloat();
                    float totalLoss = ((TFloat32) result.get(1)).getFloat();
                    float[] penalties = {((TFloat32) result.get(2)).getFloat(), ((TFloat32) result.get(3)).getFloat()};
                    for (int i = 0; i < 2; i++) {
                        double expected = l2 * sumOfSquares((TFloat32) result.get(4 + i));
                        assertEquals(expected, penalties[i], 1e-5 * expected, "penalty " + i);
                    }
                    // one run, so one Dropout mask: the training loss is the data loss plus both penalties
                    assertEquals(plainLoss + penalties[0] + penalties[1], totalLoss, 1e-5 * totalLoss);
                    assertTrue(penalties[0] + penalties[1] > 0.1 * plainLoss, "penalties " + penalties[0] + ", "
                            + penalties[1] + " against a data loss of " + plainLoss);
                }
            } finally {
                feeds.forEach(Tensor::close);
            }
        }
    }

    private static NodeDef node(MetaGraphDef meta, String name) {
        return meta.getGraphDef().getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow();
    }

    private static double sumOfSquares(TFloat32 values) {
        double[] sum = {0};
        values.scalars().forEach(s -> sum[0] += (double) s.getFloat() * s.getFloat());
        return sum[0];
    }

    @Test
    void trainingModeOnATf1GraphIsAUsageError() {
        // Resolved outside assertThrows: without the fixtures the test is skipped, not failed.
        java.nio.file.Path tf1 = Fixtures.model("tf1_half_plus_two");
        LrlabException e = assertThrows(LrlabException.class, () -> SavedModel.load(tf1, LoadMode.TRAINING));
        assertEquals("`trainingMode` needs a Keras model (a TF2 Keras SavedModel, or a TF1 Keras graph with a "
                + "keras_learning_phase); " + tf1 + " is a TF1 graph with neither; drop `trainingMode`", e.getMessage());
        assertEquals(LrlabException.Kind.SETTING, e.kind());
    }
}
