package dev.lrlab.train;

import dev.lrlab.model.ModelVariable;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The per-variable step direction of SGD with momentum (PyTorch {@code torch.optim.SGD(momentum=mu,
 * dampening=0)}): {@code b <- mu * b + g}, direction {@code b} (heavy ball) or {@code g + mu * b}
 * (Nesterov), with the buffer slots and their updates. Shared by momentum SGD and SGDN-HD, which differ only
 * in the rate they multiply it by.
 *
 * @param directions one direction per variable
 * @param slotAssigns the updates of the momentum buffers
 */
record MomentumDirections(List<Operand<TFloat32>> directions, List<Op> slotAssigns) {

    /**
     * @param tf where to add the ops (after the gradients)
     * @param c the update context; its momentum is mu
     * @param nesterov Nesterov's direction instead of the heavy ball's
     * @param slotPrefix names the buffer slots, e.g. {@code momentum}
     * @return the directions and buffer updates
     */
    static MomentumDirections build(Ops tf, UpdateContext c, boolean nesterov, String slotPrefix) {
        List<Operand<TFloat32>> directions = new ArrayList<>();
        List<Op> assigns = new ArrayList<>();
        for (int i = 0; i < c.variables().size(); i++) {
            Operand<TFloat32> g = c.gradients().get(i);
            ModelVariable buffer = c.slots().zerosLike(slotPrefix + "_" + i, c.variables().get(i));
            Operand<TFloat32> newBuffer = tf.math.add(tf.math.mul(c.momentum(), buffer.read(tf)), g);
            directions.add(nesterov ? tf.math.add(g, tf.math.mul(c.momentum(), newBuffer)) : newBuffer);
            assigns.add(buffer.assign(tf, newBuffer));
        }
        return new MomentumDirections(directions, assigns);
    }
}
