package dev.lrlab.train;

import java.util.List;

/**
 * SGD-HD (Baydin et al. 2018, Algorithm 1 with SGD): {@code u_t = -alpha_t g_t}, so {@code grad_alpha u_t = -g_t}
 * and, with the additive rule, {@code alpha_t = alpha_(t-1) + beta g_t . g_(t-1)}; then {@code w <- w - alpha_t g_t}.
 * The rate update is {@link HypergradientRate}'s.
 */
final class SgdHdRule implements UpdateRule {
    private final HypergradientSettings settings;

    SgdHdRule(HypergradientSettings settings) {
        this.settings = settings;
    }

    @Override
    public UpdatePlan build(UpdateContext c) {
        HypergradientRate rate = HypergradientRate.build(c, settings);
        return rate.plan(c, c.gradients(), List.of());
    }
}
