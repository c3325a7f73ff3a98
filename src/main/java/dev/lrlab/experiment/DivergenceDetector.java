package dev.lrlab.experiment;

import java.util.Optional;

/**
 * Decides when a range test has diverged: the raw loss is NaN or infinite (checked from the first step),
 * or, after the first {@code minSteps} steps, the smoothed loss exceeds {@code factor} times the best
 * smoothed loss so far. fastai and Smith's range tests use a factor of 4.
 *
 * <p>The ratio test only applies while the best smoothed loss is positive: for losses that can be zero
 * or negative a ratio means nothing, and only the non-finite test stops the run.
 *
 * <p>An instance follows one run and is not thread-safe.
 */
public final class DivergenceDetector {
    /** Default ratio of smoothed to best smoothed loss that counts as divergence. */
    public static final double DEFAULT_FACTOR = 4;
    /** Default number of steps before the ratio test starts, so that the first noisy losses do not stop a run. */
    public static final int DEFAULT_MIN_STEPS = 5;

    /** Why a run was stopped. */
    public enum Reason {
        /** The loss became NaN or infinite. */
        NON_FINITE_LOSS("the loss became NaN or infinite"),
        /** The smoothed loss exceeded factor times the best smoothed loss. */
        LOSS_EXPLODED("the smoothed loss exceeded the factor times its best value");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        /** @return a short sentence for reports */
        public String description() {
            return description;
        }
    }

    private final double factor;
    private final int minSteps;
    private double best = Double.POSITIVE_INFINITY;
    private int steps;

    /** A detector with {@link #DEFAULT_FACTOR} and {@link #DEFAULT_MIN_STEPS}. */
    public DivergenceDetector() {
        this(DEFAULT_FACTOR, DEFAULT_MIN_STEPS);
    }

    /**
     * @param factor the ratio that counts as divergence, greater than 1
     * @param minSteps steps seen before the ratio test applies, at least 0
     * @throws IllegalArgumentException when a value is out of range
     */
    public DivergenceDetector(double factor, int minSteps) {
        if (!(factor > 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("expected a divergence factor greater than 1, found " + factor);
        }
        if (minSteps < 0) {
            throw new IllegalArgumentException("expected minSteps >= 0, found " + minSteps);
        }
        this.factor = factor;
        this.minSteps = minSteps;
    }

    /**
     * Takes one step's losses. The best smoothed loss is updated before the test, as in fastai.
     *
     * @param loss the raw loss of the step
     * @param smoothedLoss the smoothed loss after the step
     * @return the reason to stop, or empty to go on
     */
    public Optional<Reason> observe(double loss, double smoothedLoss) {
        steps++;
        if (!Double.isFinite(loss) || !Double.isFinite(smoothedLoss)) {
            return Optional.of(Reason.NON_FINITE_LOSS);
        }
        if (smoothedLoss < best) {
            best = smoothedLoss;
        }
        if (steps > minSteps && best > 0 && smoothedLoss > factor * best) {
            return Optional.of(Reason.LOSS_EXPLODED);
        }
        return Optional.empty();
    }

    /** @return the lowest smoothed loss seen, or positive infinity before the first finite one */
    public double bestSmoothedLoss() {
        return best;
    }

    /** @return how many steps were observed */
    public int steps() {
        return steps;
    }
}
