package dev.lrlab.search;

import java.util.Objects;
import java.util.Optional;

/**
 * One trial of a coarse-to-fine search: a short run at a constant learning rate from the shared initial
 * weights.
 *
 * @param stage the stage it belongs to
 * @param lr its learning rate
 * @param finalLoss the smoothed training loss after its last step (NaN or infinite when it diverged that way)
 * @param bestLoss the lowest smoothed training loss it reached
 * @param valLoss the validation loss after its last step; NaN when it diverged or there are no validation rows
 * @param divergence why it was stopped early, empty when it ran every step
 * @param steps steps run (fewer than asked when it diverged)
 * @param seconds wall-clock time it took (the only value that differs between repeated searches)
 * @param losses the raw training loss of each step run; not copied, do not change it
 * @param smoothedLosses the smoothed training loss of each step run; not copied, do not change it
 * @param failure why the trial could not run (e.g. its model was unreadable where a remote trial executor ran it),
 *     empty for a trial that ran; a failed trial has no steps and no losses, and ranks last
 */
public record TrialResult(SearchStage stage, double lr, double finalLoss, double bestLoss, double valLoss,
        Optional<Divergence> divergence, long steps, double seconds, double[] losses,
        double[] smoothedLosses, Optional<String> failure) {

    /** Why a trial was stopped early. */
    public enum Divergence {
        /** The training loss became NaN or infinite. */
        NON_FINITE("the loss became NaN or infinite"),
        /** The smoothed training loss exceeded the divergence factor times the first loss. */
        ABOVE_INITIAL("the smoothed loss exceeded the divergence factor times the first loss");

        private final String description;

        Divergence(String description) {
            this.description = description;
        }

        /** @return a short sentence for reports */
        public String description() {
            return description;
        }
    }

    /** Checks the curve lengths agree with the step count. */
    public TrialResult {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(divergence, "divergence");
        Objects.requireNonNull(failure, "failure");
        if (losses.length != steps || smoothedLosses.length != steps) {
            throw new IllegalArgumentException("expected " + steps + " losses and smoothed losses, found "
                    + losses.length + " and " + smoothedLosses.length);
        }
    }

    /** A trial that ran (no {@code failure}). */
    public TrialResult(SearchStage stage, double lr, double finalLoss, double bestLoss, double valLoss,
            Optional<Divergence> divergence, long steps, double seconds, double[] losses, double[] smoothedLosses) {
        this(stage, lr, finalLoss, bestLoss, valLoss, divergence, steps, seconds, losses, smoothedLosses, Optional.empty());
    }

    /**
     * @param stage the stage it belongs to
     * @param lr its learning rate
     * @param seconds how long the attempt took
     * @param message why it could not run, one line
     * @return a trial that could not run: no steps, NaN losses
     */
    public static TrialResult failed(SearchStage stage, double lr, double seconds, String message) {
        return new TrialResult(stage, lr, Double.NaN, Double.NaN, Double.NaN, Optional.empty(), 0, seconds, new double[0],
                new double[0], Optional.of(message));
    }

    /** @return whether the trial could not run ({@link #failure()} says why) */
    public boolean failed() {
        return failure.isPresent();
    }

    /** @return whether the trial ran every step or diverged, that is, whether it has a curve to plot or rank */
    public boolean ran() {
        return failure.isEmpty();
    }

    /** @return whether the trial was stopped because its loss diverged */
    public boolean diverged() {
        return divergence.isPresent();
    }

    /**
     * @param metric the ranking metric
     * @return this trial's value of it; positive infinity when it diverged or failed or the value is not finite,
     *         so that such trials rank last
     */
    public double score(SearchMetric metric) {
        double value = metric == SearchMetric.VAL_LOSS ? valLoss : finalLoss;
        return diverged() || failed() || !Double.isFinite(value) ? Double.POSITIVE_INFINITY : value;
    }
}
