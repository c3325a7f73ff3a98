package dev.lrlab.report.summary;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.lrlab.report.Provenance;
import java.nio.file.Path;
import java.util.Map;

/**
 * A training run's summary.
 *
 * @param head kind {@code train}, model, data, ...
 * @param settings the run's settings
 * @param compileSettings the loss and optimizer settings with where each came from; free-form, as in
 *     {@link RangeTestRunSummary#compileSettings()}
 * @param stepsRun steps trained
 * @param lastLoss the last batch loss, or null when no step ran
 * @param initialValLoss the validation loss before training, or null without validation
 * @param finalValLoss the last validation loss, or null
 * @param finalValStep the step it was measured after, or null
 * @param stopped why the run stopped early, or null when it completed
 * @param provenance where the result came from
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrainRunSummary(
        @JsonUnwrapped SummaryHead head,
        Settings settings,
        Map<String, Object> compileSettings,
        long stepsRun,
        Double lastLoss,
        Double initialValLoss,
        Double finalValLoss,
        Long finalValStep,
        String stopped,
        Provenance provenance) implements RunSummary {

    /** The value of {@code kind}. */
    public static final String KIND = "train";

    /** Normalises the free-form compile settings, see {@link JsonValues}. */
    public TrainRunSummary {
        compileSettings = JsonValues.normalizeMap(compileSettings);
    }

    /**
     * @param file a training run's {@code summary.json} (or {@code NAME.summary.json})
     * @return the summary
     * @throws dev.lrlab.LrlabException (DATA) when it cannot be read, see {@link Summaries#read}
     */
    public static TrainRunSummary read(Path file) {
        return Summaries.read(file, TrainRunSummary.class, KIND);
    }

    /**
     * The settings of a training run.
     *
     * @param optimizer the optimizer, e.g. {@code sgd}
     * @param weightDecay decoupled weight decay
     * @param batchSize rows per step
     * @param seed seed of the split and batch order
     * @param valFraction fraction of rows held out
     * @param steps steps asked for
     * @param schedule the rate schedule as a spec, e.g. {@code constant:lr=0.01}
     * @param momentum the momentum
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Settings(String optimizer, double weightDecay, int batchSize, long seed, double valFraction, long steps,
            String schedule, double momentum) {
    }
}
