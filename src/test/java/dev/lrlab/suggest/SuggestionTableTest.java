package dev.lrlab.suggest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SuggestionTableTest {
    @Test
    void alignedTableWithDefaultMarked() {
        Suggestions s = new Suggestions(List.of(
                new Suggestion(SuggestionMethod.VALLEY, 0.0031622776601683794, 42, 0.81234),
                new Suggestion(SuggestionMethod.SLIDE, 0.005011872336272725, 47, 0.70041),
                new Suggestion(SuggestionMethod.MINIMUM, 0.01, 60, 0.531),
                new Suggestion(SuggestionMethod.STEEP, 0.0012589254117941675, 35, 1.10245)),
                SuggestionMethod.VALLEY, new CyclicBounds(0.025, 0.1, 60, 0.531), "");
        assertEquals(""
                + "  method       lr        loss    index\n"
                + "* valley       3.16e-03  0.8123  42\n"
                + "  slide        5.01e-03  0.7004  47\n"
                + "  minimum      1.00e-02  0.5310  60\n"
                + "  steep        1.26e-03  1.102   35\n"
                + "  cyclic max   1.00e-01  0.5310  60\n"
                + "  cyclic base  2.50e-02\n", SuggestionTable.format(s));
    }

    @Test
    void aNoteFollowsTheTable() {
        Suggestions s = new Suggestions(List.of(new Suggestion(SuggestionMethod.VALLEY, 2e-3, 12, 1.5),
                new Suggestion(SuggestionMethod.MINIMUM, 1e-3, 14, 1.0, "clamped to the first rate of the curve, 1.00e-03")),
                SuggestionMethod.VALLEY, null, "");
        assertEquals(""
                + "  method   lr        loss   index\n"
                + "* valley   2.00e-03  1.500  12\n"
                + "  minimum  1.00e-03  1.000  14\n"
                + "minimum: clamped to the first rate of the curve, 1.00e-03\n", SuggestionTable.format(s));
    }

    @Test
    void ignoresDefaultLocale() {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.FRANCE);
        try {
            Suggestions s = new Suggestions(List.of(new Suggestion(SuggestionMethod.STEEP, 0.5, 1, 2.5)), SuggestionMethod.VALLEY, null, "");
            assertEquals("  method  lr        loss   index\n  steep   5.00e-01  2.500  1\n",
                    SuggestionTable.format(s));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void reasonWhenEmpty() {
        assertEquals("no suggestions: only 7 points after skipping the first 3 and last 5; run more steps\n",
                SuggestionTable.format(Suggestions.none(SuggestionMethod.VALLEY,
                        "only 7 points after skipping the first 3 and last 5; run more steps")));
    }
}
