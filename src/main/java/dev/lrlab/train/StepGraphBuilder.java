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
import dev.lrlab.model.VariableSpec;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Builds the ops of a training step in a model's graph, once, as a {@link StepGraph}: the placeholders of the fed
 * learning rate and momentum, the loss and its gradients, the optimizer's update (its slots, step counter and, for
 * hypergradient rules, the dot product of successive gradients) and the target that applies it. Runs nothing: the
 * slots' initializers travel in the result for the runner.
 */
final class StepGraphBuilder {
    private StepGraphBuilder() {
    }

    /** See {@link StepEngine#build}: a loss on a signature output, in training mode when the model gives a path. */
    static StepGraph onOutput(ModelGraph model, SignatureSpec signature, TrainingSetup setup) {
        Graph graph = model.graph();
        List<InputBinding> inputs = InputBinding.bind(signature.inputs(), setup.columns(), model::exampleFeatures);
        TensorSpec output = setup.objective().outputKey().map(signature::output).orElseGet(() -> trainableOutput(signature));
        TrainingPath path = model.trainingPath(signature, output);
        ObjectiveBuilder objectives = new ObjectiveBuilder(graph);
        Objective evalObjective = objectives.build(output.tensorName(), setup.objective());
        Objective objective = path.trainingMode()
                ? objectives.withAddedLosses(objectives.build(path.output(), setup.objective()), path.regularizationLosses())
                : evalObjective;
        StepGraph.Feed feed = new StepGraph.Feed(inputs, false);
        return differentiate(model, path.lossInputs(), feed, feed, objective, evalObjective, path.updatedState(), setup);
    }

    /** See {@link StepEngine#buildOnLossSignature}: the gradients of a loss the model returns itself. */
    static StepGraph onLossSignature(ModelGraph model, SignatureLoss loss, TrainingSetup setup) {
        Objective objective = lossObjective(model, loss, "");
        StepGraph.Feed feed = lossFeed(model, loss, setup);
        return differentiate(model, List.of(loss.loss().tensorName()), feed, feed, objective, objective, List.of(), setup);
    }

    /** See {@link StepEngine#driveTrainSignature}: a training-step signature that applies the model's own update. */
    static StepGraph onTrainSignature(ModelGraph model, SignatureLoss trainStep, String lrInput,
            StepEngine.EvaluationLoss evaluation, TrainingSetup setup) {
        Graph graph = model.graph();
        Objective objective = lossObjective(model, trainStep, "train ");
        StepGraph.Feed feed = lossFeed(model, trainStep, setup);
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
        StepGraph.Feed evalFeed;
        Objective evalObjective;
        if (evaluation instanceof StepEngine.EvaluationLoss.OnLossSignature onLoss) {
            SignatureLoss loss = onLoss.lossSignature();
            evalObjective = lossObjective(model, loss, "");
            evalFeed = lossFeed(model, loss, setup);
        } else {
            SignatureSpec signature = ((StepEngine.EvaluationLoss.OnOutput) evaluation).signature();
            TensorSpec output = setup.objective().outputKey().filter(k -> signature.outputs().stream()
                    .anyMatch(o -> o.key().equals(k))).map(signature::output).orElseGet(() -> trainableOutput(signature));
            evalObjective = new ObjectiveBuilder(graph).build(output.tensorName(), setup.objective());
            evalFeed = new StepGraph.Feed(InputBinding.bind(signature.inputs(), setup.columns(), model::exampleFeatures), false);
        }
        List<ModelVariable> trained = new ArrayList<>();
        for (VariableSpec spec : model.trainableVariablesFor(List.of(trainStep.loss().tensorName()))) {
            ModelVariable variable = ModelVariable.bind(graph, spec);
            variable.requireFloat32(); // every trained variable is float32, so the state below holds it
            trained.add(variable);
        }
        List<ModelVariable> state = new ArrayList<>();
        for (VariableSpec spec : model.variables()) {
            if (spec.dtype().equals("FLOAT")) {
                state.add(ModelVariable.bind(graph, spec));
            }
        }
        return new StepGraph(new StepGraph.Side(feed, objective), new StepGraph.Side(evalFeed, evalObjective), learningRate,
                momentum, new StepGraph.Update(trainOp, trained, state, List.of(), null));
    }

    /** The objective of a loss signature's loss output; {@code role} is "train " for a signature that updates. */
    private static Objective lossObjective(ModelGraph model, SignatureLoss loss, String role) {
        return loss.objective(model.graph(), "the loss output '" + loss.loss().key() + "' of " + role + "signature '"
                + loss.signature().key() + "'" + (role.isEmpty() ? "" : ", which updates the model itself"));
    }

    /** The feature inputs of a loss signature, its labels fed as a matrix when its label input has two dimensions. */
    private static StepGraph.Feed lossFeed(ModelGraph model, SignatureLoss loss, TrainingSetup setup) {
        TensorSpec labelInput = loss.labelInput();
        boolean matrix = labelInput.shape() != null && labelInput.shape().length == 2;
        return new StepGraph.Feed(InputBinding.bind(loss.featureInputs(), setup.columns(), model::exampleFeatures), matrix);
    }

    private static StepGraph differentiate(ModelGraph model, List<String> lossInputs, StepGraph.Feed feed,
            StepGraph.Feed evalFeed, Objective objective, Objective evalObjective, List<VariableSpec> updatedState,
            TrainingSetup setup) {
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
        UpdatePlan plan = rule(config).build(new UpdateContext(tf,
                new UpdateContext.Parameters(variables, waitedGradients, values),
                new UpdateContext.Scalars(learningRate, momentum, step), slots));
        List<Op> assigns = new ArrayList<>(plan.assigns());
        assigns.add(stepCounter.assign(tf, step));
        Op trainOp = base.withName("train_step").withControlDependencies(assigns).noOp();

        List<ModelVariable> state = new ArrayList<>(variables);
        state.addAll(slots.slots());
        for (VariableSpec spec : updatedState) {
            state.add(ModelVariable.bind(graph, spec));
        }
        return new StepGraph(new StepGraph.Side(feed, objective), new StepGraph.Side(evalFeed, evalObjective), learningRate,
                momentum, new StepGraph.Update(trainOp, variables, state, slots.initializers(), plan.adapted()));
    }

    /** See {@link StepEngine#trainableOutput}. */
    static TensorSpec trainableOutput(SignatureSpec signature) {
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
}
