package dev.lrlab.fit;

import dev.lrlab.LrlabException;
import dev.lrlab.rangetest.RangeTestResult;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopReason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a fit did. Immutable; made with {@link #builder()}.
 *
 * <br>{@code spec}: the run that trained (for the hypergradient policy, with the hypergradient optimizer)
 * <br>{@code config}: the fit's settings
 * <br>{@code compileSettings}: the trained run's loss and optimizer settings with their sources
 * <br>{@code accuracy}: whether the model's objective measures accuracy (a classifier)
 * <br>{@code rangeTest}: the range test, or empty when the rate was given
 * <br>{@code choice}: the rate chosen, or empty when the range test was interrupted before a choice
 * <br>{@code trainings}: the training at the chosen rate first, then the comparisons that ran
 * <br>{@code stop}: why the fit ended early: interrupted, or the training at the chosen rate diverged; empty when it
 *     completed (a comparison that diverges is a result, not a stop)
 * <br>{@code export}: the exported model's folder: staged (see {@link Fit#run(RunSpec, FitConfig, FitListener,
 *     dev.lrlab.run.StopSignal)}) or in place; empty without an export or when the training did not complete
 * <br>{@code wallTime}: how long the fit took
 */
public final class FitResult {
    private final RunSpec spec;
    private final FitConfig config;
    private final Map<String, Object> compileSettings;
    private final boolean accuracy;
    private final RangeTestResult rangeTest;
    private final RateChoice choice;
    private final List<FitTraining> trainings;
    private final StopReason stop;
    private final Path export;
    private final Duration wallTime;

    private FitResult(Builder b) {
        spec = b.spec;
        config = b.config;
        compileSettings = Collections.unmodifiableMap(new LinkedHashMap<>(b.compileSettings));
        accuracy = b.accuracy;
        rangeTest = b.rangeTest;
        choice = b.choice;
        trainings = b.trainings;
        stop = b.stop;
        export = b.export;
        wallTime = b.wallTime;
    }

    /** @return a builder with nothing set: no range test, choice, trainings, stop or export */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this result's values, e.g. to replace the export's folder */
    public Builder toBuilder() {
        Builder b = builder().setSpec(spec).setConfig(config).setCompileSettings(compileSettings).optAccuracy(accuracy)
                .optTrainings(trainings).setWallTime(wallTime);
        b.rangeTest = rangeTest;
        b.choice = choice;
        b.stop = stop;
        b.export = export;
        return b;
    }

    /** @return the run that trained (for the hypergradient policy, with the hypergradient optimizer) */
    public RunSpec spec() {
        return spec;
    }

    /** @return the fit's settings */
    public FitConfig config() {
        return config;
    }

    /** @return the trained run's loss and optimizer settings with their sources, in summary order (unmodifiable) */
    public Map<String, Object> compileSettings() {
        return compileSettings;
    }

    /** @return whether the model's objective measures accuracy (a classifier) */
    public boolean accuracy() {
        return accuracy;
    }

    /** @return the range test; empty when the rate was given */
    public Optional<RangeTestResult> rangeTest() {
        return Optional.ofNullable(rangeTest);
    }

    /** @return the rate chosen; empty when the range test was interrupted before a choice */
    public Optional<RateChoice> choice() {
        return Optional.ofNullable(choice);
    }

    /** @return the training at the chosen rate first, then the comparisons that ran (unmodifiable) */
    public List<FitTraining> trainings() {
        return trainings;
    }

    /** @return why the fit ended early; empty when it completed */
    public Optional<StopReason> stop() {
        return Optional.ofNullable(stop);
    }

    /**
     * @return the exported model's folder, staged or in place; empty without an export or when the training did not
     *     complete
     */
    public Optional<Path> export() {
        return Optional.ofNullable(export);
    }

    /** @return how long the fit took */
    public Duration wallTime() {
        return wallTime;
    }

    /** @return the training at the chosen rate, or empty when none started */
    public Optional<FitTraining> chosen() {
        return trainings.stream().filter(t -> t.factor() == 1).findFirst();
    }

    /** @return the comparison runs that ran, in the order of {@link FitConfig#COMPARE_FACTORS} */
    public List<FitTraining> comparisons() {
        return trainings.stream().filter(t -> t.factor() != 1).toList();
    }

    /**
     * @return the factor (1 for the chosen rate) whose training ended with the lowest validation loss, empty without
     *     comparisons; a run that diverged or has no final validation counts as infinitely bad
     */
    public Optional<Double> bestFactor() {
        if (comparisons().isEmpty()) {
            return Optional.empty();
        }
        return trainings.stream().min(Comparator.comparingDouble(FitTraining::finalValLossOrInfinity))
                .map(FitTraining::factor);
    }

    /**
     * @return the final validation loss of the training at the chosen rate
     * @throws LrlabException (SETTING) when there is none: no validation rows, or the fit did not complete, with why
     */
    public double finalValLoss() {
        return chosen().flatMap(FitTraining::finalValidation).map(e -> e.loss()).orElseThrow(() -> LrlabException.usage(
                stop().map(s -> "the fit has no final validation loss: " + s.message())
                        .orElse("the fit has no final validation loss: no rows are held out; set `validationFraction` "
                                + "above 0")));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FitResult that && spec.equals(that.spec) && config.equals(that.config)
                && compileSettings.equals(that.compileSettings) && accuracy == that.accuracy
                && Objects.equals(rangeTest, that.rangeTest) && Objects.equals(choice, that.choice)
                && trainings.equals(that.trainings) && Objects.equals(stop, that.stop) && Objects.equals(export, that.export)
                && wallTime.equals(that.wallTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(spec, config, compileSettings, accuracy, rangeTest, choice, trainings, stop, export, wallTime);
    }

    @Override
    public String toString() {
        return "FitResult[config=" + config + ", choice=" + choice() + ", trainings=" + trainings.size() + ", stop="
                + stop() + ", export=" + export() + ", wallTime=" + wallTime + "]";
    }

    /** Collects a fit's result: the spec, config, compile settings and wall time are required, the rest optional. */
    public static final class Builder {
        private RunSpec spec;
        private FitConfig config;
        private Map<String, Object> compileSettings;
        private boolean accuracy;
        private RangeTestResult rangeTest;
        private RateChoice choice;
        private List<FitTraining> trainings = List.of();
        private StopReason stop;
        private Path export;
        private Duration wallTime;

        private Builder() {
        }

        /**
         * @param value the run that trained (required)
         * @return this builder
         */
        public Builder setSpec(RunSpec value) {
            spec = Objects.requireNonNull(value, "spec");
            return this;
        }

        /**
         * @param value the fit's settings (required)
         * @return this builder
         */
        public Builder setConfig(FitConfig value) {
            config = Objects.requireNonNull(value, "config");
            return this;
        }

        /**
         * @param value the trained run's loss and optimizer settings with their sources; copied in order (required)
         * @return this builder
         */
        public Builder setCompileSettings(Map<String, Object> value) {
            compileSettings = Objects.requireNonNull(value, "compileSettings");
            return this;
        }

        /**
         * @param value whether the model's objective measures accuracy (default false)
         * @return this builder
         */
        public Builder optAccuracy(boolean value) {
            accuracy = value;
            return this;
        }

        /**
         * @param value the range test that chose the rate (default: none, the rate was given)
         * @return this builder
         */
        public Builder optRangeTest(RangeTestResult value) {
            rangeTest = Objects.requireNonNull(value, "rangeTest");
            return this;
        }

        /**
         * @param value the rate chosen (default: none, the range test was interrupted before a choice)
         * @return this builder
         */
        public Builder optChoice(RateChoice value) {
            choice = Objects.requireNonNull(value, "choice");
            return this;
        }

        /**
         * @param value the training at the chosen rate first, then the comparisons that ran; copied (default: none)
         * @return this builder
         */
        public Builder optTrainings(List<FitTraining> value) {
            trainings = List.copyOf(value);
            return this;
        }

        /**
         * @param value why the fit ended early (default: it completed)
         * @return this builder
         */
        public Builder optStop(StopReason value) {
            stop = Objects.requireNonNull(value, "stop");
            return this;
        }

        /**
         * @param value the exported model's folder, staged or in place (default: no export)
         * @return this builder
         */
        public Builder optExport(Path value) {
            export = Objects.requireNonNull(value, "export");
            return this;
        }

        /**
         * @param value how long the fit took (required)
         * @return this builder
         */
        public Builder setWallTime(Duration value) {
            wallTime = Objects.requireNonNull(value, "wallTime");
            return this;
        }

        /**
         * @return the result
         * @throws IllegalStateException when a required value is missing
         */
        public FitResult build() {
            if (spec == null || config == null || compileSettings == null || wallTime == null) {
                throw new IllegalStateException("a fit result needs its spec, config, compile settings and wall time "
                        + "(setSpec, setConfig, setCompileSettings, setWallTime)");
            }
            return new FitResult(this);
        }
    }
}
