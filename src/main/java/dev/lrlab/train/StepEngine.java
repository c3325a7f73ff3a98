package dev.lrlab.train;

import dev.lrlab.LrlabException;
import dev.lrlab.model.GradientBuilder;
import dev.lrlab.model.ModelGraph;
import dev.lrlab.model.ModelVariable;
import dev.lrlab.model.Objective;
import dev.lrlab.model.ObjectiveBuilder;
import dev.lrlab.model.SignatureLoss;
import dev.lrlab.model.SignatureSpec;
import dev.lrlab.model.TensorSpec;
import dev.lrlab.model.TrainingPath;
import dev.lrlab.model.VariableSnapshot;
import dev.lrlab.model.VariableSnapshotter;
import dev.lrlab.model.VariableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The training step of a model, built once in its graph: the loss, its gradients, and an optimizer whose
 * learning rate and momentum are scalar placeholders. Each {@link #step} feeds one batch and those two
 * scalars and fetches only the loss. Owns no native resource of its own: the model's graph and session
 * hold everything, so close the model.
 *
 * <p>Three ways to build one: {@link #build} puts a loss on a signature output (through the model's Keras
 * training-mode call when it was loaded in that mode); {@link #buildOnLossSignature} differentiates a loss the
 * model returns itself; {@link #driveTrainSignature} feeds a training-step signature of the model, which applies
 * its own update with the fed rate. {@link #evaluate} always runs an inference-mode loss that changes nothing.
 */
public final class StepEngine implements AutoCloseable {
    private final Session session;
    private final Feed trainFeed;
    private final FeedBatch ownBatch;
    private final TFloat32 learningRateValue = TFloat32.scalarOf(0f);
    private final TFloat32 momentumValue = TFloat32.scalarOf(0f);
    private final Feed evalFeed;
    private final FeedBatch evalBatch;
    private final Objective objective;
    private final Objective evalObjective;
    private final Placeholder<TFloat32> learningRate;
    private final Placeholder<TFloat32> momentum;
    private final Op trainOp;
    private final List<ModelVariable> variables;
    private final VariableSnapshotter snapshotter;
    private final VariableSnapshotter weightsSnapshotter;
    private final int rowWidth;
    private final int labelWidth;
    private final Operand<TFloat32> hypergradient;
    private final Operand<TFloat32> learningRateUsed;

    /**
     * What one session run feeds: the inputs that take feature columns, and whether the labels go in as a
     * [batch, width] matrix even for width 1 (a label input declared with two dimensions).
     */
    private record Feed(List<InputBinding> inputs, boolean labelMatrix) {
    }

    private StepEngine(Session session, Feed trainFeed, Feed evalFeed, Objective objective, Objective evalObjective,
            Placeholder<TFloat32> learningRate, Placeholder<TFloat32> momentum, Op trainOp, List<ModelVariable> variables,
            VariableSnapshotter snapshotter, VariableSnapshotter weightsSnapshotter, int rowWidth, int labelWidth, UpdatePlan plan) {
        this.session = session;
        this.trainFeed = trainFeed;
        this.ownBatch = newFeedBatch(trainFeed, rowWidth, labelWidth);
        this.evalFeed = evalFeed;
        this.evalBatch = newFeedBatch(evalFeed, rowWidth, labelWidth);
        this.objective = objective;
        this.evalObjective = evalObjective;
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.trainOp = trainOp;
        this.variables = variables;
        this.snapshotter = snapshotter;
        this.weightsSnapshotter = weightsSnapshotter;
        this.rowWidth = rowWidth;
        this.labelWidth = labelWidth;
        this.hypergradient = plan.hypergradient().orElse(null);
        this.learningRateUsed = plan.learningRateUsed().orElse(null);
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
        Graph graph = model.graph();
        List<InputBinding> inputs = InputBinding.bind(signature.inputs(), setup.columns(), model::exampleFeatures);
        TensorSpec output = setup.objective().outputKey().map(signature::output).orElseGet(() -> trainableOutput(signature));
        TrainingPath path = model.trainingPath(signature, output);
        ObjectiveBuilder objectives = new ObjectiveBuilder(graph);
        Objective evalObjective = objectives.build(output.tensorName(), setup.objective());
        Objective objective = path.trainingMode()
                ? objectives.withAddedLosses(objectives.build(path.output(), setup.objective()), path.regularizationLosses())
                : evalObjective;
        Feed feed = new Feed(inputs, false);
        return differentiate(model, path.lossInputs(), feed, feed, objective, evalObjective, path.updatedState(), setup);
    }

    /**
     * Differentiates a loss that a signature of the model returns ({@code --loss-signature}): the signature's
     * feature inputs take the feature columns, its label input the labels, and lrlab's optimizer applies the
     * gradients of its loss output.
     *
     * @param model the live model
     * @param loss the signature, its loss output and label input
     * @param setup optimizer and feature columns (the objective's output, loss and logits settings are not used)
     * @return the engine
     */
    public static StepEngine buildOnLossSignature(ModelGraph model, SignatureLoss loss, TrainingSetup setup) {
        Objective objective = loss.objective(model.graph(), "the loss output '" + loss.loss().key() + "' of signature '"
                + loss.signature().key() + "'");
        Feed feed = new Feed(InputBinding.bind(loss.featureInputs(), setup.columns(), model::exampleFeatures), isMatrix(loss.labelInput()));
        return differentiate(model, List.of(loss.loss().tensorName()), feed, feed, objective, objective, List.of(), setup);
    }

    /**
     * Drives a training-step signature of the model ({@code --train-signature}): each {@link #step} feeds the batch
     * to its inputs and the learning rate to {@code lrInput}, runs every output of the signature (which applies the
     * model's own update) and returns its loss output. {@link #evaluate} runs {@code evaluation} instead, which must
     * not update anything. Momentum is not fed: the model's own optimizer owns its settings. The snapshot holds
     * every float32 variable of the model (its optimizer's slots included; integer step counters are not restored).
     *
     * @param model the live model, loaded as saved
     * @param trainStep the training-step signature, its loss output and label input
     * @param lrInput the input key of its learning rate (a float32 scalar placeholder)
     * @param evaluation how to compute a validation loss without updating
     * @param setup feature columns and label width
     * @return the engine
     */
    public static StepEngine driveTrainSignature(ModelGraph model, SignatureLoss trainStep, String lrInput,
            EvaluationLoss evaluation, TrainingSetup setup) {
        Graph graph = model.graph();
        Objective objective = trainStep.objective(graph, "the loss output '" + trainStep.loss().key()
                + "' of train signature '" + trainStep.signature().key() + "', which updates the model itself");
        Feed feed = new Feed(InputBinding.bind(trainStep.featureInputs(), setup.columns(), model::exampleFeatures),
                isMatrix(trainStep.labelInput()));
        TensorSpec rateInput = trainStep.signature().input(lrInput);
        if (rateInput.shape() != null && rateInput.shape().length != 0) {
            throw LrlabException.model("learning-rate input '" + lrInput + "' of signature '" + trainStep.signature().key()
                    + "' has shape " + rateInput.shapeText() + "; expected a float32 scalar");
        }
        Placeholder<TFloat32> learningRate = SignatureLoss.placeholder(graph, rateInput, trainStep.signature());
        Ops base = Ops.create(graph).withSubScope("lrlab_optimizer");
        Placeholder<TFloat32> momentum = base.withName("unused_momentum").placeholder(TFloat32.class,
                Placeholder.shape(Shape.scalar()));
        List<Op> outputs = new ArrayList<>();
        for (TensorSpec output : trainStep.signature().outputs()) {
            outputs.add(base.identity(graph.outputOrThrow(output.tensorName())));
        }
        Op trainOp = base.withName("train_signature_step").withControlDependencies(outputs).noOp();
        Feed evalFeed;
        Objective evalObjective;
        if (evaluation.lossSignature().isPresent()) {
            SignatureLoss loss = evaluation.lossSignature().get();
            evalObjective = loss.objective(graph, "the loss output '" + loss.loss().key() + "' of signature '"
                    + loss.signature().key() + "'");
            evalFeed = new Feed(InputBinding.bind(loss.featureInputs(), setup.columns(), model::exampleFeatures), isMatrix(loss.labelInput()));
        } else {
            SignatureSpec signature = evaluation.signature();
            TensorSpec output = setup.objective().outputKey().filter(k -> signature.outputs().stream()
                    .anyMatch(o -> o.key().equals(k))).map(signature::output).orElseGet(() -> trainableOutput(signature));
            evalObjective = new ObjectiveBuilder(graph).build(output.tensorName(), setup.objective());
            evalFeed = new Feed(InputBinding.bind(signature.inputs(), setup.columns(), model::exampleFeatures), false);
        }
        List<ModelVariable> trained = new ArrayList<>();
        for (VariableSpec spec : model.trainableVariablesFor(List.of(trainStep.loss().tensorName()))) {
            trained.add(ModelVariable.bind(graph, spec));
        }
        List<ModelVariable> state = new ArrayList<>();
        for (VariableSpec spec : model.variables()) {
            if (spec.dtype().equals("FLOAT")) {
                state.add(ModelVariable.bind(graph, spec));
            }
        }
        VariableSnapshotter snapshotter = new VariableSnapshotter(graph, model.session(), state);
        VariableSnapshotter weightsSnapshotter = new VariableSnapshotter(graph, model.session(), trained);
        return new StepEngine(model.session(), feed, evalFeed, objective, evalObjective, learningRate, momentum, trainOp,
                List.copyOf(trained), snapshotter, weightsSnapshotter, setup.featureNames().size(),
                setup.objective().labelWidth(), UpdatePlan.of(List.of()));
    }

    /**
     * How {@link #driveTrainSignature} computes a validation loss: a loss signature, or lrlab's loss on an output of
     * {@code signature}.
     *
     * @param signature the signature whose output lrlab builds a loss on (used when there is no loss signature)
     * @param lossSignature a loss signature of the model
     */
    public record EvaluationLoss(SignatureSpec signature, Optional<SignatureLoss> lossSignature) {
    }

    private static boolean isMatrix(TensorSpec labelInput) {
        return labelInput.shape() != null && labelInput.shape().length == 2;
    }

    private static StepEngine differentiate(ModelGraph model, List<String> lossInputs, Feed feed, Feed evalFeed,
            Objective objective, Objective evalObjective, List<VariableSpec> updatedState, TrainingSetup setup) {
        Graph graph = model.graph();
        List<ModelVariable> variables = new ArrayList<>();
        var onPath = model.dataAncestors(lossInputs);
        for (VariableSpec spec : model.trainableVariablesFor(lossInputs)) {
            variables.add(ModelVariable.bind(graph, spec, onPath));
        }
        List<Operand<TFloat32>> gradients = GradientBuilder.gradients(graph, objective.loss(), variables);

        Ops base = Ops.create(graph).withSubScope("lrlab_optimizer");
        Placeholder<TFloat32> learningRate = base.withName("learning_rate").placeholder(TFloat32.class,
                Placeholder.shape(Shape.scalar()));
        Placeholder<TFloat32> momentum = base.withName("momentum").placeholder(TFloat32.class,
                Placeholder.shape(Shape.scalar()));
        List<Op> ready = new ArrayList<>();
        ready.add(base.identity(objective.loss()));
        List<Operand<TFloat32>> waitedGradients = new ArrayList<>();
        for (Operand<TFloat32> gradient : gradients) {
            var identity = base.identity(gradient);
            ready.add(identity);
            waitedGradients.add(identity);
        }
        Ops tf = base.withControlDependencies(ready);
        List<Operand<TFloat32>> values = new ArrayList<>();
        for (ModelVariable variable : variables) {
            values.add(variable.read(tf));
        }
        OptimizerConfig config = setup.optimizer();
        if (config.weightDecay() > 0) {
            Operand<TFloat32> decay = tf.constant((float) config.weightDecay());
            for (int i = 0; i < waitedGradients.size(); i++) {
                waitedGradients.set(i, tf.math.add(waitedGradients.get(i), tf.math.mul(decay, values.get(i))));
            }
        }
        SlotFactory slots = new SlotFactory(base.withSubScope("slots"));
        ModelVariable stepCounter = slots.scalar("step");
        Operand<TFloat32> step = tf.math.add(stepCounter.read(tf), tf.constant(1f));
        UpdatePlan plan = rule(config).build(new UpdateContext(tf, variables, waitedGradients, values,
                learningRate, momentum, step, slots));
        List<Op> assigns = new ArrayList<>(plan.assigns());
        assigns.add(stepCounter.assign(tf, step));
        Op trainOp = base.withName("train_step").withControlDependencies(assigns).noOp();

        Session session = model.session();
        for (Op initializer : slots.initializers()) {
            session.runner().addTarget(initializer).run().close();
        }
        List<ModelVariable> state = new ArrayList<>(variables);
        state.addAll(slots.slots());
        for (VariableSpec spec : updatedState) {
            state.add(ModelVariable.bind(graph, spec));
        }
        VariableSnapshotter snapshotter = new VariableSnapshotter(graph, session, state);
        VariableSnapshotter weightsSnapshotter = new VariableSnapshotter(graph, session, variables);
        return new StepEngine(session, feed, evalFeed, objective, evalObjective, learningRate, momentum, trainOp,
                List.copyOf(variables), snapshotter, weightsSnapshotter, setup.featureNames().size(),
                setup.objective().labelWidth(), plan);
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
        if (signature.outputs().size() == 1) {
            return signature.outputs().get(0);
        }
        List<TensorSpec> floats = signature.outputs().stream()
                .filter(o -> o.dtype().equals("FLOAT") || o.dtype().equals("DOUBLE") || o.dtype().equals("HALF")).toList();
        if (floats.size() == 1) {
            return floats.get(0);
        }
        throw LrlabException.usage("signature '" + signature.key() + "' has " + signature.outputs().size()
                + " outputs; pass `output` with one of: " + String.join(", ", (floats.isEmpty() ? signature.outputs() : floats)
                .stream().map(TensorSpec::key).toList()));
    }

    private static UpdateRule rule(OptimizerConfig config) {
        return switch (config.kind()) {
            case SGD -> new SgdRule();
            case MOMENTUM -> new MomentumRule(false);
            case NESTEROV -> new MomentumRule(true);
            case ADAM -> new AdamRule(config.beta2(), config.epsilon());
            case SGD_HD -> new SgdHdRule(config.hypergradient());
            case SGDN_HD -> new SgdnHdRule(config.hypergradient());
            case ADAM_HD -> new AdamHdRule(config.beta2(), config.epsilon(), config.hypergradient());
        };
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
        ownBatch.fill(features, labels, rows);
        return step(ownBatch, lr, mu);
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
        learningRateValue.setFloat((float) lr);
        momentumValue.setFloat((float) mu);
        Session.Runner runner = batch.feed(session.runner(), objective.labels())
                .feed(learningRate, learningRateValue).feed(momentum, momentumValue);
        runner.fetch(objective.loss()).addTarget(trainOp);
        if (hypergradient != null) {
            runner.fetch(hypergradient).fetch(learningRateUsed);
        }
        try (Result result = runner.run()) {
            float loss = ((TFloat32) result.get(0)).getFloat();
            if (hypergradient == null) {
                return new StepResult(loss, lr, Double.NaN);
            }
            return new StepResult(loss, ((TFloat32) result.get(2)).getFloat(), ((TFloat32) result.get(1)).getFloat());
        }
    }

    /**
     * @return empty tensors for one training batch of this engine's model, to fill (on any thread) and pass to
     *     {@link #step(FeedBatch, double, double)}; the caller closes it
     */
    public FeedBatch newFeedBatch() {
        return newFeedBatch(trainFeed, rowWidth, labelWidth);
    }

    private static FeedBatch newFeedBatch(Feed feed, int rowWidth, int labelWidth) {
        return new FeedBatch(feed.inputs(), feed.labelMatrix(), rowWidth, labelWidth);
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
        double lossSum = 0;
        double accuracySum = 0;
        for (int start = 0; start < rows; start += batchSize) {
            int count = Math.min(batchSize, rows - start);
            float[] batchFeatures = java.util.Arrays.copyOfRange(features, start * rowWidth, (start + count) * rowWidth);
            float[] batchLabels = java.util.Arrays.copyOfRange(labels, start * labelWidth, (start + count) * labelWidth);
            evalBatch.fill(batchFeatures, batchLabels, count);
            Session.Runner runner = evalBatch.feed(session.runner(), evalObjective.labels());
            runner.fetch(evalObjective.loss());
            evalObjective.accuracy().ifPresent(runner::fetch);
            try (Result result = runner.run()) {
                lossSum += (double) ((TFloat32) result.get(0)).getFloat() * count;
                if (evalObjective.accuracy().isPresent()) {
                    accuracySum += (double) ((TFloat32) result.get(1)).getFloat() * count;
                }
            }
        }
        OptionalDouble accuracy = evalObjective.accuracy().isPresent() && rows > 0
                ? OptionalDouble.of(accuracySum / rows) : OptionalDouble.empty();
        return new Evaluation(rows == 0 ? Double.NaN : lossSum / rows, accuracy);
    }

    /**
     * Checks, before the first step, that the columns feeding integer inputs hold whole numbers.
     *
     * @param features the stored feature of a row and column
     * @param rows rows to check
     * @param where where a row comes from, for messages
     * @throws dev.lrlab.LrlabException (data) naming the first fraction, its column and input, and where it is
     */
    public void checkFeatures(InputBinding.FeatureAccess features, int rows, java.util.function.IntFunction<String> where) {
        InputBinding.checkIntegers(trainFeed.inputs(), features, rows, where);
        if (evalFeed != trainFeed) { // a loss on an output feeds training and evaluation through one Feed
            InputBinding.checkIntegers(evalFeed.inputs(), features, rows, where);
        }
    }

    /** @return how the training step's inputs take the feature columns */
    public List<InputBinding> inputBindings() {
        return trainFeed.inputs();
    }

    /** @return the objective each step fetches: loss kind, logits use and description */
    public Objective objective() {
        return objective;
    }

    /** @return the objective {@link #evaluate} fetches: the same as {@link #objective()} unless training goes
     *     through a training-mode call or a train signature */
    public Objective evaluationObjective() {
        return evalObjective;
    }

    /** @return the trained variables */
    public List<ModelVariable> variables() {
        return variables;
    }

    /** @return the trained variables followed by every optimizer slot: everything a snapshot holds */
    public List<ModelVariable> state() {
        return snapshotter.variables();
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
     *
     * @return the name of the first trained variable holding a NaN or infinite value; empty when every one is finite
     */
    public Optional<String> firstNonFiniteWeight() {
        try (VariableSnapshot weights = weightsSnapshotter.snapshot()) {
            for (int i = 0; i < weights.size(); i++) {
                if (weights.tensor(i) instanceof TFloat32 values) {
                    FloatDataBuffer data = values.asRawTensor().data().asFloats();
                    for (long j = 0; j < data.size(); j++) {
                        if (!Float.isFinite(data.getFloat(j))) {
                            return Optional.of(variables.get(i).spec().name());
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @return the trained variables only, without optimizer slots: a snapshot that also fits another engine
     *     built on a copy of the same model (its variables come in the same order)
     */
    public VariableSnapshot snapshotWeights() {
        return weightsSnapshotter.snapshot();
    }

    /**
     * Writes trained variables back, leaving the optimizer slots as they are.
     *
     * @param snapshot taken by {@link #snapshotWeights()} of this engine or of an engine on a copy of the same model
     */
    public void restoreWeights(VariableSnapshot snapshot) {
        weightsSnapshotter.restore(snapshot);
    }

    /** Frees the tensors the steps and evaluations reuse; the graph and session belong to the model. */
    @Override
    public void close() {
        ownBatch.close();
        evalBatch.close();
        learningRateValue.close();
        momentumValue.close();
    }
}
