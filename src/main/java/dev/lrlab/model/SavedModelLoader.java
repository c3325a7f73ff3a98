package dev.lrlab.model;

import dev.lrlab.LrlabException;
import dev.lrlab.model.inline.FunctionInliner;
import dev.lrlab.model.inline.InlinedSavedModel;
import dev.lrlab.model.inline.LearningPhaseRewrite;
import dev.lrlab.model.inline.ResourceGatherRewrite;
import dev.lrlab.model.inline.UnrollSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;

/**
 * Loads a {@link SavedModel}: checks the folder, opens TensorFlow's bundle with the tags, prepares the graph as the
 * {@link LoadMode} says (as loaded, inlined, rewritten, or inlined with Keras training-mode calls), and turns
 * TensorFlow's failures into one-line {@link LrlabException}s ({@link LoadFailures}). Whatever it opened (the bundle,
 * an inlined graph and session) is closed on every path that throws.
 */
final class SavedModelLoader {
    private SavedModelLoader() {
    }

    /** See {@link SavedModel#load(Path, LoadMode, UnrollSettings, ConfigProto, String...)}. */
    static SavedModel load(Path directory, LoadMode mode, UnrollSettings unroll, ConfigProto session, String... tags) {
        if (tags.length == 0) {
            tags = new String[] {SavedModel.SERVE_TAG};
        }
        if (Files.isRegularFile(directory)) {
            throw LrlabException.model(directory + " is a file; MODEL_DIR must be the SavedModel folder that holds "
                    + "saved_model.pb" + (directory.getFileName().toString().equals("saved_model.pb")
                            ? " (here " + directory.toAbsolutePath().getParent() + ")" : ""));
        }
        if (!Files.isDirectory(directory)) {
            throw LrlabException.model("model directory " + directory + " does not exist; pass the folder that holds saved_model.pb");
        }
        if (!Files.isRegularFile(directory.resolve("saved_model.pb"))
                && !Files.isRegularFile(directory.resolve("saved_model.pbtxt"))) {
            throw LrlabException.model(directory + " is not a SavedModel (no saved_model.pb in it); "
                    + "pass the folder that holds saved_model.pb");
        }
        ModelFiles.check(directory);
        SavedModelBundle bundle;
        try {
            bundle = SavedModelBundle.loader(directory.toAbsolutePath().toString()).withTags(tags)
                    .withConfigProto(session).load();
        } catch (IllegalArgumentException | TensorFlowException e) {
            // TensorFlow's loader reports a malformed graph (an invalid node name, a signature naming a missing
            // op, an op without a kernel here) as TFInvalidArgumentException or IllegalArgumentException
            throw LoadFailures.of(directory, tags, e);
        }
        try {
            return fromBundle(directory, bundle, mode, unroll, session);
        } catch (TensorFlowException e) {
            throw LoadFailures.of(directory, tags, e);
        }
    }

    /**
     * Prepares a loaded bundle as {@code mode} says. Takes the bundle over: it is closed here when anything throws,
     * and by the model otherwise.
     *
     * @param directory the folder the bundle was loaded from
     * @param bundle the bundle, loaded
     * @param mode how to prepare the graph
     * @param unroll how to unroll the loops of recurrent layers
     * @return the model, owning the bundle
     */
    static SavedModel fromBundle(Path directory, SavedModelBundle bundle, LoadMode mode, UnrollSettings unroll) {
        return fromBundle(directory, bundle, mode, unroll, ConfigProto.getDefaultInstance());
    }

    /**
     * As {@link #fromBundle(Path, SavedModelBundle, LoadMode, UnrollSettings)}, a graph imported afresh (inlined or
     * rewritten) run by a session made with {@code session}, as the bundle's was.
     */
    static SavedModel fromBundle(Path directory, SavedModelBundle bundle, LoadMode mode, UnrollSettings unroll,
            ConfigProto session) {
        try {
            MetaGraphDef meta = bundle.metaGraphDef();
            boolean callsFunctions = meta.getGraphDef().getNodeList().stream().anyMatch(n -> isCall(n.getOp()));
            LoadFailures.requireCheckpoint(directory, meta);
            if (!callsFunctions) {
                return tf1Graph(directory, bundle, mode, session);
            }
            if (mode == LoadMode.AS_SAVED) {
                return create(directory, bundle, null, ModelKind.TF2_FUNCTIONS, mode, null);
            }
            if (mode == LoadMode.TRAINING) {
                KerasTrainingMode training = KerasTrainingMode.inline(directory, meta, unroll, session);
                return create(directory, bundle, training.inlined(), ModelKind.TF2_FUNCTIONS, mode, training);
            }
            return create(directory, bundle, InlinedSavedModel.load(directory, meta, FunctionInliner.withRegisteredOps(),
                    unroll, session), ModelKind.TF2_FUNCTIONS, mode, null);
        } catch (RuntimeException | Error e) {
            closeAfter(e, bundle);
            throw e;
        }
    }

    /**
     * A TF1 graph as loaded, or, when it has a Keras learning phase or {@code ResourceGather} nodes, rewritten
     * ({@link LearningPhaseRewrite} for the mode's phase, then {@link ResourceGatherRewrite}) and imported afresh with
     * the checkpoint restored.
     */
    private static SavedModel tf1Graph(Path directory, SavedModelBundle bundle, LoadMode mode, ConfigProto session) {
        GraphDef saved = bundle.metaGraphDef().getGraphDef();
        boolean learningPhase = LearningPhaseRewrite.applies(saved);
        if (mode == LoadMode.TRAINING && !learningPhase) {
            throw LrlabException.usage("`trainingMode` needs a Keras model (a TF2 Keras SavedModel, or a TF1 Keras graph "
                    + "with a " + LearningPhaseRewrite.PHASE_NODE + "); " + directory + " is a TF1 graph with neither; "
                    + "drop `trainingMode`");
        }
        boolean gathers = saved.getNodeList().stream().anyMatch(n -> n.getOp().equals(ResourceGatherRewrite.OP));
        if (mode == LoadMode.AS_SAVED || (!learningPhase && !gathers)) {
            return create(directory, bundle, null, ModelKind.TF1_GRAPH, mode, null);
        }
        GraphDef prepared = ResourceGatherRewrite.rewrite(LearningPhaseRewrite.rewrite(saved, mode == LoadMode.TRAINING));
        return create(directory, bundle, InlinedSavedModel.load(directory, bundle.metaGraphDef(), prepared, session),
                ModelKind.TF1_GRAPH, mode, null);
    }

    /**
     * The constructor, closing {@code inlined} (the graph and session made for it) when reading the model
     * fails, e.g. on a signature that names a tensor the inlined graph lacks; the bundle stays the caller's to
     * close, as it was opened there.
     */
    static SavedModel create(Path directory, SavedModelBundle bundle, InlinedSavedModel inlined, ModelKind kind,
            LoadMode mode, KerasTrainingMode training) {
        try {
            return new SavedModel(directory, bundle, inlined, kind, mode, training);
        } catch (RuntimeException | Error e) {
            if (inlined != null) {
                closeAfter(e, inlined);
            }
            throw e;
        }
    }

    /** Closes {@code resource} after {@code failure}, keeping a failure to close as suppressed by it. */
    private static void closeAfter(Throwable failure, AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception | Error closing) {
            failure.addSuppressed(closing);
        }
    }

    private static boolean isCall(String op) {
        return op.equals("StatefulPartitionedCall") || op.equals("PartitionedCall");
    }
}
