package dev.lrlab.train;

import dev.lrlab.model.ModelVariable;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * SGDN-HD (Baydin et al. 2018, Algorithm 3): Nesterov momentum with the fed {@code mu},
 * {@code v_t = mu v_(t-1) + g_t}, {@code u_t = -alpha_t (g_t + mu v_t)}, so
 * {@code grad_alpha u_t = -(g_t + mu v_t)}. With a fixed rate this is {@link MomentumRule}'s Nesterov step
 * (PyTorch {@code SGD(momentum=mu, nesterov=True)}). The rate update is {@link HypergradientRate}'s.
 */
final class SgdnHdRule implements UpdateRule {
    private final HypergradientSettings settings;

    SgdnHdRule(HypergradientSettings settings) {
        this.settings = settings;
    }

    @Override
    public UpdatePlan build(UpdateContext c) {
        HypergradientRate rate = HypergradientRate.build(c, settings);
        Ops tf = rate.after();
        List<Operand<TFloat32>> directions = new ArrayList<>();
        List<Op> state = new ArrayList<>();
        for (int i = 0; i < c.variables().size(); i++) {
            Operand<TFloat32> g = c.gradients().get(i);
            ModelVariable buffer = c.slots().zerosLike("hd_momentum_" + i, c.values().get(i));
            Operand<TFloat32> newBuffer = tf.math.add(tf.math.mul(c.momentum(), buffer.read(tf)), g);
            directions.add(tf.math.add(g, tf.math.mul(c.momentum(), newBuffer)));
            state.add(buffer.assign(tf, newBuffer));
        }
        return rate.plan(c, directions, state);
    }
}
