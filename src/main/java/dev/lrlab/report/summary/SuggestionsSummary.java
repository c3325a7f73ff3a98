package dev.lrlab.report.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A range test's suggested rates, the {@code suggestions} object of its summary. A rule that could not be computed
 * is omitted, as is {@code reason} when there are suggestions.
 *
 * @param defaultName the recommended rule, written as {@code default}, e.g. {@code valley}
 * @param reason why there are no suggestions; omitted when there are
 * @param valley the valley rule's rate
 * @param slide the slide rule's rate
 * @param minimum the minimum / 10 rule's rate
 * @param steep the steepest-descent rule's rate
 * @param cyclic bounds for a cyclical schedule
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SuggestionsSummary(
        @JsonProperty("default") String defaultName,
        String reason,
        Rule valley,
        Rule slide,
        Rule minimum,
        Rule steep,
        Cyclic cyclic) {

    /**
     * @param name a rule: {@code valley}, {@code slide}, {@code minimum} or {@code steep}
     * @return its suggestion, or null when it was not computed or the name is not a rule
     */
    public Rule rule(String name) {
        return switch (name) {
            case "valley" -> valley;
            case "slide" -> slide;
            case "minimum" -> minimum;
            case "steep" -> steep;
            default -> null;
        };
    }

    /**
     * One rule's suggestion.
     *
     * @param lr the suggested rate
     * @param index the curve point it was read at
     * @param loss the smoothed loss there
     * @param note a remark about the suggestion; omitted when none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Rule(Double lr, Integer index, Double loss, String note) {
    }

    /**
     * Cyclical schedule bounds.
     *
     * @param baseLr the lower rate
     * @param maxLr the upper rate
     * @param index the curve point of the upper rate
     * @param loss the smoothed loss there
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Cyclic(Double baseLr, Double maxLr, Integer index, Double loss) {
    }
}
