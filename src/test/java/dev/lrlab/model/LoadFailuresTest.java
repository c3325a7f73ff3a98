package dev.lrlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lrlab.LrlabException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What TensorFlow's loader says about graphs it cannot import, turned into model errors (exit 4): the messages
 * below are the ones TensorFlow 2.18 gave for published SavedModels of the compatibility corpus
 * (docs/model-compatibility.md: nnt_dense_tf216, tfx_taxi_tf21).
 */
class LoadFailuresTest {
    private static final Path MODEL = Path.of("m");

    @Test
    void anOpWithoutAKernelNamesTheOp() {
        LrlabException error = LoadFailures.of(MODEL, new String[] {"serve"}, new IllegalArgumentException(
                "No OpKernel was registered to support Op 'BoostedTreesBucketize' used by {{node transform/x}} with these"
                        + " attrs: [num_features=1]\nRegistered devices: [CPU]"));
        assertEquals(LrlabException.Kind.MODEL, error.kind());
        assertEquals("m needs op BoostedTreesBucketize, for which this TensorFlow (the one bundled with lrlab) has no CPU"
                + " kernel; lrlab cannot load it (export the trainable part as a SavedModel of standard ops)", error.getMessage());
    }

    @Test
    void aGraphThisTensorFlowRefusesGivesItsFirstLineAndTheFix() {
        LrlabException error = LoadFailures.of(MODEL, new String[] {"serve"}, new IllegalArgumentException(
                "Node 'dense_1/bias:': Node name contains invalid characters\nmore"));
        assertEquals(LrlabException.Kind.MODEL, error.kind());
        assertEquals("cannot load SavedModel m with tags serve: Node 'dense_1/bias:': Node name contains invalid characters;"
                + " the saved graph is malformed for this TensorFlow (2.18): re-export it with a current TensorFlow",
                error.getMessage());
    }

    /** TensorFlow's C++ parser can refuse a saved_model.pb that protobuf-java accepted (e.g. invalid UTF-8 in a name). */
    @Test
    void aSavedModelPbTensorFlowCannotParseIsNamed() {
        LrlabException error = LoadFailures.of(MODEL, new String[] {"serve"}, new IllegalArgumentException(
                "Can't parse m/saved_model.pb as binary proto"));
        assertEquals(LrlabException.Kind.MODEL, error.kind());
        assertEquals(MODEL.resolve("saved_model.pb") + " is truncated or damaged (Can't parse m/saved_model.pb as binary"
                + " proto); " + ModelFiles.FIX, error.getMessage());
    }
}
