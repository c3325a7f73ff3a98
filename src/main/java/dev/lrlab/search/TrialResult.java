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
 */
public record TrialResult(SearchStage stage, double lr, double finalLoss, double bestLoss, double valLoss,
        Optional<Divergence> divergence, long steps, double seconds, double[] losses,
        double[] smoothedLosses) {

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
        if (losses.length != steps || smoothedLosses.length != steps) {
            throw new IllegalArgumentException("expected " + steps + " losses and smoothed losses, found "
                    + losses.length + " and " + smoothedLosses.length);
        }
    }

    /** @return whether the trial was stopped because its loss diverged */
    public boolean diverged() {
        return divergence.isPresent();
    }

    /**
     * @param metric the ranking metric
     * @return this trial's value of it; positive infinity when it diverged or the value is not finite, so
     *         that such trials rank last
     */
    public double score(SearchMetric metric) {
        double value = metric == SearchMetric.VAL_LOSS ? valLoss : finalLoss;
        return diverged() || !Double.isFinite(value) ? Double.POSITIVE_INFINITY : value;
    }
}
