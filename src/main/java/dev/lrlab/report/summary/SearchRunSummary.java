package dev.lrlab.report.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.lrlab.report.Provenance;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A coarse-to-fine search's summary. The search's settings are in {@code provenance.settings}.
 *
 * @param head kind {@code search}, model, data, ...
 * @param metric what ranked the trials, e.g. {@code final-loss}
 * @param best the best trial, or null when every trial diverged
 * @param trials trials run
 * @param diverged trials that diverged
 * @param stages trials per stage, by stage name, in stage order
 * @param interrupted why the search stopped early, or null
 * @param compileSettings the trials' loss and optimizer settings; free-form; omitted when no trial started
 * @param rangeTest the comparison with a range test's suggestion; omitted when none was given
 * @param provenance where the result came from
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SearchRunSummary(
        @JsonUnwrapped SummaryHead head,
        String metric,
        Trial best,
        int trials,
        long diverged,
        Map<String, Integer> stages,
        String interrupted,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> compileSettings,
        @JsonInclude(JsonInclude.Include.NON_NULL) RangeTest rangeTest,
        Provenance provenance) implements RunSummary {

    /** The value of {@code kind}. */
    public static final String KIND = "search";

    /** Copies the stages in order and normalises the free-form compile settings. */
    public SearchRunSummary {
        stages = stages == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(stages));
        compileSettings = JsonValues.normalizeMap(compileSettings);
    }

    /**
     * @param file a search's {@code summary.json}
     * @return the summary
     * @throws dev.lrlab.LrlabException (DATA) when it cannot be read, see {@link Summaries#read}
     */
    public static SearchRunSummary read(Path file) {
        return Summaries.read(file, SearchRunSummary.class, KIND);
    }

    /**
     * A trial.
     *
     * @param lr its rate
     * @param stage {@code coarse}, {@code fine} or {@code third}
     * @param finalLoss the final smoothed training loss
     * @param bestLoss the lowest smoothed training loss
     * @param valLoss the validation loss, or null when not measured
     * @param steps steps run
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Trial(double lr, String stage, double finalLoss, double bestLoss, Double valLoss, long steps) {
    }

    /**
     * The search's best rate against a range test's suggestion.
     *
     * @param file the range test's summary
     * @param method its recommended rule
     * @param suggestedLr that rule's rate
     * @param searchedLr the search's best rate
     * @param ratio searched / suggested
     * @param decades log10 of the ratio
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RangeTest(String file, String method, double suggestedLr, double searchedLr, double ratio,
            double decades) {
    }
}
