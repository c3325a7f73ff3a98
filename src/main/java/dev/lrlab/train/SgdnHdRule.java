package dev.lrlab.train;


/**
 * SGDN-HD (Baydin et al. 2018, Algorithm 3): Nesterov momentum with the fed {@code mu},
 * {@code v_t = mu v_(t-1) + g_t}, {@code u_t = -alpha_t (g_t + mu v_t)}, so
 * {@code grad_alpha u_t = -(g_t + mu v_t)}. With a fixed rate this is {@link MomentumRule}'s Nesterov step
 * (PyTorch {@code SGD(momentum=mu, nesterov=True)}). The rate update is {@link HypergradientRate}'s.
 */
final class SgdnHdRule implements UpdateRule {
    private final HypergradientSettings settings;

    SgdnHdRule(HypergradientSettings settings) {
        this.settings = settings;
    }

    @Override
    public UpdatePlan build(UpdateContext c) {
        HypergradientRate rate = HypergradientRate.build(c, settings);
        MomentumDirections nesterov = MomentumDirections.build(rate.after(), c, true, "hd_momentum");
        return rate.plan(c, nesterov.directions(), nesterov.slotAssigns());
    }
}
