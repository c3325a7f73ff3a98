package dev.lrlab.train;

import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * What an update rule built: the assignments of one step and, for rules that adapt the rate in the graph
 * (hypergradient descent), the scalars the step returns besides the loss.
 *
 * @param assigns every assignment of the step (model variables and slots)
 * @param hypergradient h_t, the derivative of the loss with respect to the learning rate, when computed
 * @param learningRateUsed the rate the step actually applied (alpha_t), when the rule computes it
 */
record UpdatePlan(List<Op> assigns, Optional<Operand<TFloat32>> hypergradient, Optional<Operand<TFloat32>> learningRateUsed) {

    UpdatePlan {
        assigns = List.copyOf(assigns);
    }

    /** @return a plan of plain assignments that uses the fed rate as it is */
    static UpdatePlan of(List<Op> assigns) {
        return new UpdatePlan(assigns, Optional.empty(), Optional.empty());
    }
}
