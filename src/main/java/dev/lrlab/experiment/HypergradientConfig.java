package dev.lrlab.experiment;

import dev.lrlab.LrlabException;
import dev.lrlab.train.HypergradientSettings;
import dev.lrlab.train.OptimizerConfig;
import dev.lrlab.train.OptimizerKind;
import java.util.Objects;

/**
 * What a {@link HypergradientRun} does, fixed for the run; made by {@link #builder(OptimizerKind)}, which
 * validates it. The run lasts {@code steps} steps, or {@code epochs} passes over the data (exactly one of the
 * two is positive).
 *
 * @param optimizer a hypergradient optimizer: {@code SGD_HD}, {@code SGDN_HD} or {@code ADAM_HD}
 * @param alpha0 the initial learning rate, finite and {@code > 0}
 * @param beta the hypergradient rate (beta' for the multiplicative rule), finite and {@code >= 0}
 * @param multiplicative whether to use the multiplicative rule (Baydin et al. 2018, eq. 8)
 * @param minLr the lowest rate a step may apply; NaN or infinite for none
 * @param maxLr the highest rate a step may apply; NaN or infinite for none
 * @param momentum Nesterov's mu for SGDN-HD, beta1 for Adam-HD, fed at every step; unused by SGD-HD
 * @param steps the number of steps, or 0 when {@code epochs} is set
 * @param epochs the number of epochs, or 0 when {@code steps} is set
 * @param batchSize rows per step
 * @param seed the shuffling seed
 * @param baseline whether to also run the same optimizer with the rate held at {@code alpha0}
 */
public record HypergradientConfig(OptimizerKind optimizer, double alpha0, double beta, boolean multiplicative,
        double minLr, double maxLr, double momentum, long steps, int epochs, int batchSize, long seed, boolean baseline) {

    /** The paper's initial rate. */
    public static final double DEFAULT_ALPHA0 = 1e-3;
    /** The paper's momentum (mu for SGDN-HD, beta1 for Adam-HD). */
    public static final double DEFAULT_MOMENTUM = 0.9;
    /** Rows per step unless set. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    public HypergradientConfig {
        Objects.requireNonNull(optimizer, "optimizer");
        if (!optimizer.isHypergradient()) {
            throw LrlabException.usage("expected a hypergradient optimizer (sgd-hd, sgdn-hd or adam-hd), found "
                    + optimizer.cliName());
        }
        if (!(alpha0 > 0) || !Double.isFinite(alpha0)) {
            throw LrlabException.usage("expected an initial learning rate that is finite and > 0, found " + alpha0);
        }
        new HypergradientSettings(beta, multiplicative, minLr, maxLr);
        if (!(momentum >= 0 && momentum < 1)) {
            throw LrlabException.usage("expected a momentum in [0, 1), found " + momentum);
        }
        if ((steps > 0) == (epochs > 0) || steps < 0 || epochs < 0) {
            throw LrlabException.usage("expected either a number of steps or a number of epochs (one of them > 0), found "
                    + steps + " steps and " + epochs + " epochs");
        }
        if (batchSize < 1) {
            throw LrlabException.usage("expected a batch size >= 1, found " + batchSize);
        }
    }

    /**
     * @param optimizer {@code SGD_HD}, {@code SGDN_HD} or {@code ADAM_HD}
     * @return a builder with the paper's defaults for that optimizer
     */
    public static Builder builder(OptimizerKind optimizer) {
        return new Builder(optimizer);
    }

    /** @return the settings the hypergradient engine is built with */
    public OptimizerConfig optimizerConfig() {
        return OptimizerConfig.of(optimizer).withHypergradient(new HypergradientSettings(beta, multiplicative, minLr, maxLr));
    }

    /** @return the settings of the baseline engine: the same optimizer with a fixed rate (SGD, Nesterov or Adam) */
    public OptimizerConfig baselineOptimizerConfig() {
        return OptimizerConfig.of(optimizer.fixedRateKind());
    }

    /**
     * @param batchesPerEpoch batches in one pass over the data
     * @return the number of steps the run takes
     */
    public long totalSteps(int batchesPerEpoch) {
        return steps > 0 ? steps : (long) epochs * batchesPerEpoch;
    }

    /**
     * Makes a {@link HypergradientConfig}. Defaults: alpha0 {@value HypergradientConfig#DEFAULT_ALPHA0}; beta the
     * paper's for the optimizer ({@value HypergradientSettings#SGD_BETA} for SGD-HD and SGDN-HD,
     * {@value HypergradientSettings#ADAM_BETA} for Adam-HD); additive rule; no bounds; momentum
     * {@value HypergradientConfig#DEFAULT_MOMENTUM}; one epoch; batch size
     * {@value HypergradientConfig#DEFAULT_BATCH_SIZE}; seed 0; no baseline.
     */
    public static final class Builder {
        private final OptimizerKind optimizer;
        private double alpha0 = DEFAULT_ALPHA0;
        private double beta;
        private boolean multiplicative;
        private double minLr = Double.NaN;
        private double maxLr = Double.NaN;
        private double momentum = DEFAULT_MOMENTUM;
        private long steps;
        private int epochs = 1;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private long seed;
        private boolean baseline;

        private Builder(OptimizerKind optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            this.beta = HypergradientSettings.paperDefaults(optimizer).beta();
        }

        /** @param value the initial learning rate */
        public Builder alpha0(double value) {
            alpha0 = value;
            return this;
        }

        /** @param value the hypergradient rate */
        public Builder beta(double value) {
            beta = value;
            return this;
        }

        /** @param value whether to use the multiplicative rule */
        public Builder multiplicative(boolean value) {
            multiplicative = value;
            return this;
        }

        /**
         * @param min the lowest rate (NaN or infinite for none)
         * @param max the highest rate (NaN or infinite for none)
         */
        public Builder bounds(double min, double max) {
            minLr = min;
            maxLr = max;
            return this;
        }

        /** @param value mu for SGDN-HD, beta1 for Adam-HD */
        public Builder momentum(double value) {
            momentum = value;
            return this;
        }

        /** @param value run this many steps (instead of epochs) */
        public Builder steps(long value) {
            steps = value;
            epochs = 0;
            return this;
        }

        /** @param value run this many epochs (instead of steps) */
        public Builder epochs(int value) {
            epochs = value;
            steps = 0;
            return this;
        }

        /** @param value rows per step */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** @param value the shuffling seed */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** @param value whether to also run the optimizer with the rate fixed at alpha0 */
        public Builder baseline(boolean value) {
            baseline = value;
            return this;
        }

        /**
         * @return the config
         * @throws LrlabException naming the first setting that is out of range
         */
        public HypergradientConfig build() {
            return new HypergradientConfig(optimizer, alpha0, beta, multiplicative, minLr, maxLr, momentum, steps, epochs,
                    batchSize, seed, baseline);
        }
    }
}
