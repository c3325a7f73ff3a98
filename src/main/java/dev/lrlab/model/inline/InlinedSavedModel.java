package dev.lrlab.model.inline;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.lrlab.LrlabException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.AssetFileDef;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TString;

/**
 * A SavedModel's graph with the function calls behind its signatures inlined, imported into a fresh
 * {@link Graph} with a {@link Session} whose variables hold the checkpoint's values.
 *
 * <p>Loading does what the SavedModel loader does, on the inlined graph: it runs the saver's restore
 * op with the checkpoint prefix {@code <modelDir>/variables/variables} fed to {@code
 * saver_def.filename_tensor_name}, then the init op ({@code __saved_model_init_op} signature, else
 * the {@code saved_model_main_op} or {@code legacy_init_op} collection) and the {@code
 * table_initializer} collection, feeding each asset tensor ({@code asset_file_def}, or the TF1
 * {@code saved_model_assets} collection) with {@code <modelDir>/assets/<filename>}.
 *
 * <p>Signature tensor names stay valid in the inlined graph; {@link #tensor} maps the names of calls
 * with several outputs. Owns its graph and session: close it.
 */
public final class InlinedSavedModel implements AutoCloseable {
    /** Signature key under which TF2 records its init op. */
    public static final String INIT_OP_SIGNATURE_KEY = "__saved_model_init_op";

    private static final String MAIN_OP_COLLECTION = "saved_model_main_op";
    private static final String LEGACY_INIT_OP_COLLECTION = "legacy_init_op";
    private static final String TABLE_INITIALIZERS_COLLECTION = "table_initializer";
    private static final String ASSETS_COLLECTION = "saved_model_assets";

    private final MetaGraphDef metaGraph;
    private final GraphDef graphDef;
    private final Graph graph;
    private final Session session;
    private final LoopUnrolling.Result unrolling;

    private InlinedSavedModel(MetaGraphDef metaGraph, GraphDef graphDef, Graph graph, Session session,
            LoopUnrolling.Result unrolling) {
        this.metaGraph = metaGraph;
        this.graphDef = graphDef;
        this.graph = graph;
        this.session = session;
        this.unrolling = unrolling;
    }

    /**
     * Inlines the model a bundle was loaded from; the bundle itself is left untouched.
     *
     * @param bundle a loaded SavedModel
     * @param modelDir the directory it was loaded from (for the checkpoint and the assets)
     * @return the inlined model, variables restored; close it
     */
    public static InlinedSavedModel of(SavedModelBundle bundle, Path modelDir) {
        return load(modelDir, bundle.metaGraphDef(), FunctionInliner.withRegisteredOps());
    }

    /**
     * @param modelDir the SavedModel directory
     * @param metaGraph the meta graph to inline (from {@code saved_model.pb} or a loaded bundle)
     * @param inliner the inliner to use
     * @return the inlined model, variables restored; close it
     * @throws LrlabException if the graph cannot be inlined, imported or restored
     */
    public static InlinedSavedModel load(Path modelDir, MetaGraphDef metaGraph, FunctionInliner inliner) {
        return load(modelDir, metaGraph, inliner, UnrollSettings.defaults());
    }

    /**
     * Inlines as {@link #load(Path, MetaGraphDef, FunctionInliner)} does, then unrolls the {@code While} loops of
     * recurrent layers ({@link LoopUnrolling}); a loop that cannot be unrolled stays, with the reason in {@link
     * #unrolling()}.
     *
     * @param modelDir the SavedModel directory
     * @param metaGraph the meta graph to inline
     * @param inliner the inliner to use
     * @param settings the sequence length (for inputs that leave it open) and the most steps to unroll
     * @return the inlined model, variables restored; close it
     */
    public static InlinedSavedModel load(Path modelDir, MetaGraphDef metaGraph, FunctionInliner inliner,
            UnrollSettings settings) {
        return load(modelDir, metaGraph, inliner, settings, ConfigProto.getDefaultInstance());
    }

    /**
     * As {@link #load(Path, MetaGraphDef, FunctionInliner, UnrollSettings)}, the session made with {@code session}.
     *
     * @param modelDir the SavedModel directory
     * @param metaGraph the meta graph to inline
     * @param inliner the inliner to use
     * @param settings the sequence length (for inputs that leave it open) and the most steps to unroll
     * @param session the session's settings (where the graph runs)
     * @return the inlined model, variables restored; close it
     */
    public static InlinedSavedModel load(Path modelDir, MetaGraphDef metaGraph, FunctionInliner inliner,
            UnrollSettings settings, ConfigProto session) {
        List<String> outputs = signatureOutputs(metaGraph);
        GraphDef inlined = inliner.inline(metaGraph.getGraphDef(), outputs);
        LoopUnrolling.Result unrolled = LoopUnrolling.unroll(inlined, outputs, signatureInputs(metaGraph), inliner,
                settings);
        return load(modelDir, metaGraph, unrolled.graph(), unrolled, session);
    }

    /**
     * Imports a graph prepared from the meta graph's (rewritten, not inlined: a TF1 graph with its learning phase
     * fixed, say) and restores the checkpoint into it, as {@link #load(Path, MetaGraphDef, FunctionInliner)} does.
     *
     * @param modelDir the SavedModel directory
     * @param metaGraph the meta graph the graph was prepared from (its saver, init op and assets are used)
     * @param inlined the prepared graph, which keeps the saver's and init op's node names
     * @return the model, variables restored; close it
     * @throws LrlabException if the graph cannot be imported or restored
     */
    public static InlinedSavedModel load(Path modelDir, MetaGraphDef metaGraph, GraphDef inlined) {
        return load(modelDir, metaGraph, inlined, ConfigProto.getDefaultInstance());
    }

    /**
     * As {@link #load(Path, MetaGraphDef, GraphDef)}, the session made with {@code session}.
     *
     * @param modelDir the SavedModel directory
     * @param metaGraph the meta graph the graph was prepared from
     * @param inlined the prepared graph
     * @param session the session's settings (where the graph runs)
     * @return the model, variables restored; close it
     */
    public static InlinedSavedModel load(Path modelDir, MetaGraphDef metaGraph, GraphDef inlined, ConfigProto session) {
        return load(modelDir, metaGraph, inlined, LoopUnrolling.Result.unchanged(inlined),
                session);
    }

    private static InlinedSavedModel load(Path modelDir, MetaGraphDef metaGraph, GraphDef inlined,
            LoopUnrolling.Result unrolling, ConfigProto sessionConfig) {
        Graph graph = new Graph();
        Session session = null;
        try {
            try {
                graph.importGraphDef(inlined);
            } catch (IllegalArgumentException e) {
                throw new LrlabException(LrlabException.Kind.MODEL, "the graph lrlab prepared (inlined or rewritten) from " + modelDir
                        + " does not import: " + LrlabException.firstLine(e) + "; report it with the model attached", e);
            }
            session = new Session(graph, sessionConfig);
            restore(session, metaGraph, modelDir);
            initialize(session, metaGraph, modelDir);
            return new InlinedSavedModel(metaGraph, inlined, graph, session, unrolling);
        } catch (RuntimeException | Error e) { // an Error too (a full heap): the native graph is not the JVM's to free
            try {
                if (session != null) {
                    session.close();
                }
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            } finally {
                graph.close();
            }
            throw e;
        }
    }

    /** @return the loops of recurrent layers unrolled, or why one was not (graph: {@link #graphDef()}) */
    public LoopUnrolling.Result unrolling() {
        return unrolling;
    }

    /** @return the meta graph the model was inlined from */
    public MetaGraphDef metaGraph() {
        return metaGraph;
    }

    /** @return the inlined graph definition, function library included */
    public GraphDef graphDef() {
        return graphDef;
    }

    /** @return the graph imported from {@link #graphDef()}, owned by this model */
    public Graph graph() {
        return graph;
    }

    /** @return the session holding the restored variables, owned by this model */
    public Session session() {
        return session;
    }

    /**
     * @param originalTensorName a tensor name of the original graph, as signatures write them
     * @return the tensor carrying the same value in the inlined graph
     */
    public String tensor(String originalTensorName) {
        return FunctionInliner.resolveTensor(graphDef, originalTensorName);
    }

    /**
     * @param signatureKey a signature of the model
     * @param outputKey one of its outputs
     * @return the inlined graph's tensor name for that output
     */
    public String signatureOutput(String signatureKey, String outputKey) {
        return tensor(tensorInfo(signatureKey, outputKey, false).getName());
    }

    /**
     * @param signatureKey a signature of the model
     * @param inputKey one of its inputs
     * @return the inlined graph's tensor name for that input
     */
    public String signatureInput(String signatureKey, String inputKey) {
        return tensor(tensorInfo(signatureKey, inputKey, true).getName());
    }

    private TensorInfo tensorInfo(String signatureKey, String key, boolean input) {
        SignatureDef signature = metaGraph.getSignatureDefMap().get(signatureKey);
        if (signature == null) {
            throw LrlabException.usage("signature '" + signatureKey + "' is not in the model; expected one of "
                    + metaGraph.getSignatureDefMap().keySet());
        }
        Map<String, TensorInfo> map = input ? signature.getInputsMap() : signature.getOutputsMap();
        TensorInfo info = map.get(key);
        if (info == null) {
            throw LrlabException.usage("signature '" + signatureKey + "' has no " + (input ? "input" : "output")
                    + " '" + key + "'; expected one of " + map.keySet());
        }
        return info;
    }

    /** Closes the session, then the graph. */
    @Override
    public void close() {
        try {
            session.close();
        } finally {
            graph.close();
        }
    }

    /** Output nodes of every signature (the init-op marker excluded): what must become call-free. */
    static List<String> signatureOutputs(MetaGraphDef metaGraph) {
        List<String> outputs = new ArrayList<>();
        metaGraph.getSignatureDefMap().forEach((key, signature) -> {
            if (!key.equals(INIT_OP_SIGNATURE_KEY)) {
                for (TensorInfo info : signature.getOutputsMap().values()) {
                    outputs.add(info.getName());
                }
            }
        });
        return outputs;
    }

    /** Input tensors of every signature (the init-op marker excluded). */
    static List<String> signatureInputs(MetaGraphDef metaGraph) {
        List<String> inputs = new ArrayList<>();
        metaGraph.getSignatureDefMap().forEach((key, signature) -> {
            if (!key.equals(INIT_OP_SIGNATURE_KEY)) {
                for (TensorInfo info : signature.getInputsMap().values()) {
                    inputs.add(info.getName());
                }
            }
        });
        return inputs;
    }

    private static void restore(Session session, MetaGraphDef metaGraph, Path modelDir) {
        if (!metaGraph.hasSaverDef()) {
            return;
        }
        SaverDef saver = metaGraph.getSaverDef();
        Path prefix = modelDir.resolve("variables").resolve("variables");
        if (!Files.exists(prefix.resolveSibling("variables.index"))) {
            return;
        }
        try (TString file = TString.scalarOf(prefix.toString())) {
            session.runner()
                    .feed(saver.getFilenameTensorName(), file)
                    .addTarget(TensorNames.nodeName(saver.getRestoreOpName()))
                    .run()
                    .close();
        } catch (RuntimeException e) {
            throw new LrlabException(LrlabException.Kind.MODEL, "restoring the variables of " + modelDir + " failed: "
                    + LrlabException.firstLine(e) + "; expected a readable checkpoint at " + prefix, e);
        }
    }

    private static void initialize(Session session, MetaGraphDef metaGraph, Path modelDir) {
        List<String> targets = new ArrayList<>();
        String initOp = initOp(metaGraph);
        if (initOp != null) {
            targets.add(initOp);
        }
        CollectionDef tables = metaGraph.getCollectionDefMap().get(TABLE_INITIALIZERS_COLLECTION);
        if (tables != null) {
            tables.getNodeList().getValueList().forEach(name -> targets.add(TensorNames.nodeName(name)));
        }
        if (targets.isEmpty()) {
            return;
        }
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        try {
            for (AssetFileDef asset : assets(metaGraph)) {
                Path file = modelDir.resolve("assets").resolve(asset.getFilename());
                feeds.put(asset.getTensorInfo().getName(), TString.scalarOf(file.toString()));
            }
            Session.Runner runner = session.runner();
            feeds.forEach(runner::feed);
            targets.forEach(runner::addTarget);
            runner.run().close();
        } catch (RuntimeException e) {
            throw new LrlabException(LrlabException.Kind.MODEL, "the init op of " + modelDir + " failed: " + LrlabException.firstLine(e)
                    + "; expected its assets under " + modelDir.resolve("assets"), e);
        } finally {
            feeds.values().forEach(Tensor::close);
        }
    }

    private static String initOp(MetaGraphDef metaGraph) {
        SignatureDef init = metaGraph.getSignatureDefMap().get(INIT_OP_SIGNATURE_KEY);
        if (init != null && init.containsOutputs(INIT_OP_SIGNATURE_KEY)) {
            return TensorNames.nodeName(init.getOutputsOrThrow(INIT_OP_SIGNATURE_KEY).getName());
        }
        for (String key : List.of(MAIN_OP_COLLECTION, LEGACY_INIT_OP_COLLECTION)) {
            CollectionDef collection = metaGraph.getCollectionDefMap().get(key);
            if (collection != null && collection.getNodeList().getValueCount() == 1) {
                return TensorNames.nodeName(collection.getNodeList().getValue(0));
            }
            if (collection != null) {
                throw LrlabException.model("collection '" + key + "' names "
                        + collection.getNodeList().getValueCount() + " ops; expected exactly one init op");
            }
        }
        return null;
    }

    private static List<AssetFileDef> assets(MetaGraphDef metaGraph) {
        List<AssetFileDef> assets = new ArrayList<>(metaGraph.getAssetFileDefList());
        CollectionDef legacy = metaGraph.getCollectionDefMap().get(ASSETS_COLLECTION);
        if (assets.isEmpty() && legacy != null) {
            for (Any any : legacy.getAnyList().getValueList()) {
                try {
                    assets.add(any.unpack(AssetFileDef.class));
                } catch (InvalidProtocolBufferException e) {
                    throw new LrlabException(LrlabException.Kind.MODEL, "collection '" + ASSETS_COLLECTION
                            + "' holds a malformed AssetFileDef; expected a SavedModel written by TensorFlow", e);
                }
            }
        }
        return assets;
    }
}
