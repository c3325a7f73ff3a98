package dev.lrlab.rangetest;

import dev.lrlab.LrlabException;
import dev.lrlab.run.DivergenceDetector;
import dev.lrlab.suggest.LossSmoother;
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
 * @param startLr rate of the first step (default 1e-7); positive in exp mode, at least 0 in linear mode
 * @param endLr rate of the last step (default 10); greater than {@code startLr}
 * @param steps steps in the sweep (default 100), from {@link #MIN_STEPS} to {@link #MAX_STEPS}
 * @param mode how the rate grows (default {@link Mode#EXP})
 * @param smoothing beta of the loss average, in [0, 1) (default 0.98; see {@link LossSmoother})
 * @param divergeFactor stop when the smoothed loss exceeds this times its best (default 4), greater than 1; the
 *                      rule starts after {@link #divergenceGrace()} steps
 * @param stopOnDivergence whether to stop at divergence (default true); when false every step runs
 * @param validateEvery measure the validation loss every this many steps; 0 (the default) never
 * @param momentum momentum (beta1 for Adam) fed at every step (default 0.9); ignored by SGD
 */
public record RangeTestConfig(double startLr, double endLr, int steps, Mode mode, double smoothing, double divergeFactor,
        boolean stopOnDivergence, int validateEvery, double momentum) {

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
     * @param startLr rate of the first step
     * @param endLr rate of the last step
     * @param steps steps in the sweep
     * @param mode how the rate grows
     * @param smoothing beta of the loss average
     * @param divergeFactor the divergence ratio
     * @param stopOnDivergence whether to stop at divergence
     * @param validateEvery validation interval in steps, 0 for none
     * @param momentum momentum or Adam's beta1
     * @throws LrlabException (USAGE) naming the bad setting and the value found
     */
    public RangeTestConfig {
        Objects.requireNonNull(mode, "mode");
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

    /** @return a builder holding the defaults documented on the record */
    public static Builder builder() {
        return new Builder();
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
        private double startLr = 1e-7;
        private double endLr = 10;
        private int steps = 100;
        private Mode mode = Mode.EXP;
        private double smoothing = LossSmoother.DEFAULT_BETA;
        private double divergeFactor = DivergenceDetector.DEFAULT_FACTOR;
        private boolean stopOnDivergence = true;
        private int validateEvery;
        private double momentum = 0.9;

        private Builder() {
        }

        /**
         * @param value rate of the first step (default 1e-7)
         * @return this builder
         */
        public Builder optStartLr(double value) {
            startLr = value;
            return this;
        }

        /**
         * @param value rate of the last step (default 10)
         * @return this builder
         */
        public Builder optEndLr(double value) {
            endLr = value;
            return this;
        }

        /**
         * @param value steps in the sweep, {@link #MIN_STEPS} to {@link #MAX_STEPS} (default 100)
         * @return this builder
         */
        public Builder optSteps(int value) {
            steps = value;
            return this;
        }

        /**
         * @param value how the rate grows (default exp)
         * @return this builder
         */
        public Builder optMode(Mode value) {
            mode = Objects.requireNonNull(value, "mode");
            return this;
        }

        /**
         * @param value beta of the loss average, in [0, 1) (default 0.98)
         * @return this builder
         */
        public Builder optSmoothing(double value) {
            smoothing = value;
            return this;
        }

        /**
         * @param value stop when the smoothed loss exceeds this times its best (default 4)
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
         * @param value momentum, or Adam's beta1 (default 0.9)
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
            return new RangeTestConfig(startLr, endLr, steps, mode, smoothing, divergeFactor, stopOnDivergence,
                    validateEvery, momentum);
        }
    }
}
