package dev.lrlab.train;

import dev.lrlab.LrlabException;
import java.util.Objects;

/**
 * Settings of an in-graph optimizer that stay fixed during a run. The learning rate and momentum are not
 * here: they are fed at every step. Immutable; made with {@link #builder()} (or {@link #of(OptimizerKind)} for the
 * defaults), validated in {@link Builder#build()}.
 *
 * <br>{@code kind}: which optimizer (required)
 * <br>{@code weightDecay}: L2 penalty added to the gradient ({@code g + wd * w}, PyTorch's coupled
 *     {@code weight_decay}); 0 for none (the default)
 * <br>{@code beta2}: Adam's second-moment decay (default {@value #DEFAULT_BETA2})
 * <br>{@code epsilon}: Adam's denominator term (default {@value #DEFAULT_EPSILON})
 * <br>{@code hypergradient}: how a hypergradient optimizer adapts its rate (ignored by the others); default
 *     {@link HypergradientSettings#paperDefaults(OptimizerKind)}
 */
public final class OptimizerConfig {

    /** Adam's beta2 when none is given (PyTorch's and Keras's default). */
    public static final double DEFAULT_BETA2 = 0.999;
    /** Adam's epsilon when none is given (PyTorch's default; Keras's is 1e-7). */
    public static final double DEFAULT_EPSILON = 1e-8;

    private final OptimizerKind kind;
    private final double weightDecay;
    private final double beta2;
    private final double epsilon;
    private final HypergradientSettings hypergradient;

    private OptimizerConfig(OptimizerKind kind, double weightDecay, double beta2, double epsilon,
            HypergradientSettings hypergradient) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.weightDecay = weightDecay;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.hypergradient = Objects.requireNonNull(hypergradient, "hypergradient");
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

    /** @return a builder with no kind yet and every other setting at its default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the optimizer with PyTorch's defaults (and the paper's hypergradient settings) and no weight decay */
    public static OptimizerConfig of(OptimizerKind kind) {
        return builder().setKind(kind).build();
    }

    /** @return which optimizer */
    public OptimizerKind kind() {
        return kind;
    }

    /** @return the L2 penalty added to the gradient; 0 for none */
    public double weightDecay() {
        return weightDecay;
    }

    /** @return Adam's second-moment decay */
    public double beta2() {
        return beta2;
    }

    /** @return Adam's denominator term */
    public double epsilon() {
        return epsilon;
    }

    /** @return how a hypergradient optimizer adapts its rate (ignored by the others) */
    public HypergradientSettings hypergradient() {
        return hypergradient;
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

    @Override
    public boolean equals(Object other) {
        return other instanceof OptimizerConfig that && kind == that.kind
                && Double.compare(weightDecay, that.weightDecay) == 0 && Double.compare(beta2, that.beta2) == 0
                && Double.compare(epsilon, that.epsilon) == 0 && hypergradient.equals(that.hypergradient);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, weightDecay, beta2, epsilon, hypergradient);
    }

    @Override
    public String toString() {
        return "OptimizerConfig[kind=" + kind + ", weightDecay=" + weightDecay + ", beta2=" + beta2 + ", epsilon="
                + epsilon + ", hypergradient=" + hypergradient + "]";
    }

    /** Collects an optimizer's settings; only the kind is required. */
    public static final class Builder {
        private OptimizerKind kind;
        private double weightDecay;
        private double beta2 = DEFAULT_BETA2;
        private double epsilon = DEFAULT_EPSILON;
        private HypergradientSettings hypergradient;

        private Builder() {
        }

        /**
         * @param value which optimizer (required)
         * @return this builder
         */
        public Builder setKind(OptimizerKind value) {
            kind = Objects.requireNonNull(value, "kind");
            return this;
        }

        /**
         * @param value L2 penalty added to the gradient, finite and {@code >= 0} (default 0: none)
         * @return this builder
         */
        public Builder optWeightDecay(double value) {
            weightDecay = value;
            return this;
        }

        /**
         * @param value Adam's second-moment decay, in {@code [0, 1)} (default {@value OptimizerConfig#DEFAULT_BETA2})
         * @return this builder
         */
        public Builder optBeta2(double value) {
            beta2 = value;
            return this;
        }

        /**
         * @param value Adam's denominator term, {@code > 0} (default {@value OptimizerConfig#DEFAULT_EPSILON})
         * @return this builder
         */
        public Builder optEpsilon(double value) {
            epsilon = value;
            return this;
        }

        /**
         * @param value how a hypergradient optimizer adapts its rate (default: the paper's settings for the kind,
         *     {@link HypergradientSettings#paperDefaults(OptimizerKind)})
         * @return this builder
         */
        public Builder optHypergradient(HypergradientSettings value) {
            hypergradient = Objects.requireNonNull(value, "hypergradient");
            return this;
        }

        /**
         * @return the validated settings
         * @throws LrlabException (USAGE) when the kind is missing or a setting is out of range, naming it and the value
         */
        public OptimizerConfig build() {
            if (kind == null) {
                throw LrlabException.usage("an optimizer config needs its kind, the optimizer (setKind)");
            }
            return new OptimizerConfig(kind, weightDecay, beta2, epsilon,
                    hypergradient != null ? hypergradient : HypergradientSettings.paperDefaults(kind));
        }
    }
}
