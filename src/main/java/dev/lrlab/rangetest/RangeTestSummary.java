package dev.lrlab.rangetest;

import dev.lrlab.LrlabException;
import dev.lrlab.report.summary.RangeTestRunSummary;
import dev.lrlab.report.summary.SuggestionsSummary;
import dev.lrlab.suggest.Suggestions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The suggestions of a range test, read back from its {@code summary.json} by {@link RangeTestRunSummary#read}:
 * the object under the top-level key {@code suggestions}, laid out as {@link Suggestions#toSummary()} writes it, e.g.
 * <pre>{@code
 * "suggestions": {
 *   "default": "valley",
 *   "valley": {"lr": 0.0031, "index": 57, "loss": 0.82},
 *   ...
 *   "cyclic": {"base_lr": 0.0025, "max_lr": 0.01, "index": 71, "loss": 0.61}
 * }
 * }</pre>
 * Only what is asked for must be present; a missing or non-positive value is an error naming the file and the
 * dotted key, with the range test's own reason when it made no suggestions.
 *
 * @param file the file read
 * @param suggestions the {@code suggestions} object
 */
public record RangeTestSummary(Path file, SuggestionsSummary suggestions) {
    /** The top-level key that holds the suggestions. */
    public static final String KEY = "suggestions";

    /** Checks both parts are present. */
    public RangeTestSummary {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(suggestions, "suggestions");
    }

    /**
     * @param file a range test's {@code summary.json}
     * @return its suggestions
     * @throws LrlabException (DATA) when the file is missing, is not JSON, is another run's summary, or has no
     *     {@code suggestions} object
     */
    public static RangeTestSummary read(Path file) {
        SuggestionsSummary suggestions = RangeTestRunSummary.read(file).suggestions();
        if (suggestions == null) {
            throw LrlabException.data(file + ": missing key '" + KEY + "'; pass the summary.json a range test wrote");
        }
        return new RangeTestSummary(file, suggestions);
    }

    /**
     * @return the cyclical bounds as schedule-spec defaults: {@code base} from {@code cyclic.base_lr},
     *         {@code max} from {@code cyclic.max_lr}
     * @throws LrlabException (DATA) when either is missing
     */
    public Map<String, Double> cyclicDefaults() {
        SuggestionsSummary.Cyclic cyclic = suggestions.cyclic();
        Map<String, Double> defaults = new LinkedHashMap<>();
        defaults.put("base", rate("cyclic.base_lr", cyclic == null ? null : cyclic.baseLr()));
        defaults.put("max", rate("cyclic.max_lr", cyclic == null ? null : cyclic.maxLr()));
        return defaults;
    }

    /**
     * @return the name of the recommended rule, {@code suggestions.default}, e.g. {@code valley}
     * @throws LrlabException (DATA) when it is missing
     */
    public String recommendedName() {
        if (suggestions.defaultName() == null) {
            throw missing("default");
        }
        return suggestions.defaultName();
    }

    /**
     * @param name a rule, e.g. {@code valley}
     * @return its suggested rate, {@code suggestions.<name>.lr}
     * @throws LrlabException (DATA) when it is missing or not a positive finite number
     */
    public double suggestedLr(String name) {
        SuggestionsSummary.Rule rule = suggestions.rule(name);
        return rate(name + ".lr", rule == null ? null : rule.lr());
    }

    private double rate(String dotted, Double value) {
        if (value == null) {
            throw missing(dotted);
        }
        if (!(value > 0) || value.isInfinite()) {
            throw LrlabException.data(file + ": key '" + KEY + "." + dotted + "' expected a positive learning rate, found "
                    + value);
        }
        return value;
    }

    private LrlabException missing(String dotted) {
        String reason = suggestions.reason();
        String why = reason != null ? " (the range test made no suggestions: " + reason + ")" : "";
        return LrlabException.data(file + ": missing key '" + KEY + "." + dotted + "'" + why
                + "; rerun the range test or give the rates explicitly");
    }
}
