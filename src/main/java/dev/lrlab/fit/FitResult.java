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
import java.util.Optional;

/**
 * What a fit did.
 *
 * @param spec the run that trained (for the hypergradient policy, with the hypergradient optimizer)
 * @param config the fit's settings
 * @param compileSettings the trained run's loss and optimizer settings with their sources
 * @param accuracy whether the model's objective measures accuracy (a classifier)
 * @param rangeTest the range test, or empty when the rate was given
 * @param choice the rate chosen, or empty when the range test was interrupted before a choice
 * @param trainings the training at the chosen rate first, then the comparisons that ran
 * @param stop why the fit ended early: interrupted, or the training at the chosen rate diverged; empty when it
 *     completed (a comparison that diverges is a result, not a stop)
 * @param export the exported model's folder: staged (see {@link Fit#run(RunSpec, FitConfig, FitListener,
 *     dev.lrlab.run.StopSignal)}) or in place; empty without an export or when the training did not complete
 * @param wallTime how long the fit took
 */
public record FitResult(RunSpec spec, FitConfig config, Map<String, Object> compileSettings, boolean accuracy,
        Optional<RangeTestResult> rangeTest, Optional<RateChoice> choice, List<FitTraining> trainings,
        Optional<StopReason> stop, Optional<Path> export, Duration wallTime) {

    /** Copies the lists. */
    public FitResult {
        compileSettings = Collections.unmodifiableMap(new LinkedHashMap<>(compileSettings));
        trainings = List.copyOf(trainings);
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
                stop.map(s -> "the fit has no final validation loss: " + s.message())
                        .orElse("the fit has no final validation loss: no rows are held out; set `validationFraction` "
                                + "above 0")));
    }
}
