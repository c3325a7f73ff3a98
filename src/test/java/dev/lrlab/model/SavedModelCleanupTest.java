package dev.lrlab.model;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lrlab.LrlabException;
import dev.lrlab.model.inline.InlinedSavedModel;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * What {@link SavedModel} opened before its constructor threw is closed: the inlined graph and session. The
 * native objects are mocks, so the test sees each close without a model on disk that fails half-way.
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

        assertSame(missing, assertThrows(LrlabException.class, () -> SavedModel.create(Path.of("m"), bundle, inlined,
                ModelKind.TF2_FUNCTIONS, LoadMode.INFERENCE, Map.of())));
        verify(inlined).close();
        verify(bundle, never()).close(); // the loader that opened it closes it
    }

    @Test
    void anErrorClosesItToo() {
        SavedModelBundle bundle = mock(SavedModelBundle.class);
        InlinedSavedModel inlined = mock(InlinedSavedModel.class);
        when(inlined.graphDef()).thenThrow(new OutOfMemoryError("Java heap space"));

        assertThrows(OutOfMemoryError.class, () -> SavedModel.create(Path.of("m"), bundle, inlined,
                ModelKind.TF1_GRAPH, LoadMode.TRAINING, Map.of()));
        verify(inlined).close();
    }
}
