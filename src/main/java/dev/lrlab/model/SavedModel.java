package dev.lrlab.model;

import dev.lrlab.LrlabException;
import dev.lrlab.model.inline.TensorNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.VariableDef;
import dev.lrlab.model.inline.FunctionInliner;
import dev.lrlab.model.inline.InlinedSavedModel;
import dev.lrlab.model.inline.KerasTrainingCalls;
import dev.lrlab.model.inline.LearningPhaseRewrite;
import dev.lrlab.model.inline.LoopUnrolling;
import dev.lrlab.model.inline.ModelVariables;
import dev.lrlab.model.inline.ResourceGatherRewrite;
import dev.lrlab.model.inline.UnrollSettings;

/**
 * A SavedModel loaded with TensorFlow's own loader (variables restored, init ops run), validated and
 * described when it is loaded. Owns the native graph and session: close it.
 */
public final class SavedModel implements ModelGraph, AutoCloseable {
    /** The tag set of models meant for serving, which is what nearly every SavedModel has. */
    public static final String SERVE_TAG = "serve";

    private final Path directory;
    private final SavedModelBundle bundle;
    private final InlinedSavedModel inlined;
    private final GraphDef graphDef;
    private final GraphIndex index;
    private final ModelKind kind;
    private final List<SignatureSpec> signatures;
    private final List<VariableSpec> variables;
    private final LoadMode mode;
    private final Map<String, String> trainingSignatures;

    private SavedModel(Path directory, SavedModelBundle bundle, InlinedSavedModel inlined, ModelKind kind, LoadMode mode,
            Map<String, String> trainingSignatures) {
        this.directory = directory;
        this.bundle = bundle;
        this.inlined = inlined;
        this.kind = kind;
        this.mode = mode;
        this.trainingSignatures = trainingSignatures;
        this.graphDef = inlined == null ? bundle.graph().toGraphDef() : inlined.graphDef();
        this.index = new GraphIndex(graphDef);
        this.signatures = readSignatures(bundle.metaGraphDef(), inlined);
        this.variables = inlined == null || kind == ModelKind.TF1_GRAPH ? readVariables(bundle.metaGraphDef(), graphDef)
                : resourceVariables(bundle.metaGraphDef(), index.dataAncestors(signatures.stream()
                        .flatMap(s -> s.outputs().stream()).map(TensorSpec::tensorName).toList())::contains);
    }

    /**
     * Loads the SavedModel in {@code directory} with the {@code serve} tag.
     *
     * @param directory the folder that holds {@code saved_model.pb}
     * @return the loaded model
     * @throws LrlabException when the folder is missing, is not a SavedModel, or cannot be loaded
     */
    public static SavedModel load(Path directory) {
        return load(directory, SERVE_TAG);
    }

    /**
     * Loads the SavedModel in {@code directory} with the given tags.
     *
     * @param directory the folder that holds {@code saved_model.pb}
     * @param tags the meta graph's tags
     * @return the loaded model
     */
    public static SavedModel load(Path directory, String... tags) {
        return load(directory, LoadMode.INFERENCE, tags);
    }

    /**
     * Loads the SavedModel in {@code directory} with the {@code serve} tag, preparing the graph as {@code mode} says.
     *
     * @param directory the folder that holds {@code saved_model.pb}
     * @param mode inference-mode inlining (the default), Keras training mode, or the graph as saved
     * @return the loaded model
     * @throws LrlabException also when {@link LoadMode#TRAINING} is asked of a model without a Keras training-mode
     *     function
     */
    public static SavedModel load(Path directory, LoadMode mode) {
        return load(directory, mode, SERVE_TAG);
    }

    /**
     * Loads the SavedModel in {@code directory} with the given tags, preparing the graph as {@code mode} says.
     *
     * @param directory the folder that holds {@code saved_model.pb}
     * @param mode inference-mode inlining (the default), Keras training mode, or the graph as saved
     * @param tags the meta graph's tags
     * @return the loaded model
     */
    public static SavedModel load(Path directory, LoadMode mode, String... tags) {
        return load(directory, mode, UnrollSettings.defaults(), tags);
    }

    /**
     * Loads the SavedModel in {@code directory} with the given tags, preparing the graph as {@code mode} says and
     * unrolling the loops of recurrent layers as {@code unroll} says ({@link LoopUnrolling}).
     *
     * @param directory the folder that holds {@code saved_model.pb}
     * @param mode inference-mode inlining (the default), Keras training mode, or the graph as saved
     * @param unroll the sequence length for inputs that leave it open, and the most steps a loop may be unrolled to
     * @param tags the meta graph's tags (default {@code serve})
     * @return the loaded model
     */
    public static SavedModel load(Path directory, LoadMode mode, UnrollSettings unroll, String... tags) {
        return load(directory, mode, unroll, ConfigProto.getDefaultInstance(), tags);
    }

    /**
     * Loads as {@link #load(Path, LoadMode, UnrollSettings, String...)} does, every session of the model (the
     * bundle's and the inlined graph's) made with {@code session}: where its graph runs (see {@link
     * dev.lrlab.device.DevicePlacement}) and how.
     *
     * @param directory the folder that holds {@code saved_model.pb}
     * @param mode inference-mode inlining (the default), Keras training mode, or the graph as saved
     * @param unroll the sequence length for inputs that leave it open, and the most steps a loop may be unrolled to
     * @param session the sessions' settings
     * @param tags the meta graph's tags (default {@code serve})
     * @return the loaded model
     */
    public static SavedModel load(Path directory, LoadMode mode, UnrollSettings unroll, ConfigProto session,
            String... tags) {
        if (tags.length == 0) {
            tags = new String[] {SERVE_TAG};
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
        try {
            SavedModelBundle bundle;
            try {
                bundle = SavedModelBundle.loader(directory.toAbsolutePath().toString()).withTags(tags)
                        .withConfigProto(session).load();
            } catch (IllegalArgumentException e) {
                // TensorFlow's loader reports a malformed graph (an invalid node name, a signature naming a missing
                // op, an op without a kernel here) as TFInvalidArgumentException or IllegalArgumentException
                throw LoadFailures.of(directory, tags, e);
            }
            boolean callsFunctions = bundle.metaGraphDef().getGraphDef().getNodeList().stream().anyMatch(n -> isCall(n.getOp()));
            try {
                LoadFailures.requireCheckpoint(directory, bundle.metaGraphDef());
                if (!callsFunctions) {
                    return tf1Graph(directory, bundle, mode, session);
                }
                if (mode == LoadMode.AS_SAVED) {
                    return create(directory, bundle, null, ModelKind.TF2_FUNCTIONS, mode, Map.of());
                }
                if (mode == LoadMode.TRAINING) {
                    KerasTrainingCalls.Added added = KerasTrainingCalls.add(bundle.metaGraphDef());
                    return create(directory, bundle, InlinedSavedModel.load(directory, added.metaGraph(),
                            FunctionInliner.withRegisteredOps(), unroll, session), ModelKind.TF2_FUNCTIONS, mode,
                            added.trainingSignatures());
                }
                return create(directory, bundle, InlinedSavedModel.load(directory, bundle.metaGraphDef(),
                        FunctionInliner.withRegisteredOps(), unroll, session), ModelKind.TF2_FUNCTIONS, mode, Map.of());
            } catch (RuntimeException | Error e) {
                bundle.close();
                throw e;
            }
        } catch (TensorFlowException e) {
            throw LoadFailures.of(directory, tags, e);
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
            return create(directory, bundle, null, ModelKind.TF1_GRAPH, mode, Map.of());
        }
        GraphDef prepared = ResourceGatherRewrite.rewrite(LearningPhaseRewrite.rewrite(saved, mode == LoadMode.TRAINING));
        return create(directory, bundle, InlinedSavedModel.load(directory, bundle.metaGraphDef(), prepared, session),
                ModelKind.TF1_GRAPH, mode, Map.of());
    }

    /**
     * The constructor, closing {@code inlined} (the graph and session made for it) when reading the model
     * fails, e.g. on a signature that names a tensor the inlined graph lacks; the bundle stays the caller's to
     * close, as it was opened there.
     */
    static SavedModel create(Path directory, SavedModelBundle bundle, InlinedSavedModel inlined, ModelKind kind,
            LoadMode mode, Map<String, String> trainingSignatures) {
        try {
            return new SavedModel(directory, bundle, inlined, kind, mode, trainingSignatures);
        } catch (RuntimeException | Error e) {
            if (inlined != null) {
                inlined.close();
            }
            throw e;
        }
    }

    private static boolean isCall(String op) {
        return op.equals("StatefulPartitionedCall") || op.equals("PartitionedCall");
    }

    private static List<SignatureSpec> readSignatures(MetaGraphDef meta, InlinedSavedModel inlined) {
        List<SignatureSpec> result = new ArrayList<>();
        for (Map.Entry<String, SignatureDef> entry : meta.getSignatureDefMap().entrySet()) {
            if (entry.getKey().startsWith("__")) {
                continue;
            }
            SignatureDef def = entry.getValue();
            result.add(new SignatureSpec(entry.getKey(), def.getMethodName(), tensors(def.getInputsMap(), inlined),
                    tensors(def.getOutputsMap(), inlined)));
        }
        result.sort(Comparator.comparing(SignatureSpec::key));
        return result;
    }

    private static List<TensorSpec> tensors(Map<String, TensorInfo> infos, InlinedSavedModel inlined) {
        return infos.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new TensorSpec(e.getKey(),
                        inlined == null ? e.getValue().getName() : inlined.tensor(e.getValue().getName()),
                        e.getValue().getDtype().name().replace("DT_", ""), shape(e.getValue().getTensorShape())))
                .collect(Collectors.toList());
    }

    private static long[] shape(TensorShapeProto proto) {
        if (proto.getUnknownRank()) {
            return null;
        }
        return proto.getDimList().stream().mapToLong(TensorShapeProto.Dim::getSize).toArray();
    }

    private static List<VariableSpec> readVariables(MetaGraphDef meta, GraphDef graph) {
        Set<String> trainable = trainableNames(meta);
        List<VariableSpec> result = new ArrayList<>();
        for (NodeDef node : graph.getNodeList()) {
            VariableKind kind = variableKind(node.getOp());
            if (kind == null) {
                continue;
            }
            String dtype = node.getAttrOrThrow("dtype").getType().name().replace("DT_", "");
            String shape = shapeText(node.getAttrOrThrow("shape").getShape());
            String sharedName = node.containsAttr("shared_name")
                    ? node.getAttrOrThrow("shared_name").getS().toStringUtf8() : "";
            boolean isTrainable = trainable == null
                    ? isFloat(dtype)
                    : trainable.contains(node.getName()) || (!sharedName.isEmpty() && trainable.contains(sharedName));
            result.add(new VariableSpec(node.getName(), dtype, shape, kind, isTrainable));
        }
        return result;
    }

    /**
     * Variables of a TF2 model, with trainability matched through its object graph, each listed once (see {@link
     * ModelVariables#of(MetaGraphDef, java.util.function.Predicate)}).
     */
    private static List<VariableSpec> resourceVariables(MetaGraphDef meta, java.util.function.Predicate<String> read) {
        return ModelVariables.of(meta, read).stream()
                .map(v -> new VariableSpec(v.nodeName(), v.dtype().name().replace("DT_", ""), v.shape().toString(),
                        VariableKind.RESOURCE, v.trainable()))
                .toList();
    }

    static VariableKind variableKind(String op) {
        return switch (op) {
            case "VariableV2", "Variable" -> VariableKind.VARIABLE_V2;
            case "VarHandleOp" -> VariableKind.RESOURCE;
            default -> null;
        };
    }

    private static boolean isFloat(String dtype) {
        return dtype.equals("FLOAT") || dtype.equals("DOUBLE") || dtype.equals("HALF") || dtype.equals("BFLOAT16");
    }

    /**
     * Names the model marks trainable: the TF1 {@code trainable_variables} collection, or the TF2 object
     * graph's {@code SavedVariable.trainable}; {@code null} when the model says nothing.
     */
    private static Set<String> trainableNames(MetaGraphDef meta) {
        CollectionDef collection = meta.getCollectionDefMap().get("trainable_variables");
        if (collection != null && collection.hasBytesList()) {
            Set<String> names = new HashSet<>();
            for (var bytes : collection.getBytesList().getValueList()) {
                try {
                    names.add(TensorNames.nodeName(VariableDef.parseFrom(bytes).getVariableName()));
                } catch (IOException e) {
                    throw LrlabException.model("the model's trainable_variables collection cannot be read: " + e.getMessage());
                }
            }
            return names;
        }
        if (meta.hasObjectGraphDef()) {
            Set<String> names = new HashSet<>();
            boolean any = false;
            for (SavedObject object : meta.getObjectGraphDef().getNodesList()) {
                if (object.hasVariable()) {
                    any = true;
                    if (object.getVariable().getTrainable()) {
                        names.add(object.getVariable().getName());
                    }
                }
            }
            return any ? names : null;
        }
        return null;
    }

    private static String shapeText(TensorShapeProto shape) {
        if (shape.getUnknownRank()) {
            return "<unknown>";
        }
        return shape.getDimList().stream().map(d -> Long.toString(d.getSize()))
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** @return the folder the model was loaded from */
    public Path directory() {
        return directory;
    }

    /** @return the loops of recurrent layers unrolled for training, or why one was not; none for a graph not inlined */
    public LoopUnrolling.Result unrolling() {
        return inlined == null ? new LoopUnrolling.Result(graphDef, List.of(), java.util.Optional.empty())
                : inlined.unrolling();
    }

    /**
     * @param tensorName a tensor of {@link #graph()}
     * @return why a loop it depends on was not unrolled (one line naming the fix), if one was not
     */
    public java.util.Optional<String> unrollRefusalFor(String tensorName) {
        java.util.Optional<String> refusal = unrolling().refusal();
        if (refusal.isEmpty()) {
            return refusal;
        }
        Set<String> ancestors = index.dataAncestors(List.of(tensorName));
        boolean throughLoop = graphDef.getNodeList().stream()
                .anyMatch(n -> LoopUnrolling.WHILE_OPS.contains(n.getOp()) && ancestors.contains(n.getName()));
        return throughLoop ? refusal : java.util.Optional.empty();
    }

    /** @return how the graph was prepared when loading */
    public LoadMode loadMode() {
        return mode;
    }

    /**
     * In {@link LoadMode#TRAINING}, the output of the Keras training-mode call that matches {@code output}, with the
     * call's regularization losses, the model's weight penalties and the non-trainable variables it assigns;
     * otherwise the output itself.
     *
     * @throws LrlabException when the model was loaded in training mode and the signature has no training-mode call
     */
    @Override
    public TrainingPath trainingPath(SignatureSpec signature, TensorSpec output) {
        if (mode != LoadMode.TRAINING || kind == ModelKind.TF1_GRAPH) {
            return TrainingPath.direct(output.tensorName()); // a TF1 graph's learning phase is fixed in the whole graph
        }
        String hiddenKey = trainingSignatures.get(signature.key());
        if (hiddenKey == null) {
            throw LrlabException.model("signature '" + signature.key() + "' has no Keras training-mode counterpart "
                    + "(its inputs do not match the model's call); use one of " + trainingSignatures.keySet()
                    + " or drop `trainingMode`");
        }
        SignatureDef hidden = inlined.metaGraph().getSignatureDefOrThrow(hiddenKey);
        TensorInfo info = hidden.getOutputsMap().get(output.key());
        if (info == null) {
            throw LrlabException.model("output '" + output.key() + "' of signature '" + signature.key()
                    + "' has no training-mode counterpart; expected one of " + hidden.getOutputsMap().keySet());
        }
        List<String> losses = new ArrayList<>();
        new java.util.TreeMap<>(hidden.getOutputsMap()).forEach((key, tensor) -> {
            if (key.startsWith(KerasTrainingCalls.REGULARIZATION_PREFIX)) {
                losses.add(inlined.tensor(tensor.getName()));
            }
        });
        String callPrefix = TensorNames.nodeName(info.getName()) + "/";
        Set<String> assigned = new HashSet<>();
        for (NodeDef node : graphDef.getNodeList()) {
            if (node.getName().startsWith(callPrefix) && STATE_UPDATES.contains(node.getOp()) && node.getInputCount() > 0) {
                assigned.add(TensorNames.nodeName(node.getInput(0)));
            }
        }
        List<VariableSpec> state = variables.stream().filter(v -> !v.trainable() && assigned.contains(v.name())).toList();
        return new TrainingPath(inlined.tensor(info.getName()), losses, state, true);
    }

    private static final Set<String> STATE_UPDATES = Set.of("AssignVariableOp", "AssignSubVariableOp",
            "AssignAddVariableOp");

    /** @return TF1 graph or TF2 functions */
    public ModelKind kind() {
        return kind;
    }

    /** @return the signatures, sorted by key, without internal ones ({@code __saved_model_init_op}) */
    public List<SignatureSpec> signatures() {
        return signatures;
    }

    /** @return every variable op of the graph */
    @Override
    public List<VariableSpec> variables() {
        return variables;
    }

    /**
     * @param key a signature key
     * @return that signature
     * @throws LrlabException listing the known keys when there is none of that name
     */
    public SignatureSpec signature(String key) {
        return signatures.stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow(() -> LrlabException.model(
                "the model has no signature '" + key + "'; pass `signature` with one of: "
                        + signatures.stream().map(SignatureSpec::key).collect(Collectors.joining(", "))));
    }

    /**
     * The trainable variables that the given tensors depend on through data edges.
     *
     * @param tensorNames graph tensor names, e.g. a signature's outputs
     * @return those variables in graph order
     */
    @Override
    public List<VariableSpec> trainableVariablesFor(List<String> tensorNames) {
        Set<String> ancestors = index.dataAncestors(tensorNames);
        return variables.stream().filter(v -> v.trainable() && ancestors.contains(v.name())).toList();
    }

    @Override
    public java.util.function.Predicate<String> dataAncestors(List<String> tensorNames) {
        return index.dataAncestors(tensorNames)::contains;
    }

    /** @return the trainable variables reachable from all outputs of the signature */
    public List<VariableSpec> trainableVariablesFor(SignatureSpec signature) {
        return trainableVariablesFor(signature.outputs().stream().map(TensorSpec::tensorName).toList());
    }

    @Override
    public List<ExampleFeature> exampleFeatures(TensorSpec input) {
        return ExampleParsing.featuresOf(index(), input.tensorName());
    }

    /** @return the graph to train as a GraphDef (inlined for TF2 models; function library included) */
    public GraphDef graphDef() {
        return graphDef;
    }

    /** @return the index of {@link #graphDef()} */
    public GraphIndex index() {
        return index;
    }

    /** @return the MetaGraphDef the model was loaded from */
    public MetaGraphDef metaGraphDef() {
        return bundle.metaGraphDef();
    }

    /** @return the graph to train: the loaded one for TF1 models, the inlined one for TF2 models */
    @Override
    public Graph graph() {
        return inlined == null ? bundle.graph() : inlined.graph();
    }

    /** @return the session of {@link #graph()}, variables restored, owned by this model */
    @Override
    public Session session() {
        return inlined == null ? bundle.session() : inlined.session();
    }

    @Override
    public void close() {
        try {
            if (inlined != null) {
                inlined.close();
            }
        } finally {
            bundle.close();
        }
    }
}
