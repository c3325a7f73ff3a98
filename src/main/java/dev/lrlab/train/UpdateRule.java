package dev.lrlab.train;

import java.util.List;
import org.tensorflow.op.Op;

/** Builds, once, the assignments of one optimizer step. */
interface UpdateRule {
    /**
     * @param context variables, gradients and fed scalars
     * @return every assignment of the step (model variables and slots)
     */
    List<Op> build(UpdateContext context);
}
