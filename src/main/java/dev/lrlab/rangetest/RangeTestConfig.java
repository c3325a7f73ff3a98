package dev.lrlab.rangetest;

import dev.lrlab.LrlabException;
import dev.lrlab.run.CompileSettings;
import dev.lrlab.run.DivergenceDetector;
import dev.lrlab.suggest.LossSmoother;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a learning-rate range test sweeps the rate and when it stops. Immutable; made with {@link #builder()},
 * validated in {@link Builder#build()}.
 *
 * <p>The rate of step {@code k} (0-based) of {@code n} is
 * <pre>
 *   exp:    start * (end / start)^(k / (n - 1))
 *   linear: start + (end - start) * k / (n - 1)
 * </pre>
 * so the first step runs at {@code start} and the last at {@code end}.
 *
 * <p>Every value is optional, its default a {@code DEFAULT_} constant here; {@link Builder#build()} checks them
 * all, naming the Java property.
 */
public final class RangeTestConfig {
    /** Default of {@link #startLr()}. */
    public static final double DEFAULT_START_LR = 1e-7;
    /** Default of {@link #endLr()}. */
    public static final double DEFAULT_END_LR = 10;
    /** Default of {@link #steps()}. */
    public static final int DEFAULT_STEPS = 100;
    /** Default of {@link #mode()}. */
    public static final Mode DEFAULT_MODE = Mode.EXP;
    /** Default of {@link #smoothing()}: {@link LossSmoother#DEFAULT_BETA}. */
    public static final double DEFAULT_SMOOTHING = LossSmoother.DEFAULT_BETA;
    /** Default of {@link #divergeFactor()}: {@link DivergenceDetector#DEFAULT_FACTOR}. */
    public static final double DEFAULT_DIVERGE_FACTOR = DivergenceDetector.DEFAULT_FACTOR;
    /** Default of {@link #validateEvery()}: never. */
    public static final int DEFAULT_VALIDATE_EVERY = 0;
    /**
     * The validation interval the command line uses when the validation loss is asked for without an interval;
     * the Java default stays {@link #DEFAULT_VALIDATE_EVERY} (never).
     */
    public static final int DEFAULT_VALIDATE_EVERY_WHEN_VALIDATING = 5;
    /** Default of {@link #momentum()}. */
    public static final double DEFAULT_MOMENTUM = CompileSettings.DEFAULT_MOMENTUM;

    private final double startLr;
    private final double endLr;
    private final int steps;
    private final Mode mode;
    private final double smoothing;
    private final double divergeFactor;
    private final boolean stopOnDivergence;
    private final int validateEvery;
    private final double momentum;

    /** The fewest steps a range test may have. */
    public static final int MIN_STEPS = 10;
    /** The most steps a range test may have (the valley rule is quadratic in the number of points). */
    public static final int MAX_STEPS = 10_000;

    /** How the learning rate grows from step to step. */
    public enum Mode {
        /** By the same factor every step (a straight line on a log axis); fastai's and the default. */
        EXP,
        /** By the same amount every step; Smith's original test, used with the validation loss. */
        LINEAR;

        /** @return the command-line name, {@code exp} or {@code linear} */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param name {@code exp} or {@code linear}
         * @return the mode
         * @throws LrlabException (USAGE) for any other name
         */
        public static Mode fromCliName(String name) {
            for (Mode mode : values()) {
                if (mode.cliName().equals(name)) {
                    return mode;
                }
            }
            throw LrlabException.usage("`mode` expects exp or linear, found '" + name + "'");
        }
    }

    /**
     * Checks every value.
     *
     * @throws LrlabException (USAGE) naming the bad setting and the value found
     */
    private RangeTestConfig(Builder builder) {
        startLr = builder.startLr;
        endLr = builder.endLr;
        steps = builder.steps;
        mode = Objects.requireNonNull(builder.mode, "mode");
        smoothing = builder.smoothing;
        divergeFactor = builder.divergeFactor;
        stopOnDivergence = builder.stopOnDivergence;
        validateEvery = builder.validateEvery;
        momentum = builder.momentum;
        if (!Double.isFinite(startLr) || !Double.isFinite(endLr)) {
            throw LrlabException.usage("expected finite learning rates, found `startLr` " + startLr + " and `endLr` " + endLr);
        }
        if (mode == Mode.EXP && !(startLr > 0)) {
            throw LrlabException.usage("exp mode needs positive rates, found `startLr` " + startLr
                    + "; give a positive `startLr` or use `mode` linear");
        }
        if (mode == Mode.LINEAR && startLr < 0) {
            throw LrlabException.usage("expected `startLr` >= 0, found " + startLr);
        }
        if (!(startLr < endLr)) {
            throw LrlabException.usage("expected `startLr` below `endLr`, found `startLr` " + startLr + " >= `endLr` "
                    + endLr + "; swap them");
        }
        if (steps < MIN_STEPS) {
            throw LrlabException.usage("expected at least " + MIN_STEPS + " `steps` for a range test, found " + steps
                    + "; 100 is usual");
        }
        if (steps > MAX_STEPS) {
            throw LrlabException.usage("expected at most " + MAX_STEPS + " `steps` for a range test, found " + steps
                    + "; 100 to 1000 is usual");
        }
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw LrlabException.usage("expected `smoothing` in [0, 1), found " + smoothing);
        }
        if (!(divergeFactor > 1) || Double.isInfinite(divergeFactor)) {
            throw LrlabException.usage("expected `divergeFactor` above 1, found " + divergeFactor);
        }
        if (validateEvery < 0) {
            throw LrlabException.usage("expected `validateEvery` of at least 1, found " + validateEvery);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw LrlabException.usage("expected `momentum` in [0, 1), found " + momentum);
        }
    }

    /** @return a builder holding the {@code DEFAULT_} values */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this config's values */
    public Builder toBuilder() {
        return new Builder().optStartLr(startLr).optEndLr(endLr).optSteps(steps).optMode(mode).optSmoothing(smoothing)
                .optDivergeFactor(divergeFactor).optStopOnDivergence(stopOnDivergence).optValidateEvery(validateEvery)
                .optMomentum(momentum);
    }

    /** @return rate of the first step (default {@value #DEFAULT_START_LR}); positive in exp mode, at least 0 in linear */
    public double startLr() {
        return startLr;
    }

    /** @return rate of the last step (default {@value #DEFAULT_END_LR}); greater than {@link #startLr()} */
    public double endLr() {
        return endLr;
    }

    /** @return steps in the sweep (default {@value #DEFAULT_STEPS}), from {@link #MIN_STEPS} to {@link #MAX_STEPS} */
    public int steps() {
        return steps;
    }

    /** @return how the rate grows (default {@link #DEFAULT_MODE}) */
    public Mode mode() {
        return mode;
    }

    /** @return beta of the loss average, in [0, 1) (default {@value #DEFAULT_SMOOTHING}; see {@link LossSmoother}) */
    public double smoothing() {
        return smoothing;
    }

    /**
     * @return stop when the smoothed loss exceeds this times its best (default {@value #DEFAULT_DIVERGE_FACTOR}),
     *     greater than 1; the rule starts after {@link #divergenceGrace()} steps
     */
    public double divergeFactor() {
        return divergeFactor;
    }

    /** @return whether to stop at divergence (default true); when false every step runs */
    public boolean stopOnDivergence() {
        return stopOnDivergence;
    }

    /** @return measure the validation loss every this many steps; 0 (the default) never */
    public int validateEvery() {
        return validateEvery;
    }

    /** @return momentum (beta1 for Adam) fed at every step (default {@value #DEFAULT_MOMENTUM}); ignored by SGD */
    public double momentum() {
        return momentum;
    }

    private List<Object> values() {
        return List.of(startLr, endLr, steps, mode, smoothing, divergeFactor, stopOnDivergence, validateEvery, momentum);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RangeTestConfig config && values().equals(config.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    @Override
    public String toString() {
        return "RangeTestConfig[startLr=" + startLr + ", endLr=" + endLr + ", steps=" + steps + ", mode=" + mode
                + ", smoothing=" + smoothing + ", divergeFactor=" + divergeFactor + ", stopOnDivergence="
                + stopOnDivergence + ", validateEvery=" + validateEvery + ", momentum=" + momentum + "]";
    }

    /**
     * @param step 0-based step, below {@link #steps()}
     * @return the learning rate fed at that step
     */
    public double learningRate(int step) {
        if (step < 0 || step >= steps) {
            throw new IllegalArgumentException("expected a step in [0, " + steps + "), found " + step);
        }
        if (step == steps - 1) {
            return endLr;
        }
        double fraction = (double) step / (steps - 1);
        return mode == Mode.EXP ? startLr * Math.pow(endLr / startLr, fraction) : startLr + (endLr - startLr) * fraction;
    }

    /**
     * @return steps at the start of the sweep that do not set the best smoothed loss, their smoothed loss being
     *         compared with the median raw loss instead: {@link DivergenceDetector#graceSteps(double, int)} of
     *         {@link #smoothing()} and {@link #steps()}, e.g. 25 for 100 steps with beta 0.98
     */
    public int divergenceGrace() {
        return DivergenceDetector.graceSteps(smoothing, steps);
    }

    /** @return whether the validation loss is measured during the sweep */
    public boolean validates() {
        return validateEvery > 0;
    }

    /** Collects the settings of a range test; every one has a default. */
    public static final class Builder {
        private double startLr = DEFAULT_START_LR;
        private double endLr = DEFAULT_END_LR;
        private int steps = DEFAULT_STEPS;
        private Mode mode = DEFAULT_MODE;
        private double smoothing = DEFAULT_SMOOTHING;
        private double divergeFactor = DEFAULT_DIVERGE_FACTOR;
        private boolean stopOnDivergence = true;
        private int validateEvery = DEFAULT_VALIDATE_EVERY;
        private double momentum = DEFAULT_MOMENTUM;

        private Builder() {
        }

        /**
         * @param value rate of the first step (default {@value #DEFAULT_START_LR})
         * @return this builder
         */
        public Builder optStartLr(double value) {
            startLr = value;
            return this;
        }

        /**
         * @param value rate of the last step (default {@value #DEFAULT_END_LR})
         * @return this builder
         */
        public Builder optEndLr(double value) {
            endLr = value;
            return this;
        }

        /**
         * @param value steps in the sweep, {@link #MIN_STEPS} to {@link #MAX_STEPS} (default {@value #DEFAULT_STEPS})
         * @return this builder
         */
        public Builder optSteps(int value) {
            steps = value;
            return this;
        }

        /**
         * @param value how the rate grows (default {@link #DEFAULT_MODE})
         * @return this builder
         */
        public Builder optMode(Mode value) {
            mode = Objects.requireNonNull(value, "mode");
            return this;
        }

        /**
         * @param value beta of the loss average, in [0, 1) (default {@value #DEFAULT_SMOOTHING})
         * @return this builder
         */
        public Builder optSmoothing(double value) {
            smoothing = value;
            return this;
        }

        /**
         * @param value stop when the smoothed loss exceeds this times its best (default {@value #DEFAULT_DIVERGE_FACTOR})
         * @return this builder
         */
        public Builder optDivergeFactor(double value) {
            divergeFactor = value;
            return this;
        }

        /**
         * @param value whether to stop at divergence (default true)
         * @return this builder
         */
        public Builder optStopOnDivergence(boolean value) {
            stopOnDivergence = value;
            return this;
        }

        /**
         * @param value measure the validation loss every this many steps; 0 never (default)
         * @return this builder
         */
        public Builder optValidateEvery(int value) {
            validateEvery = value;
            return this;
        }

        /**
         * @param value momentum, or Adam's beta1 (default {@value #DEFAULT_MOMENTUM})
         * @return this builder
         */
        public Builder optMomentum(double value) {
            momentum = value;
            return this;
        }

        /**
         * @return the validated config
         * @throws LrlabException (USAGE) naming the bad setting and the value found
         */
        public RangeTestConfig build() {
            return new RangeTestConfig(this);
        }
    }
}
