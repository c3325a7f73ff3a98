package dev.lrlab.train;

import dev.lrlab.model.ModelVariable;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * SGD with momentum exactly as PyTorch's {@code torch.optim.SGD(momentum=mu, dampening=0)}:
 * {@code b <- mu * b + g}, then {@code w <- w - lr * b} (heavy ball) or {@code w <- w - lr * (g + mu * b)}
 * (Nesterov). The buffer starts at zero, so the first step is {@code b = g} as in PyTorch.
 */
final class MomentumRule implements UpdateRule {
    private final boolean nesterov;

    MomentumRule(boolean nesterov) {
        this.nesterov = nesterov;
    }

    @Override
    public UpdatePlan build(UpdateContext c) {
        Ops tf = c.tf();
        List<Op> assigns = new ArrayList<>();
        for (int i = 0; i < c.variables().size(); i++) {
            Operand<TFloat32> g = c.gradients().get(i);
            ModelVariable buffer = c.slots().zerosLike("momentum_" + i, c.variables().get(i));
            Operand<TFloat32> newBuffer = tf.math.add(tf.math.mul(c.momentum(), buffer.read(tf)), g);
            Operand<TFloat32> direction = nesterov ? tf.math.add(g, tf.math.mul(c.momentum(), newBuffer)) : newBuffer;
            assigns.add(buffer.assign(tf, newBuffer));
            assigns.add(c.variables().get(i).assign(tf,
                    tf.math.sub(c.values().get(i), tf.math.mul(c.learningRate(), direction))));
        }
        return UpdatePlan.of(assigns);
    }
}
