package dev.lrlab.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;

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
        MomentumDirections momentum = MomentumDirections.build(tf, c, nesterov, "momentum");
        List<Op> assigns = new ArrayList<>(momentum.slotAssigns());
        for (int i = 0; i < c.variables().size(); i++) {
            assigns.add(c.variables().get(i).assign(tf,
                    tf.math.sub(c.values().get(i), tf.math.mul(c.learningRate(), momentum.directions().get(i)))));
        }
        return UpdatePlan.of(assigns);
    }
}
