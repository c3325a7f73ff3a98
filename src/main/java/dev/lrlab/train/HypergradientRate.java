package dev.lrlab.train;

import dev.lrlab.model.ModelVariable;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Identity;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The part every hypergradient rule shares (Baydin et al. 2018): the rate update of one step and the final
 * assignments. Each rule moves along {@code u_t = -alpha_t d_t}, so {@code grad_alpha u_t = -d_t}; the
 * previous direction {@code d_(t-1)} is kept in one zero-initialised slot per variable, hence
 * {@code h_t = g_t . grad_alpha u_(t-1) = -sum_i <g_t,i, d_(t-1),i>}, summed over every trainable variable in
 * the graph, and {@code h_1 = 0}. The fed rate is {@code alpha_(t-1)}; {@code alpha_t} follows
 * {@link HypergradientSettings} and is clamped to its bounds (a NaN rate passes the clamp unchanged so the caller
 * sees it).
 */
final class HypergradientRate {
    private final List<ModelVariable> previous;
    private final Identity<TFloat32> hypergradient;
    private final Identity<TFloat32> rate;
    private final Ops after;

    private HypergradientRate(List<ModelVariable> previous, Identity<TFloat32> hypergradient, Identity<TFloat32> rate,
            Ops after) {
        this.previous = previous;
        this.hypergradient = hypergradient;
        this.rate = rate;
        this.after = after;
    }

    /**
     * Builds {@code h_t} and {@code alpha_t} from the fed rate and the gradients.
     *
     * @param c the step's context
     * @param settings beta, rule and bounds, baked in as constants
     * @return the rate update, whose {@link #after()} orders assignments after the previous directions are read
     */
    static HypergradientRate build(UpdateContext c, HypergradientSettings settings) {
        Ops tf = c.tf();
        List<ModelVariable> previous = new ArrayList<>();
        List<Operand<TFloat32>> dots = new ArrayList<>();
        List<Operand<TFloat32>> gradientSquares = new ArrayList<>();
        List<Operand<TFloat32>> directionSquares = new ArrayList<>();
        for (int i = 0; i < c.variables().size(); i++) {
            Operand<TFloat32> g = c.gradients().get(i);
            ModelVariable slot = c.slots().zerosLike("hd_direction_" + i, c.values().get(i));
            previous.add(slot);
            Operand<TFloat32> d = slot.read(tf);
            dots.add(sumAll(tf, tf.math.mul(g, d)));
            gradientSquares.add(sumAll(tf, tf.math.square(g)));
            directionSquares.add(sumAll(tf, tf.math.square(d)));
        }
        Operand<TFloat32> h = tf.math.neg(tf.math.addN(dots));
        Operand<TFloat32> lr = c.learningRate();
        Operand<TFloat32> beta = tf.constant((float) settings.beta());
        Operand<TFloat32> alpha;
        if (settings.multiplicative()) {
            Operand<TFloat32> norms = tf.math.mul(tf.math.sqrt(tf.math.addN(gradientSquares)),
                    tf.math.sqrt(tf.math.addN(directionSquares)));
            alpha = tf.math.mul(lr, tf.math.sub(tf.constant(1f), tf.math.mul(beta, tf.math.divNoNan(h, norms))));
        } else {
            alpha = tf.math.sub(lr, tf.math.mul(beta, h));
        }
        Operand<TFloat32> clamped = alpha;
        if (settings.hasMinLr()) {
            clamped = tf.math.maximum(clamped, tf.constant((float) settings.minLr()));
        }
        if (settings.hasMaxLr()) {
            clamped = tf.math.minimum(clamped, tf.constant((float) settings.maxLr()));
        }
        if (clamped != alpha) {
            clamped = tf.select(tf.math.isNan(alpha), alpha, clamped);
        }
        Identity<TFloat32> hypergradient = tf.withName("hypergradient").identity(h);
        Identity<TFloat32> rate = tf.withName("learning_rate_used").identity(clamped);
        return new HypergradientRate(previous, hypergradient, rate, tf.withControlDependencies(List.of(hypergradient, rate)));
    }

    private static Operand<TFloat32> sumAll(Ops tf, Operand<TFloat32> x) {
        Operand<TInt32> axes = tf.range(tf.constant(0), tf.rank(x), tf.constant(1));
        return tf.reduceSum(x, axes);
    }

    /** @return where to add assignments: after {@code h_t} and {@code alpha_t}, hence after every slot read */
    Ops after() {
        return after;
    }

    /** @return {@code alpha_t}, the rate this step applies */
    Operand<TFloat32> rate() {
        return rate;
    }

    /**
     * @param c the step's context
     * @param directions {@code d_t} per variable: the step is {@code w <- w - alpha_t d_t}
     * @param stateAssigns the rule's own slot assignments (momentum buffers, moments), built on {@link #after()}
     * @return the plan: those, the variable updates, the saved directions, and {@code h_t} and {@code alpha_t}
     */
    UpdatePlan plan(UpdateContext c, List<Operand<TFloat32>> directions, List<Op> stateAssigns) {
        List<Op> assigns = new ArrayList<>(stateAssigns);
        for (int i = 0; i < c.variables().size(); i++) {
            Operand<TFloat32> d = directions.get(i);
            assigns.add(c.variables().get(i).assign(after, after.math.sub(c.values().get(i), after.math.mul(rate, d))));
            assigns.add(previous.get(i).assign(after, d));
        }
        return UpdatePlan.adapting(assigns, hypergradient, rate);
    }
}
