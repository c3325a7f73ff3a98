package dev.lrlab.search;

import dev.lrlab.rangetest.RangeTestSummary;
import dev.lrlab.report.summary.JsonValues;
import dev.lrlab.report.summary.SearchRunSummary;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How a searched rate compares with a range test's suggestion.
 *
 * @param file the range test's summary
 * @param method the suggestion compared with, e.g. {@code valley}
 * @param suggestedLr the range test's rate
 * @param searchedLr the search's best rate
 */
public record RangeTestComparison(Path file, String method, double suggestedLr, double searchedLr) {
    /** Checks the names are present. */
    public RangeTestComparison {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(method, "method");
    }

    /**
     * @param summary a range test's suggestions
     * @param searchedLr the search's best rate
     * @return the comparison with the range test's recommended rule
     * @throws dev.lrlab.LrlabException (DATA) when the summary lacks the recommended rule or its rate
     */
    public static RangeTestComparison of(RangeTestSummary summary, double searchedLr) {
        String method = summary.recommendedName();
        return new RangeTestComparison(summary.file(), method, summary.suggestedLr(method), searchedLr);
    }

    /** @return {@code searchedLr / suggestedLr} */
    public double ratio() {
        return searchedLr / suggestedLr;
    }

    /** @return {@code log10(searchedLr / suggestedLr)}: positive when the search chose a higher rate */
    public double decades() {
        return Math.log10(ratio());
    }

    /** @return whether the two rates are at most one decade apart */
    public boolean withinOneDecade() {
        return Math.abs(decades()) <= 1;
    }

    /** @return the comparison as a search summary's {@code range_test} object */
    public SearchRunSummary.RangeTest toSummary() {
        return new SearchRunSummary.RangeTest(file.toString(), method, suggestedLr, searchedLr, ratio(), decades());
    }

    /** @return {@link #toSummary()} as an ordered map: file, method, suggested_lr, searched_lr, ratio, decades */
    public Map<String, Object> toMap() {
        return JsonValues.toMap(toSummary());
    }
}
