package dev.lrlab.model.inline;

import dev.lrlab.Fixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import dev.lrlab.model.LoadMode;
import dev.lrlab.model.SavedModel;
import dev.lrlab.model.SignatureSpec;
import dev.lrlab.model.TrainingPath;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;

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
                + "call_and_return_all_conditional_losses traced with training=True); --training-mode needs a TF2 Keras "
                + "model saved with model.save (Keras 2) or tf.saved_model.save; drop --training-mode", e.getMessage());
    }

    @Test
    void aKeras3ExportSaysWhatToExportInsteadOfATrainingModeFunction() {
        java.nio.file.Path keras3 = Fixtures.model("keras3_export_bilstm");
        LrlabException e = assertThrows(LrlabException.class, () -> SavedModel.load(keras3, LoadMode.TRAINING));
        assertEquals("the model is a Keras 3 export (model.export), which holds no training-mode function; "
                + KerasTrainingCalls.KERAS3_TRAINING_HINT + ", or drop --training-mode", e.getMessage());
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

    @Test
    void trainingModeOnATf1GraphIsAUsageError() {
        // Resolved outside assertThrows: without the fixtures the test is skipped, not failed.
        java.nio.file.Path tf1 = Fixtures.model("tf1_half_plus_two");
        LrlabException e = assertThrows(LrlabException.class, () -> SavedModel.load(tf1, LoadMode.TRAINING));
        assertEquals("--training-mode needs a Keras model (a TF2 Keras SavedModel, or a TF1 Keras graph with a "
                + "keras_learning_phase); " + tf1 + " is a TF1 graph with neither; drop --training-mode", e.getMessage());
        assertEquals(dev.lrlab.ExitCode.USAGE, e.exitCode());
    }
}
