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
 * @param adapted the rate the rule computed, {@code null} when it applies the fed rate as it is (see
 *     {@link #hypergradient()} and {@link #learningRateUsed()})
 */
record UpdatePlan(List<Op> assigns, AdaptedRate adapted) {

    UpdatePlan {
        assigns = List.copyOf(assigns);
    }

    /**
     * The scalars of a rule that adapts its rate.
     *
     * @param hypergradient h_t, the derivative of the loss with respect to the learning rate
     * @param learningRateUsed the rate the step actually applied (alpha_t)
     */
    record AdaptedRate(Operand<TFloat32> hypergradient, Operand<TFloat32> learningRateUsed) {
    }

    /** @return a plan of plain assignments that uses the fed rate as it is */
    static UpdatePlan of(List<Op> assigns) {
        return new UpdatePlan(assigns, null);
    }

    /**
     * @param assigns every assignment of the step
     * @param hypergradient h_t
     * @param learningRateUsed alpha_t, the rate the step applies
     * @return a plan whose rule computed the rate it applies
     */
    static UpdatePlan adapting(List<Op> assigns, Operand<TFloat32> hypergradient, Operand<TFloat32> learningRateUsed) {
        return new UpdatePlan(assigns, new AdaptedRate(hypergradient, learningRateUsed));
    }

    /** @return h_t, the derivative of the loss with respect to the learning rate, when computed */
    Optional<Operand<TFloat32>> hypergradient() {
        return Optional.ofNullable(adapted).map(AdaptedRate::hypergradient);
    }

    /** @return the rate the step actually applied (alpha_t), when the rule computes it */
    Optional<Operand<TFloat32>> learningRateUsed() {
        return Optional.ofNullable(adapted).map(AdaptedRate::learningRateUsed);
    }
}
