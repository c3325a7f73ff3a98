package dev.lrlab.train;

/** Builds, once, the assignments of one optimizer step. */
interface UpdateRule {
    /**
     * @param context variables, gradients and fed scalars
     * @return the assignments of the step, and any scalars the rule computes
     */
    UpdatePlan build(UpdateContext context);
}
