package dev.lrlab.suggest;

import dev.lrlab.report.summary.JsonValues;
import dev.lrlab.report.summary.SuggestionsSummary;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link LrSuggester} found: the suggestions in the order valley, slide, minimum, steep (those that
 * could be computed), the default method, the cyclical bounds, and, when there are no
 * suggestions, the reason in plain words.
 *
 * @param all the suggestions, possibly empty
 * @param defaultMethod the method whose rate is recommended, {@link SuggestionMethod#VALLEY} unless the
 *                      suggester was built with another
 * @param cyclicBounds the cyclical schedule bounds, or null when there are no suggestions
 * @param reason why there are no suggestions, e.g.
 *               {@code only 7 points after skipping the first 3 and last 5; run more steps};
 *               empty when there are suggestions
 */
public record Suggestions(List<Suggestion> all, SuggestionMethod defaultMethod, CyclicBounds cyclicBounds, String reason) {

    /** Copies the list. */
    public Suggestions {
        all = List.copyOf(all);
        Objects.requireNonNull(defaultMethod, "defaultMethod");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param defaultMethod the method that would have been recommended
     * @param reason why there are none, in plain words
     * @return a result without suggestions
     */
    public static Suggestions none(SuggestionMethod defaultMethod, String reason) {
        return new Suggestions(List.of(), defaultMethod, null, reason);
    }

    /** @return the name of the default method, e.g. {@code valley} */
    public String defaultName() {
        return defaultMethod.methodName();
    }

    /** @return true when nothing could be suggested; see {@link #reason()} */
    public boolean isEmpty() {
        return all.isEmpty();
    }

    /**
     * @param method a method
     * @return that method's suggestion, if it was computed ({@code slide} needs 16 points after trimming)
     */
    public Optional<Suggestion> get(SuggestionMethod method) {
        return all.stream().filter(s -> s.method() == method).findFirst();
    }

    /** @return the recommended suggestion, the default method's, if it was computed */
    public Optional<Suggestion> recommended() {
        return get(defaultMethod);
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
        return new SuggestionsSummary(defaultName(), isEmpty() ? reason : null, rule(SuggestionMethod.VALLEY),
                rule(SuggestionMethod.SLIDE), rule(SuggestionMethod.MINIMUM), rule(SuggestionMethod.STEEP), cyclicBounds == null ? null : new SuggestionsSummary.Cyclic(
                        cyclicBounds.baseLr(), cyclicBounds.maxLr(), cyclicBounds.index(), cyclicBounds.loss()));
    }

    /** @return {@link #toSummary()} as an ordered map, keys as in the JSON */
    public Map<String, Object> toMap() {
        return JsonValues.toMap(toSummary());
    }

    private SuggestionsSummary.Rule rule(SuggestionMethod method) {
        return get(method).map(s -> new SuggestionsSummary.Rule(s.lr(), s.index(), s.loss(), s.note().isEmpty() ? null
                : s.note())).orElse(null);
    }
}
