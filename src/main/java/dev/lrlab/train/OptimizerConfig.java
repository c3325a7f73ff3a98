package dev.lrlab.train;

import dev.lrlab.LrlabException;
import java.util.Objects;

/**
 * Settings of an in-graph optimizer that stay fixed during a run. The learning rate and momentum are not
 * here: they are fed at every step.
 *
 * @param kind which optimizer
 * @param weightDecay L2 penalty added to the gradient ({@code g + wd * w}, PyTorch's coupled
 *     {@code weight_decay}); 0 for none
 * @param beta2 Adam's second-moment decay (default 0.999)
 * @param epsilon Adam's denominator term (default 1e-8)
 * @param hypergradient how a hypergradient optimizer adapts its rate (ignored by the others); default
 *     {@link HypergradientSettings#paperDefaults(OptimizerKind)}
 */
public record OptimizerConfig(OptimizerKind kind, double weightDecay, double beta2, double epsilon,
        HypergradientSettings hypergradient) {

    public OptimizerConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hypergradient, "hypergradient");
        if (weightDecay < 0 || !Double.isFinite(weightDecay)) {
            throw LrlabException.usage("`weightDecay` must be a finite number >= 0, found " + weightDecay);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw LrlabException.usage("Adam beta2 must be in [0, 1), found " + beta2);
        }
        if (!(epsilon > 0)) {
            throw LrlabException.usage("Adam epsilon must be > 0, found " + epsilon);
        }
    }

    /**
     * The optimizer with the paper's hypergradient settings for its kind.
     *
     * @param kind which optimizer
     * @param weightDecay L2 penalty, 0 for none
     * @param beta2 Adam's second-moment decay
     * @param epsilon Adam's denominator term
     */
    public OptimizerConfig(OptimizerKind kind, double weightDecay, double beta2, double epsilon) {
        this(kind, weightDecay, beta2, epsilon, HypergradientSettings.paperDefaults(kind));
    }

    /** @return the optimizer with PyTorch's defaults (and the paper's hypergradient settings) and no weight decay */
    public static OptimizerConfig of(OptimizerKind kind) {
        return new OptimizerConfig(kind, 0, 0.999, 1e-8);
    }

    /** @return a copy with this weight decay */
    public OptimizerConfig withWeightDecay(double decay) {
        return new OptimizerConfig(kind, decay, beta2, epsilon, hypergradient);
    }

    /** @return a copy with these hypergradient settings */
    public OptimizerConfig withHypergradient(HypergradientSettings settings) {
        return new OptimizerConfig(kind, weightDecay, beta2, epsilon, settings);
    }

    /** @return a copy of another kind, every other setting kept */
    public OptimizerConfig withKind(OptimizerKind newKind) {
        return new OptimizerConfig(newKind, weightDecay, beta2, epsilon, hypergradient);
    }
}
