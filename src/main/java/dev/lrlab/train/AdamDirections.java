package dev.lrlab.train;

import dev.lrlab.model.ModelVariable;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adam's per-variable step direction {@code m_hat / (sqrt(v_hat) + eps)} (PyTorch {@code torch.optim.Adam}),
 * with the moment slots it keeps and their updates. Shared by Adam and Adam-HD, which differ only in the
 * rate they multiply it by.
 *
 * @param directions one direction per variable
 * @param slotAssigns the updates of the m and v slots
 */
record AdamDirections(List<Operand<TFloat32>> directions, List<Op> slotAssigns) {

    /**
     * @param tf where to add the ops (after the gradients)
     * @param c the update context; its momentum is beta1
     * @param beta2 second-moment decay
     * @param epsilon denominator term
     * @param slotPrefix names the m and v slots, e.g. {@code adam}
     * @return the directions and slot updates
     */
    static AdamDirections build(Ops tf, UpdateContext c, float beta2, float epsilon, String slotPrefix) {
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> b1 = c.momentum();
        Operand<TFloat32> b2 = tf.constant(beta2);
        Operand<TFloat32> correction1 = tf.math.sub(one, tf.math.pow(b1, c.step()));
        Operand<TFloat32> correction2 = tf.math.sub(one, tf.math.pow(b2, c.step()));
        List<Operand<TFloat32>> directions = new ArrayList<>();
        List<Op> assigns = new ArrayList<>();
        for (int i = 0; i < c.variables().size(); i++) {
            Operand<TFloat32> g = c.gradients().get(i);
            ModelVariable m = c.slots().zerosLike(slotPrefix + "_m_" + i, c.variables().get(i));
            ModelVariable v = c.slots().zerosLike(slotPrefix + "_v_" + i, c.variables().get(i));
            Operand<TFloat32> newM = tf.math.add(tf.math.mul(b1, m.read(tf)), tf.math.mul(tf.math.sub(one, b1), g));
            Operand<TFloat32> newV = tf.math.add(tf.math.mul(b2, v.read(tf)),
                    tf.math.mul(tf.math.sub(one, b2), tf.math.square(g)));
            directions.add(tf.math.div(tf.math.div(newM, correction1),
                    tf.math.add(tf.math.sqrt(tf.math.div(newV, correction2)), tf.constant(epsilon))));
            assigns.add(m.assign(tf, newM));
            assigns.add(v.assign(tf, newV));
        }
        return new AdamDirections(directions, assigns);
    }
}
