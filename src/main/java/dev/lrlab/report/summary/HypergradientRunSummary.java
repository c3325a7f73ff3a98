package dev.lrlab.report.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.lrlab.report.Provenance;
import java.nio.file.Path;
import java.util.Map;

/**
 * A hypergradient run's summary.
 *
 * @param head kind {@code hypergradient}, model, data, ...
 * @param optimizer the adaptive optimizer, e.g. {@code sgd-hd}
 * @param alpha0 the initial rate
 * @param beta the hypergradient step size
 * @param multiplicative whether the rate is updated multiplicatively
 * @param compileSettings the adaptive run's loss and optimizer settings; free-form
 * @param adaptive the adaptive run
 * @param baseline the same optimizer at the fixed rate alpha0; omitted when not run
 * @param wallSeconds seconds both runs took
 * @param provenance where the result came from
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HypergradientRunSummary(
        @JsonUnwrapped SummaryHead head,
        String optimizer,
        double alpha0,
        double beta,
        boolean multiplicative,
        Map<String, Object> compileSettings,
        Outcome adaptive,
        @JsonInclude(JsonInclude.Include.NON_NULL) Outcome baseline,
        double wallSeconds,
        Provenance provenance) implements RunSummary {

    /** The value of {@code kind}. */
    public static final String KIND = "hypergradient";

    /** Normalises the free-form compile settings, see {@link JsonValues}. */
    public HypergradientRunSummary {
        compileSettings = JsonValues.normalizeMap(compileSettings);
    }

    /**
     * @param file a hypergradient run's {@code summary.json}
     * @return the summary
     * @throws dev.lrlab.LrlabException (DATA) when it cannot be read, see {@link Summaries#read}
     */
    public static HypergradientRunSummary read(Path file) {
        return Summaries.read(file, HypergradientRunSummary.class, KIND);
    }

    /**
     * One of the runs.
     *
     * @param steps steps run
     * @param finalLr the last rate, or null when no step ran
     * @param lastLoss the last batch loss, or null when no step ran
     * @param valLoss the last validation loss; omitted without validation
     * @param valStep the step it was measured after; omitted without validation
     * @param stopped why the run stopped early; omitted when it completed
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Outcome(long steps, Double finalLr, Double lastLoss,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double valLoss,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long valStep,
            @JsonInclude(JsonInclude.Include.NON_NULL) String stopped) {
    }
}
