package dev.lrlab.report.summary;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.lrlab.report.Provenance;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A fit's summary: what was chosen and why, how the training ended, and the comparison runs.
 *
 * @param head kind {@code fit}, model, data, ...
 * @param settings the run's settings
 * @param compileSettings the loss and optimizer settings with where each came from; free-form, as in
 *     {@link RangeTestRunSummary#compileSettings()}
 * @param rangeTest the range test, or null when the rate was given
 * @param choice the rate chosen and why, or null when the range test was interrupted first
 * @param training the training at the chosen rate, or null when it did not start
 * @param compare the trainings at 1/10 and 10x the chosen rate that ran, or null without a comparison
 * @param bestFactor of 1 (the chosen rate) and the comparison factors, the one with the lowest final validation loss;
 *     null without a comparison
 * @param stopped why the fit ended early, or null when it completed
 * @param exported the exported SavedModel's folder, or null when nothing was exported
 * @param wallTimeS seconds the fit took
 * @param provenance where the result came from
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FitRunSummary(
        @JsonUnwrapped SummaryHead head,
        Settings settings,
        Map<String, Object> compileSettings,
        RangeTest rangeTest,
        Choice choice,
        Outcome training,
        List<Outcome> compare,
        Double bestFactor,
        String stopped,
        String exported,
        double wallTimeS,
        Provenance provenance) implements RunSummary {

    /** The value of {@code kind}. */
    public static final String KIND = "fit";

    /** Normalises the free-form compile settings, see {@link JsonValues}. */
    public FitRunSummary {
        compileSettings = JsonValues.normalizeMap(compileSettings);
    }

    /**
     * @param file a fit's {@code summary.json}
     * @return the summary
     * @throws dev.lrlab.LrlabException (DATA) when it cannot be read, see {@link Summaries#read}
     */
    public static FitRunSummary read(Path file) {
        return Summaries.read(file, FitRunSummary.class, KIND);
    }

    /**
     * The settings of a fit.
     *
     * @param optimizer the optimizer that trained, e.g. {@code adam}
     * @param weightDecay decoupled weight decay
     * @param batchSize rows per step
     * @param seed seed of the split and batch order
     * @param valFraction fraction of rows held out
     * @param policy {@code onecycle}, {@code cyclic}, {@code cosine}, {@code constant} or {@code hd}
     * @param lr {@code auto} (a range test chose it) or the rate given
     * @param epochs epochs asked for, or null when steps were
     * @param steps steps trained per run
     * @param momentum the momentum (Adam's beta1) fed when the schedule does not cycle it
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Settings(String optimizer, double weightDecay, int batchSize, long seed, double valFraction,
            String policy, String lr, Integer epochs, long steps, double momentum) {
    }

    /**
     * The range test a fit chose its rate from: the keys of a range test's own summary that say what it found.
     *
     * @param settings the sweep
     * @param stepsRun points in the curve
     * @param stop {@code completed}, {@code diverged}, {@code loss_exploded} or {@code interrupted}
     * @param stopMessage why it stopped, in one line
     * @param suggestions the suggested rates
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RangeTest(RangeTestRunSummary.Settings settings, int stepsRun, String stop, String stopMessage,
            SuggestionsSummary suggestions) {
    }

    /**
     * What was chosen and why.
     *
     * @param method {@code valley}, {@code cyclic} (range test suggestions) or {@code given}
     * @param lr the rate the policy is built on (1cycle max, cycle max, cosine start, constant rate, alpha_0)
     * @param baseLr the cycle's low end for the cyclic policy, else null
     * @param reason one line: what, for which policy, on what grounds
     * @param schedule the schedule trained with, as a spec with every parameter, e.g.
     *     {@code onecycle:max=0.026,steps=135,pct=0.3,...}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Choice(String method, double lr, Double baseLr, String reason, String schedule) {
    }

    /**
     * How one training ended.
     *
     * @param factor the multiple of the chosen rate (1 for the chosen rate)
     * @param lr the chosen rate times the factor
     * @param stepsRun steps trained
     * @param lastLoss the last batch loss, or null when no step ran
     * @param initialValLoss the validation loss before training, or null without validation rows
     * @param finalValLoss the validation loss after the last step, or null when the run stopped before it
     * @param finalValAccuracy the validation accuracy there, or null (not a classifier, or no final validation)
     * @param stopped why it stopped early, or null when it completed
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Outcome(double factor, double lr, long stepsRun, Double lastLoss, Double initialValLoss,
            Double finalValLoss, Double finalValAccuracy, String stopped) {
    }
}
