package dev.lrlab.train;

import dev.lrlab.model.ModelVariable;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adam-HD (Baydin et al. 2018, Algorithm 2): the moments of {@link AdamRule} (b1 the fed momentum, b2 and eps
 * fixed, bias-corrected with the 1-based step t), {@code u_t = -alpha_t m^_t / (sqrt(v^_t) + eps)}, so
 * {@code grad_alpha u_t = -m^_t / (sqrt(v^_t) + eps)}. The rate update is {@link HypergradientRate}'s.
 */
final class AdamHdRule implements UpdateRule {
    private final float beta2;
    private final float epsilon;
    private final HypergradientSettings settings;

    AdamHdRule(double beta2, double epsilon, HypergradientSettings settings) {
        this.beta2 = (float) beta2;
        this.epsilon = (float) epsilon;
        this.settings = settings;
    }

    @Override
    public UpdatePlan build(UpdateContext c) {
        HypergradientRate rate = HypergradientRate.build(c, settings);
        Ops tf = rate.after();
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> b1 = c.momentum();
        Operand<TFloat32> b2 = tf.constant(beta2);
        Operand<TFloat32> correction1 = tf.math.sub(one, tf.math.pow(b1, c.step()));
        Operand<TFloat32> correction2 = tf.math.sub(one, tf.math.pow(b2, c.step()));
        List<Operand<TFloat32>> directions = new ArrayList<>();
        List<Op> state = new ArrayList<>();
        for (int i = 0; i < c.variables().size(); i++) {
            Operand<TFloat32> g = c.gradients().get(i);
            ModelVariable m = c.slots().zerosLike("hd_adam_m_" + i, c.values().get(i));
            ModelVariable v = c.slots().zerosLike("hd_adam_v_" + i, c.values().get(i));
            Operand<TFloat32> newM = tf.math.add(tf.math.mul(b1, m.read(tf)), tf.math.mul(tf.math.sub(one, b1), g));
            Operand<TFloat32> newV = tf.math.add(tf.math.mul(b2, v.read(tf)),
                    tf.math.mul(tf.math.sub(one, b2), tf.math.square(g)));
            directions.add(tf.math.div(tf.math.div(newM, correction1),
                    tf.math.add(tf.math.sqrt(tf.math.div(newV, correction2)), tf.constant(epsilon))));
            state.add(m.assign(tf, newM));
            state.add(v.assign(tf, newV));
        }
        return rate.plan(c, directions, state);
    }
}
