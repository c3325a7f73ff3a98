package dev.lrlab.run;

import dev.lrlab.suggest.LossSmoother;
import java.util.Arrays;
import java.util.Optional;

/**
 * Decides when a range test has diverged: the raw loss is NaN or infinite (checked from the first step),
 * or the smoothed loss exceeds {@code factor} times a reference: during a grace period at the start, the
 * median of the raw losses so far; after it, the best smoothed loss seen since the grace period ended.
 * fastai and Smith's range tests use a factor of 4 and the best smoothed loss from the first step.
 *
 * <h2>The grace period</h2>
 * A bias-corrected moving average ({@link LossSmoother}) is, early on, the mean of very few losses: one
 * unusually low first batch (an imbalanced data set whose first batch holds only the majority class) makes
 * the first smoothed values, and with them the best, far below the loss of a typical batch, and fastai's
 * rule then stops a healthy run within its first steps. So during the first {@code graceSteps} steps
 * (0-based steps {@code 0 .. graceSteps - 1}):
 * <ul>
 * <li>the smoothed losses do not count towards the best; were the best kept from step 0, that low value
 * would stop the run as soon as the grace ended. Step {@code graceSteps} sets the best, and step
 * {@code graceSteps + 1} is the first the best-loss rule can stop;</li>
 * <li>the reference is instead the median of the raw losses so far (for an even count, the mean of the two
 * middle ones), which one batch far off in either direction does not move: a first loss of 0.01 among
 * losses of 0.7 leaves it at 0.7 from the third step on, while a run that blows up early (a loss of 400 at
 * the second step after 10, then small losses as dead ReLUs settle) is still stopped at its third step,
 * where the smoothed loss, 139, is above 4 times the median, 10. A loss that grows steadily is stopped a few
 * steps later than by the best-loss rule.</li>
 * </ul>
 * A NaN or infinite loss stops a run at once, in the grace period too.
 *
 * <p>For a range test the grace is {@link #graceSteps(double, int)}:
 * {@code max(5, min(window, steps / 4))} with {@code window = round(1 / (1 - beta))} the smoothing window of
 * {@link LossSmoother#window(double)} (50 steps for beta 0.98) and {@code steps / 4} in integer division, so
 * that a short sweep keeps three quarters of its steps under the best-loss rule: 25 steps for the default
 * 100-step sweep with beta 0.98, 7 for 30 steps, 50 from 200 steps on, 5 (the floor) with beta 0 or fewer
 * than 24 steps.
 *
 * <p>The ratio tests only apply while their reference is positive: for losses that can be zero or negative
 * a ratio means nothing, and only the non-finite test stops the run.
 *
 * <h2>One rule for every experiment</h2>
 * The same detector serves each experiment, with the reference that suits it: a range test compares with the
 * best smoothed loss as above ({@link #DivergenceDetector(double, int)}); a search trial, a short run at one
 * constant rate, compares with its first raw loss ({@link #againstFirstLoss(double)}), since its loss should fall
 * from there; a training run stops only on a NaN or infinite loss ({@link #nonFiniteOnly()}), since its schedule
 * may raise the rate and the loss with it on purpose.
 *
 * <p>An instance follows one run and is not thread-safe.
 */
public final class DivergenceDetector {
    /** Default ratio of smoothed to best smoothed loss that counts as divergence. */
    public static final double DEFAULT_FACTOR = 4;
    /**
     * The shortest grace period, and that of {@link #DivergenceDetector()}: steps whose smoothed losses do not
     * set the best and are compared with the median raw loss instead, so that the first noisy losses do not
     * stop a run.
     */
    public static final int DEFAULT_GRACE_STEPS = 5;

    /** Why a run was stopped. */
    public enum Reason {
        /** The loss became NaN or infinite. */
        NON_FINITE_LOSS("the loss became NaN or infinite"),
        /**
         * The smoothed loss exceeded factor times its reference: the best smoothed loss, or in the grace period the
         * median raw loss.
         */
        LOSS_EXPLODED("the smoothed loss exceeded the factor times its best value (in the first steps, the median loss)"),
        /** The smoothed loss exceeded factor times the first raw loss ({@link #againstFirstLoss(double)}). */
        ABOVE_FIRST_LOSS("the smoothed loss exceeded the divergence factor times the first loss");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        /** @return a short sentence for reports */
        public String description() {
            return description;
        }
    }

    /** What the smoothed loss is compared with. */
    private enum Reference {
        /** The best smoothed loss, after a grace period compared with the median raw loss. */
        BEST_SMOOTHED,
        /** The first raw loss. */
        FIRST_LOSS,
        /** Nothing: only a NaN or infinite loss stops. */
        NONE
    }

    private final double factor;
    private final int graceSteps;
    private final Reference against;
    private double best = Double.POSITIVE_INFINITY;
    private double[] graceLosses = new double[0];
    private double reference = Double.NaN;
    private int steps;

    /** A detector with {@link #DEFAULT_FACTOR} and {@link #DEFAULT_GRACE_STEPS}. */
    public DivergenceDetector() {
        this(DEFAULT_FACTOR, DEFAULT_GRACE_STEPS);
    }

    /**
     * @param factor the ratio that counts as divergence, greater than 1
     * @param graceSteps steps at the start that do not set the best smoothed loss and are tested against the
     *                   median raw loss instead, at least 0; 0 is fastai's rule (the best from the first step)
     * @throws IllegalArgumentException when a value is out of range
     */
    public DivergenceDetector(double factor, int graceSteps) {
        this(checkedFactor(factor), graceSteps, Reference.BEST_SMOOTHED);
        if (graceSteps < 0) {
            throw new IllegalArgumentException("expected graceSteps >= 0, found " + graceSteps);
        }
    }

    private DivergenceDetector(double factor, int graceSteps, Reference against) {
        this.factor = factor;
        this.graceSteps = graceSteps;
        this.against = against;
    }

    /**
     * The rule of a search trial: stop when the loss is NaN or infinite, or when the smoothed loss exceeds
     * {@code factor} times the first raw loss (only while that first loss is positive). No grace period.
     *
     * @param factor the ratio that counts as divergence, greater than 1
     * @return a detector for one trial
     * @throws IllegalArgumentException when the factor is not above 1 or not finite
     */
    public static DivergenceDetector againstFirstLoss(double factor) {
        return new DivergenceDetector(checkedFactor(factor), 0, Reference.FIRST_LOSS);
    }

    /** @return a detector that stops only when the loss is NaN or infinite: the rule of a training run */
    public static DivergenceDetector nonFiniteOnly() {
        return new DivergenceDetector(Double.POSITIVE_INFINITY, 0, Reference.NONE);
    }

    private static double checkedFactor(double factor) {
        if (!(factor > 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("expected a divergence factor greater than 1, found " + factor);
        }
        return factor;
    }

    /**
     * The grace period of a range test: {@code max(}{@link #DEFAULT_GRACE_STEPS}{@code , min(window, steps / 4))}
     * with {@code window} = {@link LossSmoother#window(double)}; see the class comment.
     *
     * @param beta the smoothing beta, in [0, 1)
     * @param steps the steps of the sweep, at least 1
     * @return the grace period in steps
     * @throws IllegalArgumentException when beta is outside [0, 1) or steps below 1
     */
    public static int graceSteps(double beta, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("expected at least 1 step, found " + steps);
        }
        return Math.max(DEFAULT_GRACE_STEPS, Math.min(LossSmoother.window(beta), steps / 4));
    }

    /**
     * Takes one step's losses. With the range test's rule, in the grace period the smoothed loss is tested against
     * the median of the raw losses so far; after it the best smoothed loss is updated before the test, as in fastai.
     * With {@link #againstFirstLoss(double)} it is tested against the first raw loss; with {@link #nonFiniteOnly()}
     * only finiteness is tested.
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
        if (against == Reference.NONE) {
            return Optional.empty();
        }
        if (against == Reference.FIRST_LOSS) {
            if (steps == 1) {
                reference = loss;
            }
            return reference > 0 && smoothedLoss > factor * reference ? Optional.of(Reason.ABOVE_FIRST_LOSS)
                    : Optional.empty();
        }
        if (steps <= graceSteps) {
            graceLosses = Arrays.copyOf(graceLosses, steps);
            graceLosses[steps - 1] = loss;
            reference = median(graceLosses);
        } else {
            if (smoothedLoss < best) {
                best = smoothedLoss;
            }
            reference = best;
        }
        if (reference > 0 && smoothedLoss > factor * reference) {
            return Optional.of(Reason.LOSS_EXPLODED);
        }
        return Optional.empty();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * @return the lowest smoothed loss seen after the grace period, or positive infinity before the first
     *         finite one there
     */
    public double bestSmoothedLoss() {
        return best;
    }

    /**
     * @return what the last finite step was compared against: the median raw loss so far in the grace period,
     *         the best smoothed loss after it (with {@link #againstFirstLoss(double)}, the first loss); NaN before the
     *         first finite step and with {@link #nonFiniteOnly()}
     */
    public double reference() {
        return reference;
    }

    /** @return whether the last step observed was in the grace period */
    public boolean inGracePeriod() {
        return steps <= graceSteps;
    }

    /** @return the grace period in steps */
    public int graceSteps() {
        return graceSteps;
    }

    /** @return how many steps were observed */
    public int steps() {
        return steps;
    }
}
