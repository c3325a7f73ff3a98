package dev.lrlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lrlab.LrlabException;
import dev.lrlab.model.inline.InlinedSavedModel;
import dev.lrlab.model.inline.UnrollSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * What loading a {@link SavedModel} opened before it threw is closed: the bundle TensorFlow loaded, and the inlined
 * graph and session. The native objects are mocks, so the test sees each close without a model on disk that fails
 * half-way.
 */
class SavedModelCleanupTest {
    /** A signature whose input names a tensor the inlined graph lacks. */
    private static MetaGraphDef badSignature() {
        return MetaGraphDef.newBuilder().putSignatureDef("serving_default", SignatureDef.newBuilder()
                .putInputs("x", TensorInfo.newBuilder().setName("x:0").setDtype(DataType.DT_FLOAT).build())
                .build()).build();
    }

    @Test
    void aSignatureTheInlinedGraphLacksClosesTheInlinedGraphAndSession() {
        SavedModelBundle bundle = mock(SavedModelBundle.class);
        when(bundle.metaGraphDef()).thenReturn(badSignature());
        InlinedSavedModel inlined = mock(InlinedSavedModel.class);
        when(inlined.graphDef()).thenReturn(GraphDef.getDefaultInstance());
        LrlabException missing = LrlabException.model("tensor x:0 of signature serving_default is not in the graph");
        when(inlined.tensor("x:0")).thenThrow(missing);

        assertSame(missing, assertThrows(LrlabException.class, () -> SavedModelLoader.create(Path.of("m"), bundle, inlined,
                ModelKind.TF2_FUNCTIONS, LoadMode.INFERENCE, null)));
        verify(inlined).close();
        verify(bundle, never()).close(); // the loader that opened it closes it
    }

    @Test
    void anErrorClosesItToo() {
        SavedModelBundle bundle = mock(SavedModelBundle.class);
        InlinedSavedModel inlined = mock(InlinedSavedModel.class);
        when(inlined.graphDef()).thenThrow(new OutOfMemoryError("Java heap space"));

        assertThrows(OutOfMemoryError.class, () -> SavedModelLoader.create(Path.of("m"), bundle, inlined,
                ModelKind.TF1_GRAPH, LoadMode.TRAINING, null));
        verify(inlined).close();
    }

    /** A TF1 graph (no function calls) with neither a Keras learning phase nor variables. */
    private static MetaGraphDef tf1Graph() {
        return MetaGraphDef.newBuilder().setGraphDef(GraphDef.newBuilder()
                .addNode(NodeDef.newBuilder().setName("x").setOp("Placeholder"))).build();
    }

    @Test
    void trainingModeRefusedForATf1GraphClosesTheBundle() {
        SavedModelBundle bundle = mock(SavedModelBundle.class);
        when(bundle.metaGraphDef()).thenReturn(tf1Graph());

        LrlabException e = assertThrows(LrlabException.class, () -> SavedModelLoader.fromBundle(Path.of("m"), bundle,
                LoadMode.TRAINING, UnrollSettings.defaults()));
        assertEquals(LrlabException.Kind.SETTING, e.kind());
        assertEquals("`trainingMode` needs a Keras model (a TF2 Keras SavedModel, or a TF1 Keras graph with a "
                + "keras_learning_phase); m is a TF1 graph with neither; drop `trainingMode`", e.getMessage());
        verify(bundle).close();
    }

    @Test
    void anErrorReadingTheBundleClosesIt() {
        SavedModelBundle bundle = mock(SavedModelBundle.class);
        when(bundle.metaGraphDef()).thenThrow(new OutOfMemoryError("Java heap space"));

        assertThrows(OutOfMemoryError.class, () -> SavedModelLoader.fromBundle(Path.of("m"), bundle,
                LoadMode.INFERENCE, UnrollSettings.defaults()));
        verify(bundle).close();
    }

    @Test
    void aFailureToCloseIsKeptBehindTheFailureThatCausedIt() {
        SavedModelBundle bundle = mock(SavedModelBundle.class);
        when(bundle.metaGraphDef()).thenReturn(tf1Graph());
        IllegalStateException closing = new IllegalStateException("session already closed");
        doThrow(closing).when(bundle).close();

        LrlabException e = assertThrows(LrlabException.class, () -> SavedModelLoader.fromBundle(Path.of("m"), bundle,
                LoadMode.TRAINING, UnrollSettings.defaults()));
        assertArrayEquals(new Throwable[] {closing}, e.getSuppressed());
    }

    @Test
    void aModelBuiltFromTheBundleOwnsIt() {
        SavedModelBundle bundle = mock(SavedModelBundle.class);
        when(bundle.metaGraphDef()).thenReturn(tf1Graph());
        org.tensorflow.Graph graph = mock(org.tensorflow.Graph.class);
        when(graph.toGraphDef()).thenReturn(tf1Graph().getGraphDef());
        when(bundle.graph()).thenReturn(graph);

        SavedModel model = SavedModelLoader.fromBundle(Path.of("m"), bundle, LoadMode.INFERENCE, UnrollSettings.defaults());
        assertEquals(ModelKind.TF1_GRAPH, model.kind());
        verify(bundle, never()).close();
        model.close();
        verify(bundle).close();
    }
}
