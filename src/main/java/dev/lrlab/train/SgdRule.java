package dev.lrlab.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;

/** Plain SGD: {@code w <- w - lr * g} (PyTorch {@code torch.optim.SGD} without momentum). */
final class SgdRule implements UpdateRule {
    @Override
    public UpdatePlan build(UpdateContext c) {
        Ops tf = c.tf();
        List<Op> assigns = new ArrayList<>();
        for (int i = 0; i < c.variables().size(); i++) {
            assigns.add(c.variables().get(i).assign(tf,
                    tf.math.sub(c.values().get(i), tf.math.mul(c.learningRate(), c.gradients().get(i)))));
        }
        return UpdatePlan.of(assigns);
    }
}
