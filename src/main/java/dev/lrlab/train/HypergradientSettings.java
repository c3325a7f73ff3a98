package dev.lrlab.train;

import dev.lrlab.LrlabException;

/**
 * How a hypergradient optimizer ({@link OptimizerKind#isHypergradient()}) adapts its rate; baked into the graph
 * as constants when the step engine is built. With {@code h_t} the hypergradient, the additive rule is
 * {@code alpha_t = alpha_(t-1) - beta * h_t} and the multiplicative rule (Baydin et al. 2018, eq. 8) is
 * {@code alpha_t = alpha_(t-1) * (1 - beta * h_t / (|g_t| |grad_alpha u_(t-1)|))}, unchanged while that
 * denominator is zero; either result is then clamped to {@code [minLr, maxLr]}. Other optimizers ignore it.
 *
 * @param beta the hypergradient rate, finite and {@code >= 0} (paper: 0.001 for SGD-HD and SGDN-HD, 1e-7 for
 *     Adam-HD; for the multiplicative rule it is the dimensionless beta' of eq. 8)
 * @param multiplicative whether to use the multiplicative rule
 * @param minLr the lowest rate a step may apply; NaN or infinite for no bound
 * @param maxLr the highest rate a step may apply; NaN or infinite for no bound
 */
public record HypergradientSettings(double beta, boolean multiplicative, double minLr, double maxLr) {

    /** The paper's beta for SGD-HD and SGDN-HD. */
    public static final double SGD_BETA = 1e-3;
    /** The paper's beta for Adam-HD. */
    public static final double ADAM_BETA = 1e-7;

    public HypergradientSettings {
        if (!(beta >= 0) || !Double.isFinite(beta)) {
            throw LrlabException.usage("expected a hypergradient beta that is finite and >= 0, found " + beta);
        }
        if (Double.isFinite(minLr) && Double.isFinite(maxLr) && minLr > maxLr) {
            throw LrlabException.usage("expected the minimum learning rate <= the maximum, found " + minLr + " > " + maxLr);
        }
    }

    /**
     * @param kind an optimizer
     * @return the paper's additive rule with its beta for that optimizer and no bounds
     */
    public static HypergradientSettings paperDefaults(OptimizerKind kind) {
        double beta = kind == OptimizerKind.ADAM_HD || kind == OptimizerKind.ADAM ? ADAM_BETA : SGD_BETA;
        return new HypergradientSettings(beta, false, Double.NaN, Double.NaN);
    }

    /** @return whether {@link #minLr()} bounds the rate */
    public boolean hasMinLr() {
        return Double.isFinite(minLr);
    }

    /** @return whether {@link #maxLr()} bounds the rate */
    public boolean hasMaxLr() {
        return Double.isFinite(maxLr);
    }

    /** @return a copy with this beta */
    public HypergradientSettings withBeta(double newBeta) {
        return new HypergradientSettings(newBeta, multiplicative, minLr, maxLr);
    }

    /** @return a copy using the additive ({@code false}) or multiplicative ({@code true}) rule */
    public HypergradientSettings withMultiplicative(boolean newMultiplicative) {
        return new HypergradientSettings(beta, newMultiplicative, minLr, maxLr);
    }

    /** @return a copy with these bounds (NaN or infinite for none) */
    public HypergradientSettings withBounds(double newMinLr, double newMaxLr) {
        return new HypergradientSettings(beta, multiplicative, newMinLr, newMaxLr);
    }
}
