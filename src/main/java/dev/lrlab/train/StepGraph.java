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
 * @param trainFeed the inputs a step feeds
 * @param evalFeed the inputs an evaluation feeds ({@code trainFeed} itself unless a train signature is driven)
 * @param objective the loss each step fetches
 * @param evalObjective the loss (and accuracy) an evaluation fetches
 * @param learningRate the fed learning rate
 * @param momentum the fed momentum (a placeholder nothing reads when a train signature is driven)
 * @param trainOp the target that applies one update
 * @param variables the trained variables
 * @param state everything a snapshot holds: the trained variables, optimizer slots and updated state
 * @param initializers ops that give the optimizer slots their first values, run once before the first step
 * @param hypergradient h_t, when the rule computes it
 * @param learningRateUsed the rate the step applied, when the rule computes it
 */
record StepGraph(Feed trainFeed, Feed evalFeed, Objective objective, Objective evalObjective,
        Placeholder<TFloat32> learningRate, Placeholder<TFloat32> momentum, Op trainOp, List<ModelVariable> variables,
        List<ModelVariable> state, List<Op> initializers, Optional<Operand<TFloat32>> hypergradient,
        Optional<Operand<TFloat32>> learningRateUsed) {

    StepGraph {
        variables = List.copyOf(variables);
        state = List.copyOf(state);
        initializers = List.copyOf(initializers);
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
