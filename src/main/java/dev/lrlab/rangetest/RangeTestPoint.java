package dev.lrlab.rangetest;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One step of a range test. Immutable; made with {@link #builder()}.
 *
 * <br>{@code step}: 0-based step
 * <br>{@code lr}: the learning rate fed at this step
 * <br>{@code loss}: the batch loss, computed before this step's update
 * <br>{@code smoothedLoss}: the bias-corrected moving average of the losses up to this step
 * <br>{@code valLoss}: validation loss measured after this step's update (only every {@code validateEvery} steps)
 * <br>{@code valAccuracy}: validation accuracy, for classifiers, measured with {@code valLoss}
 */
public final class RangeTestPoint {
    private final int step;
    private final double lr;
    private final double loss;
    private final double smoothedLoss;
    private final OptionalDouble valLoss;
    private final OptionalDouble valAccuracy;

    private RangeTestPoint(Builder b) {
        step = b.step;
        lr = b.lr;
        loss = b.loss;
        smoothedLoss = b.smoothedLoss;
        valLoss = b.valLoss;
        valAccuracy = b.valAccuracy;
    }

    /** @return a builder with nothing set */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the 0-based step */
    public int step() {
        return step;
    }

    /** @return the learning rate fed at this step */
    public double lr() {
        return lr;
    }

    /** @return the batch loss, computed before this step's update (NaN or infinite where it diverged) */
    public double loss() {
        return loss;
    }

    /** @return the bias-corrected moving average of the losses up to this step */
    public double smoothedLoss() {
        return smoothedLoss;
    }

    /** @return the validation loss after this step's update; empty when none was measured at this step */
    public OptionalDouble valLoss() {
        return valLoss;
    }

    /** @return the validation accuracy measured with {@link #valLoss()}; empty when none, or not a classifier */
    public OptionalDouble valAccuracy() {
        return valAccuracy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RangeTestPoint that && step == that.step && Double.compare(lr, that.lr) == 0
                && Double.compare(loss, that.loss) == 0 && Double.compare(smoothedLoss, that.smoothedLoss) == 0
                && valLoss.equals(that.valLoss) && valAccuracy.equals(that.valAccuracy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(step, lr, loss, smoothedLoss, valLoss, valAccuracy);
    }

    @Override
    public String toString() {
        return "RangeTestPoint[step=" + step + ", lr=" + lr + ", loss=" + loss + ", smoothedLoss=" + smoothedLoss
                + ", valLoss=" + valLoss + ", valAccuracy=" + valAccuracy + "]";
    }

    /** Collects a point: the step, rate and losses are required, the validation optional. */
    public static final class Builder {
        private int step = -1;
        private double lr;
        private boolean lrSet;
        private double loss;
        private boolean lossSet;
        private double smoothedLoss;
        private boolean smoothedLossSet;
        private OptionalDouble valLoss = OptionalDouble.empty();
        private OptionalDouble valAccuracy = OptionalDouble.empty();

        private Builder() {
        }

        /**
         * @param value the 0-based step, {@code >= 0} (required)
         * @return this builder
         */
        public Builder setStep(int value) {
            step = value;
            return this;
        }

        /**
         * @param value the learning rate fed at this step (required)
         * @return this builder
         */
        public Builder setLr(double value) {
            lr = value;
            lrSet = true;
            return this;
        }

        /**
         * @param value the batch loss, any value: NaN or infinite where the test diverged (required)
         * @return this builder
         */
        public Builder setLoss(double value) {
            loss = value;
            lossSet = true;
            return this;
        }

        /**
         * @param value the smoothed loss up to this step, any value (required)
         * @return this builder
         */
        public Builder setSmoothedLoss(double value) {
            smoothedLoss = value;
            smoothedLossSet = true;
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
         * @return the point
         * @throws IllegalStateException when a required value is missing or an accuracy has no loss
         */
        public RangeTestPoint build() {
            if (step < 0 || !lrSet || !lossSet || !smoothedLossSet) {
                throw new IllegalStateException("a range test point needs its step, rate, loss and smoothed loss, found "
                        + "step " + step + (lrSet ? "" : ", no rate") + (lossSet ? "" : ", no loss")
                        + (smoothedLossSet ? "" : ", no smoothed loss"));
            }
            if (valAccuracy.isPresent() && valLoss.isEmpty()) {
                throw new IllegalStateException("a range test point's validation accuracy comes with its validation loss");
            }
            return new RangeTestPoint(this);
        }
    }
}
