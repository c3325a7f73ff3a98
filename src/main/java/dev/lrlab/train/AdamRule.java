package dev.lrlab.train;

import dev.lrlab.model.ModelVariable;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adam exactly as PyTorch's {@code torch.optim.Adam} (Kingma and Ba, Algorithm 1): with t the 1-based
 * step, {@code m <- b1 m + (1-b1) g}, {@code v <- b2 v + (1-b2) g^2}, {@code m^ = m / (1-b1^t)},
 * {@code v^ = v / (1-b2^t)}, {@code w <- w - lr * m^ / (sqrt(v^) + eps)}. b1 is the fed momentum scalar,
 * so schedules such as 1cycle can cycle it; b2 and eps are fixed.
 */
final class AdamRule implements UpdateRule {
    private final float beta2;
    private final float epsilon;

    AdamRule(double beta2, double epsilon) {
        this.beta2 = (float) beta2;
        this.epsilon = (float) epsilon;
    }

    @Override
    public UpdatePlan build(UpdateContext c) {
        Ops tf = c.tf();
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> b1 = c.momentum();
        Operand<TFloat32> b2 = tf.constant(beta2);
        Operand<TFloat32> correction1 = tf.math.sub(one, tf.math.pow(b1, c.step()));
        Operand<TFloat32> correction2 = tf.math.sub(one, tf.math.pow(b2, c.step()));
        List<Op> assigns = new ArrayList<>();
        for (int i = 0; i < c.variables().size(); i++) {
            Operand<TFloat32> g = c.gradients().get(i);
            ModelVariable m = c.slots().zerosLike("adam_m_" + i, c.variables().get(i));
            ModelVariable v = c.slots().zerosLike("adam_v_" + i, c.variables().get(i));
            Operand<TFloat32> newM = tf.math.add(tf.math.mul(b1, m.read(tf)), tf.math.mul(tf.math.sub(one, b1), g));
            Operand<TFloat32> newV = tf.math.add(tf.math.mul(b2, v.read(tf)),
                    tf.math.mul(tf.math.sub(one, b2), tf.math.square(g)));
            Operand<TFloat32> direction = tf.math.div(tf.math.div(newM, correction1),
                    tf.math.add(tf.math.sqrt(tf.math.div(newV, correction2)), tf.constant(epsilon)));
            assigns.add(m.assign(tf, newM));
            assigns.add(v.assign(tf, newV));
            assigns.add(c.variables().get(i).assign(tf,
                    tf.math.sub(c.values().get(i), tf.math.mul(c.learningRate(), direction))));
        }
        return UpdatePlan.of(assigns);
    }
}
