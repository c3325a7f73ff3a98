package dev.lrlab.fit;

import dev.lrlab.LrlabException;
import dev.lrlab.rangetest.RangeTestConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a fit does: the policy, the rate (found by a range test, or given), how long it trains, whether it also
 * trains at 1/10 and 10x the chosen rate, and where the trained model goes. Immutable; made with {@link #builder()},
 * validated in {@link Builder#build()}.
 *
 * @param policy how it trains from the chosen rate
 * @param lr the rate, or empty to run a range test and choose one (the default)
 * @param rangeTest the range test's sweep, or empty for {@code RangeTest.run}'s defaults with the run's momentum
 * @param epochs passes over the training rows; ignored when {@code steps} is set
 * @param steps optimizer steps, or 0 to train {@code epochs} epochs
 * @param compare whether to train at {@link #COMPARE_FACTORS} times the chosen rate too
 * @param export where to write the trained model as a SavedModel, or empty for nowhere
 */
public record FitConfig(FitPolicy policy, OptionalDouble lr, Optional<RangeTestConfig> rangeTest, int epochs, long steps,
        boolean compare, Optional<Path> export) {

    /** Epochs when none are set. */
    public static final int DEFAULT_EPOCHS = 5;
    /** The factors of the comparison runs, applied to every rate of the schedule. */
    public static final List<Double> COMPARE_FACTORS = List.of(0.1, 10.0);

    /** Validates the settings; see {@link Builder#build()}. */
    public FitConfig {
        Objects.requireNonNull(policy, "policy");
        if (lr.isPresent() && (!(lr.getAsDouble() > 0) || !Double.isFinite(lr.getAsDouble()))) {
            throw LrlabException.usage("`lr` must be a positive number, found " + lr.getAsDouble());
        }
        if (epochs < 1) {
            throw LrlabException.usage("`epochs` must be at least 1, found " + epochs);
        }
        if (steps < 0) {
            throw LrlabException.usage("`steps` must be at least 1, found " + steps);
        }
        if (lr.isPresent() && rangeTest.isPresent()) {
            throw LrlabException.usage("a given `lr` runs no range test, so its sweep settings would be ignored; give one "
                    + "or the other");
        }
    }

    /** @return a builder with the defaults: 1cycle, a range test, {@link #DEFAULT_EPOCHS} epochs, no comparison */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param stepsPerEpoch steps in one pass over the training rows
     * @return the steps to train
     */
    public long trainingSteps(int stepsPerEpoch) {
        return steps > 0 ? steps : (long) epochs * stepsPerEpoch;
    }

    /** Collects the settings of a fit; every one has a default. */
    public static final class Builder {
        private FitPolicy policy = FitPolicy.ONECYCLE;
        private OptionalDouble lr = OptionalDouble.empty();
        private RangeTestConfig rangeTest;
        private int epochs = DEFAULT_EPOCHS;
        private long steps;
        private boolean compare;
        private Path export;

        private Builder() {
        }

        /**
         * @param value the policy (default {@link FitPolicy#ONECYCLE})
         * @return this builder
         */
        public Builder optPolicy(FitPolicy value) {
            policy = Objects.requireNonNull(value, "policy");
            return this;
        }

        /**
         * @param value the rate to build the policy on, instead of a range test's (default: found by a range test)
         * @return this builder
         */
        public Builder optLr(double value) {
            lr = OptionalDouble.of(value);
            return this;
        }

        /**
         * @param value the range test's sweep (default: {@code RangeTest.run}'s, 1e-7 to 10 in 100 steps, with the
         *     run's momentum)
         * @return this builder
         */
        public Builder optRangeTest(RangeTestConfig value) {
            rangeTest = Objects.requireNonNull(value, "rangeTest");
            return this;
        }

        /**
         * @param value passes over the training rows (default {@link #DEFAULT_EPOCHS})
         * @return this builder
         */
        public Builder optEpochs(int value) {
            epochs = value;
            return this;
        }

        /**
         * @param value optimizer steps, instead of epochs (default: epochs)
         * @return this builder
         */
        public Builder optSteps(long value) {
            if (value < 1) {
                throw LrlabException.usage("`steps` must be at least 1, found " + value);
            }
            steps = value;
            return this;
        }

        /**
         * @param value whether to train at 1/10 and 10x the chosen rate too, from the same initial weights and data
         *     order (default false)
         * @return this builder
         */
        public Builder optCompare(boolean value) {
            compare = value;
            return this;
        }

        /**
         * @param value the folder to write the trained model into, as a new SavedModel (default: no export)
         * @return this builder
         */
        public Builder optExport(Path value) {
            export = Objects.requireNonNull(value, "export");
            return this;
        }

        /**
         * @return the validated config
         * @throws LrlabException (USAGE) naming the bad setting and the value found
         */
        public FitConfig build() {
            return new FitConfig(policy, lr, Optional.ofNullable(rangeTest), epochs, steps, compare,
                    Optional.ofNullable(export));
        }
    }
}
