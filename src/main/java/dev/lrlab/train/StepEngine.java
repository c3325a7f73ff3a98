package dev.lrlab.train;

import dev.lrlab.LrlabException;
import dev.lrlab.data.BatchOrder;
import dev.lrlab.data.Dataset;
import dev.lrlab.model.ModelGraph;
import dev.lrlab.model.ModelVariable;
import dev.lrlab.model.Objective;
import dev.lrlab.model.SignatureLoss;
import dev.lrlab.model.SignatureSpec;
import dev.lrlab.model.TensorSpec;
import dev.lrlab.model.VariableSnapshot;
import dev.lrlab.model.VariableSnapshotter;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.tensorflow.Result;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * The training step of a model: the loss, its gradients, and an optimizer whose learning rate and momentum are
 * scalar placeholders, built once in the model's graph ({@link StepGraphBuilder}); each {@link #step} feeds one batch
 * and those two scalars and fetches only the loss ({@link StepRunner}). Owns no graph or session of its own: the
 * model holds them, so close the model; {@link #close()} frees the few tensors the steps reuse.
 *
 * <p>Three ways to build one: {@link #build} puts a loss on a signature output (through the model's Keras
 * training-mode call when it was loaded in that mode); {@link #buildOnLossSignature} differentiates a loss the
 * model returns itself; {@link #driveTrainSignature} feeds a training-step signature of the model, which applies
 * its own update with the fed rate. {@link #evaluate} always runs an inference-mode loss that changes nothing.
 */
public final class StepEngine implements AutoCloseable {
    private final StepGraph graph;
    private final StepRunner runner;
    private final VariableSnapshotter snapshotter;
    private final ModelGraph model;

    private StepEngine(ModelGraph model, StepGraph graph, TrainingSetup setup) {
        this.graph = graph;
        this.model = model;
        for (Op initializer : graph.initializers()) {
            try (Result ignored = model.session().runner().addTarget(initializer).run()) {
                // the slot now holds its first value
            }
        }
        this.snapshotter = new VariableSnapshotter(model.graph(), model.session(), graph.state());
        this.runner = new StepRunner(model.session(), graph, setup.featureNames().size(), setup.objective().labelWidth());
    }

    /**
     * Builds the loss, gradients and optimizer in the model's graph and initialises the optimizer state.
     * When the model gives a training path for the output (a Keras model loaded in training mode), the loss is
     * built on the training-mode output plus the model's regularization losses, the non-trainable variables that
     * call updates join the snapshot, and {@link #evaluate} uses the inference-mode output.
     *
     * @param model the live model
     * @param signature the signature to feed and train
     * @param setup objective, optimizer and feature columns
     * @return the engine
     */
    public static StepEngine build(ModelGraph model, SignatureSpec signature, TrainingSetup setup) {
        return new StepEngine(model, StepGraphBuilder.onOutput(model, signature, setup), setup);
    }

    /**
     * Differentiates a loss that a signature of the model returns (the run's {@code lossSignature}): the signature's
     * feature inputs take the feature columns, its label input the labels, and lrlab's optimizer applies the
     * gradients of its loss output.
     *
     * @param model the live model
     * @param loss the signature, its loss output and label input
     * @param setup optimizer and feature columns (the objective's output, loss and logits settings are not used)
     * @return the engine
     */
    public static StepEngine buildOnLossSignature(ModelGraph model, SignatureLoss loss, TrainingSetup setup) {
        return new StepEngine(model, StepGraphBuilder.onLossSignature(model, loss, setup), setup);
    }

    /**
     * Drives a training-step signature of the model (the run's {@code trainSignature}): each {@link #step} feeds the
     * batch to its inputs and the learning rate to {@code lrInput}, runs every output of the signature (which applies
     * the model's own update) and returns its loss output. {@link #evaluate} runs {@code evaluation} instead, which
     * must not update anything. Momentum is not fed: the model's own optimizer owns its settings. The snapshot holds
     * every float32 variable of the model (its optimizer's slots included; integer step counters are not restored).
     *
     * @param model the live model, loaded as saved
     * @param trainStep the training-step signature, its loss output and label input
     * @param lrInput the input key of its learning rate (a float32 scalar placeholder)
     * @param evaluation how to compute a validation loss without updating
     * @param setup feature columns and label width
     * @return the engine
     * @throws LrlabException (model) when {@code lrInput} is not a scalar
     */
    public static StepEngine driveTrainSignature(ModelGraph model, SignatureLoss trainStep, String lrInput,
            EvaluationLoss evaluation, TrainingSetup setup) {
        return new StepEngine(model, StepGraphBuilder.onTrainSignature(model, trainStep, lrInput, evaluation, setup), setup);
    }

    /**
     * How {@link #driveTrainSignature} computes a validation loss: lrlab's loss on an output of a signature
     * ({@link OnOutput}), or a loss signature of the model ({@link OnLossSignature}).
     */
    public sealed interface EvaluationLoss {

        /**
         * @param signature the signature whose output lrlab builds a loss on
         * @param lossSignature a loss signature of the model, if there is one
         * @return the loss signature when there is one, else lrlab's loss on an output of {@code signature}
         */
        static EvaluationLoss of(SignatureSpec signature, Optional<SignatureLoss> lossSignature) {
            return lossSignature.<EvaluationLoss>map(OnLossSignature::new).orElseGet(() -> new OnOutput(signature));
        }

        /**
         * lrlab's loss (the run's objective) on an output of a signature.
         *
         * @param signature the signature whose output lrlab builds a loss on
         */
        record OnOutput(SignatureSpec signature) implements EvaluationLoss {
        }

        /**
         * The loss a signature of the model returns.
         *
         * @param lossSignature the signature, its loss output and label input
         */
        record OnLossSignature(SignatureLoss lossSignature) implements EvaluationLoss {
        }
    }

    /**
     * The output to train when none is named: the signature's only output, or its only float output when the
     * others are strings or integers (class names and ids beside the scores of a {@code classify} signature).
     *
     * @param signature a signature
     * @return its one float output
     * @throws LrlabException (usage) listing the float outputs when there are several
     */
    public static TensorSpec trainableOutput(SignatureSpec signature) {
        return StepGraphBuilder.trainableOutput(signature);
    }

    /**
     * Runs one optimizer step on a batch.
     *
     * @param features row-major features of the batch, {@code rows * featureCount} values (may be longer)
     * @param labels labels of the batch, {@code labelWidth} per row (may be longer)
     * @param rows examples in the batch
     * @param lr the learning rate for this step (alpha_(t-1) for hypergradient optimizers)
     * @param mu the momentum for this step (beta1 for Adam; ignored by SGD)
     * @return the loss before the update, the rate applied, and the hypergradient when there is one
     */
    public StepResult step(float[] features, float[] labels, int rows, double lr, double mu) {
        return runner.step(features, labels, rows, lr, mu);
    }

    /**
     * Runs one optimizer step on a batch already copied into tensors (see {@link #newFeedBatch()}): only the
     * batch's tensors and two scalars go in, and only the loss (and the hypergradient) comes out.
     *
     * @param batch a filled batch made by this engine
     * @param lr the learning rate for this step (alpha_(t-1) for hypergradient optimizers)
     * @param mu the momentum for this step (beta1 for Adam; ignored by SGD)
     * @return the loss before the update, the rate applied, and the hypergradient when there is one
     */
    public StepResult step(FeedBatch batch, double lr, double mu) {
        return runner.step(batch, lr, mu);
    }

    /**
     * Uploads training rows into TensorFlow once, for {@link #step(ResidentBatches, long, double, double)} to gather
     * each batch there (see {@link ResidentBatches}). Builds its ops in the model's graph: call it once per set of
     * rows, before the steps.
     *
     * @param rows the training rows, with this engine's feature columns
     * @param order the order of the batches over {@code rows}; from now on also used by the steps on these rows
     * @return the resident rows, which the caller closes; empty when an input of the step is not fed float32 from
     *     numeric columns (text, integer and {@code tf.Example} inputs are built from Java at every step)
     */
    public Optional<ResidentBatches> uploadResident(Dataset rows, BatchOrder order) {
        if (!ResidentBatches.canHold(graph.trainFeed().inputs())) {
            return Optional.empty();
        }
        return Optional.of(ResidentBatches.upload(model.graph(), model.session(), graph.trainFeed().inputs(),
                graph.trainFeed().labelMatrix(), rows, order));
    }

    /**
     * Runs optimizer step {@code step} on its batch of resident rows: the batch is gathered inside TensorFlow from the
     * row indices the order gives and fed to the step without passing through Java, so the step trains on exactly
     * the rows (and numbers) that {@link #step(float[], float[], int, double, double)} would be given for that batch.
     * The run also gathers the batch of step {@code step + 1}, so that a run of consecutive steps costs one session
     * run per step.
     *
     * @param rows rows uploaded by this engine's {@link #uploadResident}
     * @param step step number of the whole run, from 0
     * @param lr the learning rate for this step (alpha_(t-1) for hypergradient optimizers)
     * @param mu the momentum for this step (beta1 for Adam; ignored by SGD)
     * @return the loss before the update, the rate applied, and the hypergradient when there is one
     */
    public StepResult step(ResidentBatches rows, long step, double lr, double mu) {
        return runner.step(rows, step, lr, mu);
    }

    /**
     * @return empty tensors for one training batch of this engine's model, to fill (on any thread) and pass to
     *     {@link #step(FeedBatch, double, double)}; the caller closes it
     */
    public FeedBatch newFeedBatch() {
        return runner.newFeedBatch();
    }

    /**
     * Computes the loss (and accuracy) over many rows without changing anything: in inference mode, without the
     * model's regularization losses, for a Keras model trained in training mode.
     *
     * @param features row-major features
     * @param labels labels, one per row
     * @param rows number of rows
     * @param batchSize rows per session run
     * @return the mean loss and accuracy, weighted by batch size
     */
    public Evaluation evaluate(float[] features, float[] labels, int rows, int batchSize) {
        return runner.evaluate(features, labels, rows, batchSize);
    }

    /**
     * Checks, before the first step, that the columns feeding integer inputs hold whole numbers.
     *
     * @param features the stored feature of a row and column
     * @param rows rows to check
     * @param where where a row comes from, for messages
     * @throws LrlabException (data) naming the first fraction, its column and input, and where it is
     */
    public void checkFeatures(InputBinding.FeatureAccess features, int rows, IntFunction<String> where) {
        InputBinding.checkIntegers(graph.trainFeed().inputs(), features, rows, where);
        if (graph.evalFeed() != graph.trainFeed()) { // a loss on an output feeds training and evaluation through one Feed
            InputBinding.checkIntegers(graph.evalFeed().inputs(), features, rows, where);
        }
    }

    /** @return how the training step's inputs take the feature columns */
    public List<InputBinding> inputBindings() {
        return graph.trainFeed().inputs();
    }

    /** @return the objective each step fetches: loss kind, logits use and description */
    public Objective objective() {
        return graph.objective();
    }

    /** @return the objective {@link #evaluate} fetches: the same as {@link #objective()} unless training goes
     *     through a training-mode call or a train signature */
    public Objective evaluationObjective() {
        return graph.evalObjective();
    }

    /** @return the trained variables */
    public List<ModelVariable> variables() {
        return graph.variables();
    }

    /** @return the trained variables followed by every optimizer slot: everything a snapshot holds */
    public List<ModelVariable> state() {
        return graph.state();
    }

    /** @return every model variable and optimizer slot, bit for bit */
    public VariableSnapshot snapshot() {
        return snapshotter.snapshot();
    }

    /** @param snapshot a snapshot of this engine, written back into every variable and slot */
    public void restore(VariableSnapshot snapshot) {
        snapshotter.restore(snapshot);
    }

    /**
     * Scans the trained float32 variables for NaN and infinite values: a step whose loss was finite (it is computed
     * before the update) can still leave them so, which nothing else shows when there is no validation after it.
     * Reads them through the snapshot of the whole {@link #state()}, once, rather than through ops of its own.
     *
     * @return the name of the first trained variable holding a NaN or infinite value; empty when every one is finite
     */
    public Optional<String> firstNonFiniteWeight() {
        List<String> state = graph.state().stream().map(v -> v.spec().name()).toList();
        try (VariableSnapshot values = snapshotter.snapshot()) {
            for (ModelVariable variable : graph.variables()) {
                int index = state.indexOf(variable.spec().name());
                if (values.tensor(index) instanceof TFloat32 tensor && !allFinite(tensor)) {
                    return Optional.of(variable.spec().name());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean allFinite(TFloat32 tensor) {
        FloatDataBuffer data = tensor.asRawTensor().data().asFloats();
        for (long j = 0; j < data.size(); j++) {
            if (!Float.isFinite(data.getFloat(j))) {
                return false;
            }
        }
        return true;
    }

    /** Frees the tensors the steps and evaluations reuse; the graph and session belong to the model. */
    @Override
    public void close() {
        runner.close();
    }
}
