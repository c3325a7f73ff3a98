package dev.lrlab.run;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One row of a training curve. Immutable; made with {@link #builder()}.
 *
 * <br>{@code step}: 0-based optimizer step
 * <br>{@code epoch}: 0-based epoch the step belongs to
 * <br>{@code lr}: learning rate applied
 * <br>{@code momentum}: momentum fed (NaN when the optimizer has none)
 * <br>{@code loss}: batch loss before the update
 * <br>{@code valLoss}: validation loss, measured after this step (at epoch ends)
 * <br>{@code valAccuracy}: validation accuracy, for classifiers, measured with valLoss
 * <br>{@code hypergradient}: h_t for hypergradient optimizers, NaN otherwise
 */
public final class StepRow {
    private final long step;
    private final long epoch;
    private final double lr;
    private final double momentum;
    private final double loss;
    private final OptionalDouble valLoss;
    private final OptionalDouble valAccuracy;
    private final double hypergradient;

    private StepRow(Builder b) {
        step = b.step;
        epoch = b.epoch;
        lr = b.lr;
        momentum = b.momentum;
        loss = b.loss;
        valLoss = b.valLoss;
        valAccuracy = b.valAccuracy;
        hypergradient = b.hypergradient;
    }

    /** @return a builder with no step yet, no momentum, no validation and no hypergradient */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the 0-based optimizer step */
    public long step() {
        return step;
    }

    /** @return the 0-based epoch the step belongs to */
    public long epoch() {
        return epoch;
    }

    /** @return the learning rate applied */
    public double lr() {
        return lr;
    }

    /** @return the momentum fed; NaN when the optimizer has none */
    public double momentum() {
        return momentum;
    }

    /** @return the batch loss before the update */
    public double loss() {
        return loss;
    }

    /** @return the validation loss measured after this step; empty when none was (only at epoch ends) */
    public OptionalDouble valLoss() {
        return valLoss;
    }

    /** @return the validation accuracy measured with {@link #valLoss()}; empty when none, or not a classifier */
    public OptionalDouble valAccuracy() {
        return valAccuracy;
    }

    /** @return h_t for hypergradient optimizers, NaN otherwise */
    public double hypergradient() {
        return hypergradient;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StepRow that && step == that.step && epoch == that.epoch
                && Double.compare(lr, that.lr) == 0 && Double.compare(momentum, that.momentum) == 0
                && Double.compare(loss, that.loss) == 0 && valLoss.equals(that.valLoss)
                && valAccuracy.equals(that.valAccuracy) && Double.compare(hypergradient, that.hypergradient) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(step, epoch, lr, momentum, loss, valLoss, valAccuracy, hypergradient);
    }

    @Override
    public String toString() {
        return "StepRow[step=" + step + ", epoch=" + epoch + ", lr=" + lr + ", momentum=" + momentum + ", loss=" + loss
                + ", valLoss=" + valLoss + ", valAccuracy=" + valAccuracy + ", hypergradient=" + hypergradient + "]";
    }

    /** Collects a row: the step, epoch, rate and loss are required, the rest optional. */
    public static final class Builder {
        private long step = -1;
        private long epoch = -1;
        private double lr;
        private boolean lrSet;
        private double momentum = Double.NaN;
        private double loss;
        private boolean lossSet;
        private OptionalDouble valLoss = OptionalDouble.empty();
        private OptionalDouble valAccuracy = OptionalDouble.empty();
        private double hypergradient = Double.NaN;

        private Builder() {
        }

        /**
         * @param value the 0-based optimizer step (required)
         * @return this builder
         */
        public Builder setStep(long value) {
            step = value;
            return this;
        }

        /**
         * @param value the 0-based epoch the step belongs to (required)
         * @return this builder
         */
        public Builder setEpoch(long value) {
            epoch = value;
            return this;
        }

        /**
         * @param value the learning rate applied, any value: NaN where a hypergradient step diverged (required)
         * @return this builder
         */
        public Builder setLr(double value) {
            lr = value;
            lrSet = true;
            return this;
        }

        /**
         * @param value the momentum fed (default NaN: the optimizer has none)
         * @return this builder
         */
        public Builder optMomentum(double value) {
            momentum = value;
            return this;
        }

        /**
         * @param value the batch loss before the update, any value (required)
         * @return this builder
         */
        public Builder setLoss(double value) {
            loss = value;
            lossSet = true;
            return this;
        }

        /**
         * @param value the validation loss measured after this step (default: none measured)
         * @return this builder
         */
        public Builder optValLoss(double value) {
            valLoss = OptionalDouble.of(value);
            return this;
        }

        /**
         * @param value the validation accuracy measured with the validation loss (default: none)
         * @return this builder
         */
        public Builder optValAccuracy(double value) {
            valAccuracy = OptionalDouble.of(value);
            return this;
        }

        /**
         * @param value h_t of a hypergradient optimizer (default NaN: not one)
         * @return this builder
         */
        public Builder optHypergradient(double value) {
            hypergradient = value;
            return this;
        }

        /**
         * @return the row
         * @throws IllegalStateException when the step, epoch, rate or loss is missing
         */
        public StepRow build() {
            if (step < 0 || epoch < 0 || !lrSet || !lossSet) {
                throw new IllegalStateException("a step row needs its step, epoch, rate and loss, found step " + step
                        + ", epoch " + epoch + (lrSet ? "" : ", no rate") + (lossSet ? "" : ", no loss"));
            }
            return new StepRow(this);
        }
    }
}
