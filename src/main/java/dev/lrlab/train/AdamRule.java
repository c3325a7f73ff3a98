package dev.lrlab.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;

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
        AdamDirections adam = AdamDirections.build(tf, c, beta2, epsilon, "adam");
        List<Op> assigns = new ArrayList<>(adam.slotAssigns());
        for (int i = 0; i < c.variables().size(); i++) {
            assigns.add(c.variables().get(i).assign(tf,
                    tf.math.sub(c.values().get(i), tf.math.mul(c.learningRate(), adam.directions().get(i)))));
        }
        return UpdatePlan.of(assigns);
    }
}
