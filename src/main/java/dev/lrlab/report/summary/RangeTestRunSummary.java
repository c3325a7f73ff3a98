package dev.lrlab.report.summary;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.lrlab.report.Provenance;
import java.nio.file.Path;
import java.util.Map;

/**
 * A range test's summary.
 *
 * @param head kind {@code range-test}, model, data, ...
 * @param settings the run's and the sweep's settings
 * @param compileSettings the loss and optimizer settings with where each came from ({@code {value, source}}), the
 *     model's learning rate, its saved compile settings and notes; free-form
 * @param stepsRun points in the curve
 * @param stop {@code completed}, {@code diverged}, {@code loss_exploded} or {@code interrupted}
 * @param stopMessage why it stopped, in one line
 * @param interrupted whether Ctrl-C, SIGTERM or a listener stopped it
 * @param bestSmoothedLoss the lowest finite smoothed loss, or null when none
 * @param bestSmoothedLossLr the rate there, or null
 * @param suggestions the suggested rates
 * @param wallTimeS seconds the sweep took
 * @param stepsPerSecond steps per second
 * @param provenance where the result came from
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RangeTestRunSummary(
        @JsonUnwrapped SummaryHead head,
        Settings settings,
        Map<String, Object> compileSettings,
        int stepsRun,
        String stop,
        String stopMessage,
        boolean interrupted,
        Double bestSmoothedLoss,
        Double bestSmoothedLossLr,
        SuggestionsSummary suggestions,
        double wallTimeS,
        double stepsPerSecond,
        Provenance provenance) implements RunSummary {

    /** The value of {@code kind}. */
    public static final String KIND = "range-test";

    /** Normalises the free-form compile settings, see {@link JsonValues}. */
    public RangeTestRunSummary {
        compileSettings = JsonValues.normalizeMap(compileSettings);
    }

    /**
     * @param file a range test's {@code summary.json}
     * @return the summary
     * @throws dev.lrlab.LrlabException (DATA) when it cannot be read, see {@link Summaries#read}
     */
    public static RangeTestRunSummary read(Path file) {
        return Summaries.read(file, RangeTestRunSummary.class, KIND);
    }

    /**
     * The settings of a range test.
     *
     * @param optimizer the optimizer, e.g. {@code sgd}
     * @param weightDecay decoupled weight decay
     * @param batchSize rows per step
     * @param seed seed of the split and batch order
     * @param valFraction fraction of rows held out
     * @param shuffle whether the batch order is shuffled every epoch
     * @param prefetch whether batches were copied ahead on a background thread (speed only)
     * @param startLr the first rate
     * @param endLr the last rate
     * @param steps the steps asked for
     * @param mode {@code exp} or {@code linear}
     * @param smoothing the loss smoothing factor
     * @param divergeFactor stop when the smoothed loss exceeds this times the best
     * @param divergenceGrace steps before divergence is checked (from smoothing and steps)
     * @param stopOnDivergence whether the sweep stops on divergence
     * @param valEvery validate every this many steps, 0 for never
     * @param momentum the momentum
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Settings(String optimizer, double weightDecay, int batchSize, long seed, double valFraction,
            boolean shuffle, boolean prefetch, double startLr, double endLr, int steps, String mode, double smoothing,
            double divergeFactor, int divergenceGrace, boolean stopOnDivergence, int valEvery, double momentum) {
    }
}
