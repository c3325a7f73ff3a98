package dev.lrlab.experiment;

import dev.lrlab.report.summary.JsonValues;
import dev.lrlab.report.summary.SuggestionsSummary;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link LrSuggester} found: the suggestions in the order valley, slide, minimum, steep (those that
 * could be computed), the name of the default one, the cyclical bounds, and, when there are no
 * suggestions, the reason in plain words.
 *
 * @param all the suggestions, possibly empty
 * @param defaultName the method whose rate is recommended, e.g. {@code valley}
 * @param cyclicBounds the cyclical schedule bounds, or null when there are no suggestions
 * @param reason why there are no suggestions, e.g.
 *               {@code only 7 points after skipping the first 3 and last 5; run more steps};
 *               empty when there are suggestions
 */
public record Suggestions(List<Suggestion> all, String defaultName, CyclicBounds cyclicBounds, String reason) {

    /** Copies the list. */
    public Suggestions {
        all = List.copyOf(all);
        Objects.requireNonNull(defaultName, "defaultName");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param defaultName the method that would have been recommended
     * @param reason why there are none, in plain words
     * @return a result without suggestions
     */
    public static Suggestions none(String defaultName, String reason) {
        return new Suggestions(List.of(), defaultName, null, reason);
    }

    /** @return true when nothing could be suggested; see {@link #reason()} */
    public boolean isEmpty() {
        return all.isEmpty();
    }

    /**
     * @param name a method name
     * @return that method's suggestion, if it was computed
     */
    public Optional<Suggestion> get(String name) {
        return all.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** @return the recommended suggestion, if it was computed */
    public Optional<Suggestion> recommended() {
        return get(defaultName);
    }

    /** @return the cyclical bounds, if there are suggestions */
    public Optional<CyclicBounds> cyclic() {
        return Optional.ofNullable(cyclicBounds);
    }

    /**
     * @return the suggestions as a summary's {@code suggestions} object: {@code default}, {@code reason} (only when
     *     empty), one entry per computed rule with {@code lr, index, loss} (and {@code note} when it has one), then
     *     {@code cyclic} with {@code base_lr, max_lr, index, loss}
     */
    public SuggestionsSummary toSummary() {
        return new SuggestionsSummary(defaultName, isEmpty() ? reason : null, rule(LrSuggester.VALLEY), rule(LrSuggester.SLIDE),
                rule(LrSuggester.MINIMUM), rule(LrSuggester.STEEP), cyclicBounds == null ? null : new SuggestionsSummary.Cyclic(
                        cyclicBounds.baseLr(), cyclicBounds.maxLr(), cyclicBounds.index(), cyclicBounds.loss()));
    }

    /** @return {@link #toSummary()} as an ordered map, keys as in the JSON */
    public Map<String, Object> toMap() {
        return JsonValues.toMap(toSummary());
    }

    private SuggestionsSummary.Rule rule(String name) {
        return get(name).map(s -> new SuggestionsSummary.Rule(s.lr(), s.index(), s.loss(), s.note().isEmpty() ? null
                : s.note())).orElse(null);
    }
}
