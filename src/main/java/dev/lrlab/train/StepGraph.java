package dev.lrlab.train;

import dev.lrlab.model.ModelVariable;
import dev.lrlab.model.Objective;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The ops of one training step, built once in a model's graph by {@link StepGraphBuilder} and run by {@link
 * StepRunner}: the two fed scalars, the update, the loss to fetch and, for hypergradient optimizers, the scalars the
 * step returns besides it. Holds no native resource: the graph owns every op.
 *
 * @param train what a step feeds and the loss it fetches
 * @param eval what an evaluation feeds ({@code train}'s feed itself unless a train signature is driven) and the loss
 *     (and accuracy) it fetches
 * @param learningRate the fed learning rate
 * @param momentum the fed momentum (a placeholder nothing reads when a train signature is driven)
 * @param update the update and the variables it changes
 */
record StepGraph(Side train, Side eval, Placeholder<TFloat32> learningRate, Placeholder<TFloat32> momentum,
        Update update) {

    /**
     * One way of running the model: the inputs fed and the loss fetched.
     *
     * @param feed the inputs fed
     * @param objective the loss (and accuracy) fetched
     */
    record Side(Feed feed, Objective objective) {
    }

    /**
     * The update a step applies.
     *
     * @param trainOp the target that applies one update
     * @param variables the trained variables
     * @param state everything a snapshot holds: the trained variables, optimizer slots and updated state
     * @param initializers ops that give the optimizer slots their first values, run once before the first step
     * @param adapted h_t and the rate the step applied, when a hypergradient rule computes them; else null
     */
    record Update(Op trainOp, List<ModelVariable> variables, List<ModelVariable> state, List<Op> initializers,
            UpdatePlan.AdaptedRate adapted) {
        Update {
            variables = List.copyOf(variables);
            state = List.copyOf(state);
            initializers = List.copyOf(initializers);
        }
    }

    /** @return the inputs a step feeds */
    Feed trainFeed() {
        return train.feed();
    }

    /** @return the inputs an evaluation feeds */
    Feed evalFeed() {
        return eval.feed();
    }

    /** @return the loss each step fetches */
    Objective objective() {
        return train.objective();
    }

    /** @return the loss (and accuracy) an evaluation fetches */
    Objective evalObjective() {
        return eval.objective();
    }

    /** @return the target that applies one update */
    Op trainOp() {
        return update.trainOp();
    }

    /** @return the trained variables */
    List<ModelVariable> variables() {
        return update.variables();
    }

    /** @return everything a snapshot holds */
    List<ModelVariable> state() {
        return update.state();
    }

    /** @return the optimizer slots' initializers */
    List<Op> initializers() {
        return update.initializers();
    }

    /** @return h_t, when the rule computes it */
    Optional<Operand<TFloat32>> hypergradient() {
        return Optional.ofNullable(update.adapted()).map(UpdatePlan.AdaptedRate::hypergradient);
    }

    /** @return the rate the step applied, when the rule computes it */
    Optional<Operand<TFloat32>> learningRateUsed() {
        return Optional.ofNullable(update.adapted()).map(UpdatePlan.AdaptedRate::learningRateUsed);
    }

    /**
     * What one session run feeds: the inputs that take feature columns, and whether the labels go in as a
     * [batch, width] matrix even for width 1 (a label input declared with two dimensions).
     *
     * @param inputs how the model's inputs take the feature columns
     * @param labelMatrix whether labels are fed as a matrix even for one label column
     */
    record Feed(List<InputBinding> inputs, boolean labelMatrix) {
    }
}
