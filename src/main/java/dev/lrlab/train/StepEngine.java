package dev.lrlab.train;

import dev.lrlab.LrlabException;
import dev.lrlab.model.GradientBuilder;
import dev.lrlab.model.ModelGraph;
import dev.lrlab.model.ModelVariable;
import dev.lrlab.model.Objective;
import dev.lrlab.model.ObjectiveBuilder;
import dev.lrlab.model.SignatureSpec;
import dev.lrlab.model.TensorSpec;
import dev.lrlab.model.VariableSnapshot;
import dev.lrlab.model.VariableSnapshotter;
import dev.lrlab.model.VariableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.NoOp;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The training step of a model, built once in its graph: the loss, its gradients, and an optimizer whose
 * learning rate and momentum are scalar placeholders. Each {@link #step} feeds one batch and those two
 * scalars and fetches only the loss. Owns no native resource of its own: the model's graph and session
 * hold everything, so close the model.
 */
public final class StepEngine {
    private final Session session;
    private final List<InputBinding> inputs;
    private final Objective objective;
    private final Placeholder<TFloat32> learningRate;
    private final Placeholder<TFloat32> momentum;
    private final NoOp trainOp;
    private final List<ModelVariable> variables;
    private final VariableSnapshotter snapshotter;
    private final VariableSnapshotter weightsSnapshotter;
    private final int rowWidth;
    private final int labelWidth;
    private final Operand<TFloat32> hypergradient;
    private final Operand<TFloat32> learningRateUsed;

    private StepEngine(Session session, List<InputBinding> inputs, Objective objective, Placeholder<TFloat32> learningRate,
            Placeholder<TFloat32> momentum, NoOp trainOp, List<ModelVariable> variables, VariableSnapshotter snapshotter,
            VariableSnapshotter weightsSnapshotter, int rowWidth, int labelWidth, UpdatePlan plan) {
        this.session = session;
        this.inputs = inputs;
        this.objective = objective;
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
     *
     * @param model the live model
     * @param signature the signature to feed and train
     * @param setup objective, optimizer and feature columns
     * @return the engine
     */
    public static StepEngine build(ModelGraph model, SignatureSpec signature, TrainingSetup setup) {
        Graph graph = model.graph();
        List<InputBinding> inputs = InputBinding.bind(signature.inputs(), setup.featureNames());
        TensorSpec output = setup.objective().outputKey().map(signature::output).orElseGet(() -> onlyOutput(signature));
        Objective objective = new ObjectiveBuilder(graph).build(output.tensorName(), setup.objective());
        List<ModelVariable> variables = new ArrayList<>();
        var onPath = model.dataAncestors(List.of(output.tensorName()));
        for (VariableSpec spec : model.trainableVariablesFor(List.of(output.tensorName()))) {
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
        NoOp trainOp = base.withName("train_step").withControlDependencies(assigns).noOp();

        Session session = model.session();
        for (Op initializer : slots.initializers()) {
            session.runner().addTarget(initializer).run().close();
        }
        List<ModelVariable> state = new ArrayList<>(variables);
        state.addAll(slots.slots());
        VariableSnapshotter snapshotter = new VariableSnapshotter(graph, session, state);
        VariableSnapshotter weightsSnapshotter = new VariableSnapshotter(graph, session, variables);
        return new StepEngine(session, inputs, objective, learningRate, momentum, trainOp, List.copyOf(variables),
                snapshotter, weightsSnapshotter, setup.featureNames().size(), setup.objective().labelWidth(), plan);
    }

    private static TensorSpec onlyOutput(SignatureSpec signature) {
        if (signature.outputs().size() != 1) {
            throw LrlabException.usage("signature '" + signature.key() + "' has " + signature.outputs().size()
                    + " outputs; pass --output with one of: "
                    + String.join(", ", signature.outputs().stream().map(TensorSpec::key).toList()));
        }
        return signature.outputs().get(0);
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
        List<Tensor> feeds = new ArrayList<>();
        try {
            Session.Runner runner = feedBatch(session.runner(), features, labels, rows, feeds);
            Tensor lrTensor = TFloat32.scalarOf((float) lr);
            feeds.add(lrTensor);
            Tensor muTensor = TFloat32.scalarOf((float) mu);
            feeds.add(muTensor);
            runner.feed(learningRate, lrTensor).feed(momentum, muTensor).fetch(objective.loss()).addTarget(trainOp);
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
        } finally {
            feeds.forEach(Tensor::close);
        }
    }

    /**
     * Computes the loss (and accuracy) over many rows without changing anything.
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
            List<Tensor> feeds = new ArrayList<>();
            try {
                Session.Runner runner = feedBatch(session.runner(), batchFeatures, batchLabels, count, feeds);
                runner.fetch(objective.loss());
                objective.accuracy().ifPresent(runner::fetch);
                try (Result result = runner.run()) {
                    lossSum += (double) ((TFloat32) result.get(0)).getFloat() * count;
                    if (objective.accuracy().isPresent()) {
                        accuracySum += (double) ((TFloat32) result.get(1)).getFloat() * count;
                    }
                }
            } finally {
                feeds.forEach(Tensor::close);
            }
        }
        OptionalDouble accuracy = objective.accuracy().isPresent() && rows > 0
                ? OptionalDouble.of(accuracySum / rows) : OptionalDouble.empty();
        return new Evaluation(rows == 0 ? Double.NaN : lossSum / rows, accuracy);
    }

    private Session.Runner feedBatch(Session.Runner runner, float[] features, float[] labels, int rows, List<Tensor> feeds) {
        for (InputBinding binding : inputs) {
            Tensor tensor = InputTensors.create(binding, features, rowWidth, rows);
            feeds.add(tensor);
            runner.feed(binding.input().tensorName(), tensor);
        }
        Shape labelShape = labelWidth == 1 ? Shape.of(rows) : Shape.of(rows, labelWidth);
        Tensor labelTensor = TFloat32.tensorOf(labelShape, DataBuffers.of(labels, true, false).narrow((long) rows * labelWidth));
        feeds.add(labelTensor);
        runner.feed(objective.labels(), labelTensor);
        return runner;
    }

    /** @return the objective: loss kind, logits use and description */
    public Objective objective() {
        return objective;
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
}
