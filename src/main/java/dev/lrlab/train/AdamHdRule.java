package dev.lrlab.train;


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
        AdamDirections adam = AdamDirections.build(rate.after(), c, beta2, epsilon, "hd_adam");
        return rate.plan(c, adam.directions(), adam.slotAssigns());
    }
}
