package dev.lrlab.search;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One trial of a coarse-to-fine search: a short run at a constant learning rate from the shared initial
 * weights. Immutable; made with {@link #builder()} or {@link #failed}. Serializable, so that a remote trial executor
 * can send it back as it is; equal when every value is, curves and seconds included.
 *
 * <br>{@code stage}: the stage it belongs to
 * <br>{@code lr}: its learning rate
 * <br>{@code finalLoss}: the smoothed training loss after its last step (NaN or infinite when it diverged that way)
 * <br>{@code bestLoss}: the lowest smoothed training loss it reached
 * <br>{@code valLoss}: the validation loss after its last step; NaN when it diverged or there are no validation rows
 * <br>{@code divergence}: why it was stopped early, empty when it ran every step
 * <br>{@code steps}: steps run (fewer than asked when it diverged)
 * <br>{@code seconds}: wall-clock time it took (the only value that differs between repeated searches)
 * <br>{@code losses}: the raw training loss of each step run; not copied, do not change it
 * <br>{@code smoothedLosses}: the smoothed training loss of each step run; not copied, do not change it
 * <br>{@code failure}: why the trial could not run (e.g. its model was unreadable where a remote trial executor ran
 *     it), empty for a trial that ran; a failed trial has no steps and no losses, and ranks last
 */
public final class TrialResult implements Serializable {
    private static final long serialVersionUID = 1L;

    private final SearchStage stage;
    private final double lr;
    private final double finalLoss;
    private final double bestLoss;
    private final double valLoss;
    private final Divergence divergence;
    private final long steps;
    private final double seconds;
    private final double[] losses;
    private final double[] smoothedLosses;
    private final String failure;

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

    private TrialResult(Builder b) {
        stage = b.stage;
        lr = b.lr;
        finalLoss = b.finalLoss;
        bestLoss = b.bestLoss;
        valLoss = b.valLoss;
        divergence = b.divergence;
        steps = b.steps;
        seconds = b.seconds;
        losses = b.losses;
        smoothedLosses = b.smoothedLosses;
        failure = b.failure;
    }

    /** @return a builder for a trial that ran: nothing set, no steps, NaN losses, no divergence */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param stage the stage it belongs to
     * @param lr its learning rate
     * @param seconds how long the attempt took
     * @param message why it could not run, one line
     * @return a trial that could not run: no steps, NaN losses
     */
    public static TrialResult failed(SearchStage stage, double lr, double seconds, String message) {
        return builder().setStage(stage).setLr(lr).optSeconds(seconds).optFailure(message).build();
    }

    /** @return the stage it belongs to */
    public SearchStage stage() {
        return stage;
    }

    /** @return its learning rate */
    public double lr() {
        return lr;
    }

    /** @return the smoothed training loss after its last step (NaN or infinite when it diverged that way) */
    public double finalLoss() {
        return finalLoss;
    }

    /** @return the lowest smoothed training loss it reached */
    public double bestLoss() {
        return bestLoss;
    }

    /** @return the validation loss after its last step; NaN when it diverged or there are no validation rows */
    public double valLoss() {
        return valLoss;
    }

    /** @return why it was stopped early; empty when it ran every step */
    public Optional<Divergence> divergence() {
        return Optional.ofNullable(divergence);
    }

    /** @return the steps run (fewer than asked when it diverged) */
    public long steps() {
        return steps;
    }

    /** @return the wall-clock time it took, in seconds */
    public double seconds() {
        return seconds;
    }

    /** @return the raw training loss of each step run; not copied, do not change it */
    public double[] losses() {
        return losses;
    }

    /** @return the smoothed training loss of each step run; not copied, do not change it */
    public double[] smoothedLosses() {
        return smoothedLosses;
    }

    /** @return why the trial could not run; empty for a trial that ran */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** @return whether the trial could not run ({@link #failure()} says why) */
    public boolean failed() {
        return failure != null;
    }

    /** @return whether the trial ran every step or diverged, that is, whether it has a curve to plot or rank */
    public boolean ran() {
        return failure == null;
    }

    /** @return whether the trial was stopped because its loss diverged */
    public boolean diverged() {
        return divergence != null;
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

    @Override
    public boolean equals(Object other) {
        return other instanceof TrialResult that && stage == that.stage && Double.compare(lr, that.lr) == 0
                && Double.compare(finalLoss, that.finalLoss) == 0 && Double.compare(bestLoss, that.bestLoss) == 0
                && Double.compare(valLoss, that.valLoss) == 0 && divergence == that.divergence && steps == that.steps
                && Double.compare(seconds, that.seconds) == 0 && Arrays.equals(losses, that.losses)
                && Arrays.equals(smoothedLosses, that.smoothedLosses) && Objects.equals(failure, that.failure);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stage, lr, finalLoss, bestLoss, valLoss, divergence, steps, seconds,
                Arrays.hashCode(losses), Arrays.hashCode(smoothedLosses), failure);
    }

    @Override
    public String toString() {
        return "TrialResult[stage=" + stage + ", lr=" + lr + ", finalLoss=" + finalLoss + ", bestLoss=" + bestLoss
                + ", valLoss=" + valLoss + ", divergence=" + divergence() + ", steps=" + steps + ", seconds=" + seconds
                + ", failure=" + failure() + "]";
    }

    /** Collects a trial: the stage and rate are required; the rest default to a trial with no steps. */
    public static final class Builder {
        private SearchStage stage;
        private double lr;
        private boolean lrSet;
        private double finalLoss = Double.NaN;
        private double bestLoss = Double.NaN;
        private double valLoss = Double.NaN;
        private Divergence divergence;
        private long steps;
        private double seconds;
        private double[] losses = new double[0];
        private double[] smoothedLosses = new double[0];
        private String failure;

        private Builder() {
        }

        /**
         * @param value the stage it belongs to (required)
         * @return this builder
         */
        public Builder setStage(SearchStage value) {
            stage = Objects.requireNonNull(value, "stage");
            return this;
        }

        /**
         * @param value its learning rate (required)
         * @return this builder
         */
        public Builder setLr(double value) {
            lr = value;
            lrSet = true;
            return this;
        }

        /**
         * @param value the smoothed training loss after its last step (default NaN)
         * @return this builder
         */
        public Builder optFinalLoss(double value) {
            finalLoss = value;
            return this;
        }

        /**
         * @param value the lowest smoothed training loss it reached (default NaN)
         * @return this builder
         */
        public Builder optBestLoss(double value) {
            bestLoss = value;
            return this;
        }

        /**
         * @param value the validation loss after its last step (default NaN: not measured)
         * @return this builder
         */
        public Builder optValLoss(double value) {
            valLoss = value;
            return this;
        }

        /**
         * @param value why it was stopped early (default: it ran every step)
         * @return this builder
         */
        public Builder optDivergence(Divergence value) {
            divergence = Objects.requireNonNull(value, "divergence");
            return this;
        }

        /**
         * @param value steps run, one per value of the curves (default 0)
         * @return this builder
         */
        public Builder optSteps(long value) {
            steps = value;
            return this;
        }

        /**
         * @param value wall-clock time it took, in seconds (default 0)
         * @return this builder
         */
        public Builder optSeconds(double value) {
            seconds = value;
            return this;
        }

        /**
         * @param value the raw training loss of each step run; kept, not copied (default: none)
         * @return this builder
         */
        public Builder optLosses(double[] value) {
            losses = Objects.requireNonNull(value, "losses");
            return this;
        }

        /**
         * @param value the smoothed training loss of each step run; kept, not copied (default: none)
         * @return this builder
         */
        public Builder optSmoothedLosses(double[] value) {
            smoothedLosses = Objects.requireNonNull(value, "smoothedLosses");
            return this;
        }

        /**
         * @param value why the trial could not run, one line (default: it ran); see {@link TrialResult#failed}
         * @return this builder
         */
        public Builder optFailure(String value) {
            failure = Objects.requireNonNull(value, "failure");
            return this;
        }

        /**
         * @return the trial
         * @throws IllegalStateException when the stage or rate is missing
         * @throws IllegalArgumentException when the curve lengths disagree with the step count
         */
        public TrialResult build() {
            if (stage == null || !lrSet) {
                throw new IllegalStateException("a trial needs its stage and rate (setStage, setLr)");
            }
            if (losses.length != steps || smoothedLosses.length != steps) {
                throw new IllegalArgumentException("expected " + steps + " losses and smoothed losses, found "
                        + losses.length + " and " + smoothedLosses.length);
            }
            return new TrialResult(this);
        }
    }
}
