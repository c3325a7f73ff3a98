package dev.lrlab.model;

import dev.lrlab.LrlabException;
import dev.lrlab.model.inline.InlinedSavedModel;
import dev.lrlab.model.inline.LoopUnrolling;
import dev.lrlab.model.inline.UnrollSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;

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
    private final KerasTrainingMode training;

    /** See {@link SavedModelLoader#create}, which closes {@code inlined} when this throws. */
    SavedModel(Path directory, SavedModelBundle bundle, InlinedSavedModel inlined, ModelKind kind, LoadMode mode,
            KerasTrainingMode training) {
        this.directory = directory;
        this.bundle = bundle;
        this.inlined = inlined;
        this.kind = kind;
        this.mode = mode;
        this.training = training;
        this.graphDef = inlined == null ? bundle.graph().toGraphDef() : inlined.graphDef();
        this.index = new GraphIndex(graphDef);
        this.signatures = SavedModelMetadata.signatures(bundle.metaGraphDef(), inlined);
        this.variables = SavedModelMetadata.variables(bundle.metaGraphDef(), graphDef, index,
                inlined != null && kind != ModelKind.TF1_GRAPH, signatures);
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
        return SavedModelLoader.load(directory, mode, unroll, ConfigProto.getDefaultInstance(), tags);
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
        return SavedModelLoader.load(directory, mode, unroll, session, tags);
    }

    /** @return the folder the model was loaded from */
    public Path directory() {
        return directory;
    }

    /** @return the loops of recurrent layers unrolled for training, or why one was not; none for a graph not inlined */
    public LoopUnrolling.Result unrolling() {
        return inlined == null ? LoopUnrolling.Result.unchanged(graphDef)
                : inlined.unrolling();
    }

    /**
     * @param tensorName a tensor of {@link #graph()}
     * @return why a loop it depends on was not unrolled (one line naming the fix), if one was not
     */
    public Optional<String> unrollRefusalFor(String tensorName) {
        Optional<String> refusal = unrolling().refusal();
        if (refusal.isEmpty()) {
            return refusal;
        }
        Set<String> ancestors = index.dataAncestors(List.of(tensorName));
        boolean throughLoop = graphDef.getNodeList().stream()
                .anyMatch(n -> LoopUnrolling.WHILE_OPS.contains(n.getOp()) && ancestors.contains(n.getName()));
        return throughLoop ? refusal : Optional.empty();
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
        if (training == null) {
            return TrainingPath.direct(output.tensorName()); // a TF1 graph's learning phase is fixed in the whole graph
        }
        return training.path(signature, output, graphDef, variables);
    }

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
    public Predicate<String> dataAncestors(List<String> tensorNames) {
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
