package dev.lrlab.training;

import dev.lrlab.run.StopReason;
import dev.lrlab.train.Evaluation;
import java.util.Objects;
import java.util.Optional;

/**
 * What a training run did. Immutable; made with {@link #builder()}.
 *
 * <br>{@code stepsRun}: steps completed
 * <br>{@code lastLoss}: loss of the last step; NaN when no step ran ({@code stepsRun == 0})
 * <br>{@code initialValidation}: validation before the first step, when there is a validation split
 * <br>{@code lastValidation}: the last finite validation measured after a step (at an epoch end or the last step),
 *     and which step: empty when no step reached one, never the initial validation. A validation that came out NaN
 *     or infinite stops the run as diverged and is not kept here.
 * <br>{@code stop}: why it stopped early: empty when it ran every step
 */
public final class TrainResult {
    private final long stepsRun;
    private final double lastLoss;
    private final Evaluation initialValidation;
    private final StepValidation lastValidation;
    private final StopReason stop;

    private TrainResult(Builder b) {
        stepsRun = b.stepsRun;
        lastLoss = b.lastLoss;
        initialValidation = b.initialValidation;
        lastValidation = b.lastValidation;
        stop = b.stop;
    }

    /** @return a builder with nothing set: no validation, no stop */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the steps completed */
    public long stepsRun() {
        return stepsRun;
    }

    /** @return the loss of the last step; NaN when no step ran */
    public double lastLoss() {
        return lastLoss;
    }

    /** @return the validation before the first step; empty without a validation split */
    public Optional<Evaluation> initialValidation() {
        return Optional.ofNullable(initialValidation);
    }

    /** @return the last finite validation measured after a step, and which step; empty when no step reached one */
    public Optional<StepValidation> lastValidation() {
        return Optional.ofNullable(lastValidation);
    }

    /** @return why the run stopped early; empty when it ran every step */
    public Optional<StopReason> stop() {
        return Optional.ofNullable(stop);
    }

    /** @return whether the last validation was measured after the run's last step, so it describes the final weights */
    public boolean lastValidationIsFinal() {
        return lastValidation != null && lastValidation.step() == stepsRun - 1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrainResult that && stepsRun == that.stepsRun
                && Double.compare(lastLoss, that.lastLoss) == 0 && Objects.equals(initialValidation, that.initialValidation)
                && Objects.equals(lastValidation, that.lastValidation) && Objects.equals(stop, that.stop);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stepsRun, lastLoss, initialValidation, lastValidation, stop);
    }

    @Override
    public String toString() {
        return "TrainResult[stepsRun=" + stepsRun + ", lastLoss=" + lastLoss + ", initialValidation="
                + initialValidation() + ", lastValidation=" + lastValidation() + ", stop=" + stop() + "]";
    }

    /** Collects a run's result: the steps run and the last loss are required, the rest optional. */
    public static final class Builder {
        private long stepsRun = -1;
        private double lastLoss = Double.NaN;
        private Evaluation initialValidation;
        private StepValidation lastValidation;
        private StopReason stop;

        private Builder() {
        }

        /**
         * @param value steps completed, {@code >= 0} (required)
         * @return this builder
         */
        public Builder setStepsRun(long value) {
            stepsRun = value;
            return this;
        }

        /**
         * @param value loss of the last step (default NaN: no step ran)
         * @return this builder
         */
        public Builder optLastLoss(double value) {
            lastLoss = value;
            return this;
        }

        /**
         * @param value the validation before the first step (default: none)
         * @return this builder
         */
        public Builder optInitialValidation(Evaluation value) {
            initialValidation = Objects.requireNonNull(value, "initialValidation");
            return this;
        }

        /**
         * @param value the last finite validation measured after a step (default: none)
         * @return this builder
         */
        public Builder optLastValidation(StepValidation value) {
            lastValidation = Objects.requireNonNull(value, "lastValidation");
            return this;
        }

        /**
         * @param value why the run stopped early (default: it ran every step)
         * @return this builder
         */
        public Builder optStop(StopReason value) {
            stop = Objects.requireNonNull(value, "stop");
            return this;
        }

        /**
         * @return the result; the builder may be changed and built again
         * @throws IllegalStateException when the steps run are missing
         */
        public TrainResult build() {
            if (stepsRun < 0) {
                throw new IllegalStateException("a training result needs its steps run (setStepsRun), found " + stepsRun);
            }
            return new TrainResult(this);
        }
    }
}
