package dev.lrlab.rangetest;

import dev.lrlab.LrlabException;
import dev.lrlab.run.StopReason;
import dev.lrlab.suggest.Suggestion;
import dev.lrlab.suggest.Suggestions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What a range test measured and suggests. The arrays hold one value per step run, in step order; they are
 * copied in and out, so changing them changes nothing here. Immutable; made with {@link #builder()}.
 *
 * <br>{@code lr}: the learning rate of each step
 * <br>{@code loss}: the batch loss of each step (NaN or infinite where the run diverged)
 * <br>{@code smoothedLoss}: the smoothed loss of each step
 * <br>{@code valLoss}: the validation loss after each step, NaN where it was not measured
 * <br>{@code valAccuracy}: the validation accuracy after each step, NaN where it was not measured or the model is
 *     not a classifier
 * <br>{@code suggestions}: learning rates suggested from the smoothed curve, or the reason there are none
 * <br>{@code stop}: why the test ended before its last step: the loss exploded, became NaN, or the test was
 *     interrupted; empty when every step ran
 * <br>{@code wallTime}: time spent on the steps (validation included, restore excluded)
 * <br>{@code setup}: what the test ran on, for {@link RangeTestOutputs}; null for a result made by hand
 */
public final class RangeTestResult {
    private final double[] lr;
    private final double[] loss;
    private final double[] smoothedLoss;
    private final double[] valLoss;
    private final double[] valAccuracy;
    private final Suggestions suggestions;
    private final StopReason stop;
    private final Duration wallTime;
    private final RangeTestSetup setup;

    private RangeTestResult(Builder b) {
        lr = b.lr.clone();
        loss = b.loss.clone();
        smoothedLoss = b.smoothedLoss.clone();
        valLoss = b.valLoss != null ? b.valLoss.clone() : nans(lr.length);
        valAccuracy = b.valAccuracy != null ? b.valAccuracy.clone() : nans(lr.length);
        for (double[] column : new double[][] {loss, smoothedLoss, valLoss, valAccuracy}) {
            if (column.length != lr.length) {
                throw new IllegalArgumentException("expected " + lr.length + " values per column, found " + column.length);
            }
        }
        suggestions = b.suggestions;
        stop = b.stop;
        wallTime = b.wallTime;
        setup = b.setup;
    }

    private static double[] nans(int length) {
        double[] values = new double[length];
        Arrays.fill(values, Double.NaN);
        return values;
    }

    /** @return a builder with nothing set: no validation, no stop, no wall time, no setup */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The rate to train with: the recommended suggestion's ({@link Suggestions#recommended()}, valley by default).
     * It throws rather than return an empty optional because the reason is what the caller needs: a range test
     * that suggests nothing says why and what to change, e.g. {@code only 7 points after skipping the first 0 and
     * last 5; run more steps}.
     *
     * @return the recommended learning rate
     * @throws LrlabException (data) when the test made no suggestion, with the reason and what to change
     */
    public double suggestedLr() {
        return suggestions.recommended().map(Suggestion::lr).orElseThrow(() -> LrlabException.data(
                "the range test suggested no learning rate (" + suggestions.defaultName() + "): " + (suggestions.isEmpty()
                        ? suggestions.reason() : "the curve was too short for it; run more steps or ask another method")));
    }

    /** @return the learning rate of each step (a copy) */
    public double[] lr() {
        return lr.clone();
    }

    /** @return the batch loss of each step (a copy) */
    public double[] loss() {
        return loss.clone();
    }

    /** @return the smoothed loss of each step (a copy) */
    public double[] smoothedLoss() {
        return smoothedLoss.clone();
    }

    /** @return the validation loss after each step, NaN where not measured (a copy) */
    public double[] valLoss() {
        return valLoss.clone();
    }

    /** @return the validation accuracy after each step, NaN where not measured (a copy) */
    public double[] valAccuracy() {
        return valAccuracy.clone();
    }

    /** @return the learning rates suggested from the smoothed curve, or the reason there are none */
    public Suggestions suggestions() {
        return suggestions;
    }

    /** @return why the test ended before its last step; empty when every step ran */
    public Optional<StopReason> stop() {
        return Optional.ofNullable(stop);
    }

    /** @return the time spent on the steps (validation included, restore excluded) */
    public Duration wallTime() {
        return wallTime;
    }

    /** @return what the test ran on, for {@link RangeTestOutputs}; null for a result made by hand */
    public RangeTestSetup setup() {
        return setup;
    }

    /** @return the number of steps run */
    public int stepsRun() {
        return lr.length;
    }

    /** @return whether a stop was asked for (Ctrl-C, SIGTERM, or a listener) before the last step */
    public boolean interrupted() {
        return stop != null && stop.kind() == StopReason.Kind.INTERRUPTED;
    }

    /** @return steps per second of wall time, or NaN when no time was measured */
    public double stepsPerSecond() {
        double seconds = wallTime.toNanos() / 1e9;
        return seconds > 0 ? stepsRun() / seconds : Double.NaN;
    }

    /** @return why the test ended, in a few words for a summary */
    public String stopDescription() {
        return stop != null ? stop.message() : "ran every step";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RangeTestResult that && Arrays.equals(lr, that.lr) && Arrays.equals(loss, that.loss)
                && Arrays.equals(smoothedLoss, that.smoothedLoss) && Arrays.equals(valLoss, that.valLoss)
                && Arrays.equals(valAccuracy, that.valAccuracy) && suggestions.equals(that.suggestions)
                && Objects.equals(stop, that.stop) && wallTime.equals(that.wallTime) && Objects.equals(setup, that.setup);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(lr), Arrays.hashCode(loss), Arrays.hashCode(smoothedLoss),
                Arrays.hashCode(valLoss), Arrays.hashCode(valAccuracy), suggestions, stop, wallTime, setup);
    }

    @Override
    public String toString() {
        return "RangeTestResult[steps=" + lr.length + ", suggestions=" + suggestions + ", stop=" + stop()
                + ", wallTime=" + wallTime + ", setup=" + setup + "]";
    }

    /** Collects a range test's result: the three curves and the suggestions are required, the rest optional. */
    public static final class Builder {
        private double[] lr;
        private double[] loss;
        private double[] smoothedLoss;
        private double[] valLoss;
        private double[] valAccuracy;
        private Suggestions suggestions;
        private StopReason stop;
        private Duration wallTime = Duration.ZERO;
        private RangeTestSetup setup;

        private Builder() {
        }

        /**
         * @param value the learning rate of each step (required; copied at {@link #build()})
         * @return this builder
         */
        public Builder setLr(double[] value) {
            lr = Objects.requireNonNull(value, "lr");
            return this;
        }

        /**
         * @param value the batch loss of each step (required; copied)
         * @return this builder
         */
        public Builder setLoss(double[] value) {
            loss = Objects.requireNonNull(value, "loss");
            return this;
        }

        /**
         * @param value the smoothed loss of each step (required; copied)
         * @return this builder
         */
        public Builder setSmoothedLoss(double[] value) {
            smoothedLoss = Objects.requireNonNull(value, "smoothedLoss");
            return this;
        }

        /**
         * @param value the validation loss after each step, NaN where not measured (default: all NaN; copied)
         * @return this builder
         */
        public Builder optValLoss(double[] value) {
            valLoss = Objects.requireNonNull(value, "valLoss");
            return this;
        }

        /**
         * @param value the validation accuracy after each step, NaN where not measured (default: all NaN; copied)
         * @return this builder
         */
        public Builder optValAccuracy(double[] value) {
            valAccuracy = Objects.requireNonNull(value, "valAccuracy");
            return this;
        }

        /**
         * @param value the suggested rates, or the reason there are none (required)
         * @return this builder
         */
        public Builder setSuggestions(Suggestions value) {
            suggestions = Objects.requireNonNull(value, "suggestions");
            return this;
        }

        /**
         * @param value why the test ended before its last step (default: every step ran)
         * @return this builder
         */
        public Builder optStop(StopReason value) {
            stop = Objects.requireNonNull(value, "stop");
            return this;
        }

        /**
         * @param value time spent on the steps (default zero: not measured, {@link RangeTestResult#stepsPerSecond()}
         *     is then NaN)
         * @return this builder
         */
        public Builder optWallTime(Duration value) {
            wallTime = Objects.requireNonNull(value, "wallTime");
            return this;
        }

        /**
         * @param value what the test ran on, which {@link RangeTestOutputs} needs (default: none, a result made by hand
         *     that it cannot write)
         * @return this builder
         */
        public Builder optSetup(RangeTestSetup value) {
            setup = Objects.requireNonNull(value, "setup");
            return this;
        }

        /**
         * @return the result, its arrays copied
         * @throws IllegalStateException when a curve or the suggestions are missing
         * @throws IllegalArgumentException when the columns have different lengths
         */
        public RangeTestResult build() {
            if (lr == null || loss == null || smoothedLoss == null || suggestions == null) {
                throw new IllegalStateException("a range test result needs its rates, losses, smoothed losses and "
                        + "suggestions (setLr, setLoss, setSmoothedLoss, setSuggestions)");
            }
            return new RangeTestResult(this);
        }
    }
}
