package dev.lrlab.rangetest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.run.StopReason;
import dev.lrlab.suggest.Suggestion;
import dev.lrlab.suggest.SuggestionMethod;
import dev.lrlab.suggest.Suggestions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RangeTestResultTest {
    private static final Suggestions NONE = Suggestions.none(SuggestionMethod.VALLEY, "too few");

    @Test
    void arraysAreCopiedInAndOut() {
        double[] lr = {1, 2};
        RangeTestResult result = new RangeTestResult(lr, new double[] {3, 4}, new double[] {3, 3.5},
                new double[] {Double.NaN, 1}, new double[] {Double.NaN, Double.NaN}, NONE, Optional.empty(), Duration.ofSeconds(4));
        lr[0] = 99;
        result.lr()[1] = 99;
        assertEquals(1, result.lr()[0]);
        assertEquals(2, result.lr()[1]);
        assertEquals(2, result.stepsRun());
        assertEquals(0.5, result.stepsPerSecond());
        assertFalse(result.interrupted());
        assertEquals("ran every step", result.stopDescription());
    }

    @Test
    void anInterruptionIsReportedAsSuch() {
        StopReason stop = new StopReason(StopReason.Kind.INTERRUPTED, 1, 2, "interrupted by SIGINT before step 1");
        RangeTestResult result = new RangeTestResult(new double[] {1}, new double[] {3}, new double[] {3},
                new double[] {Double.NaN}, new double[] {Double.NaN}, NONE, Optional.of(stop), Duration.ZERO);
        assertTrue(result.interrupted());
        assertEquals("interrupted by SIGINT before step 1", result.stopDescription());
        assertTrue(Double.isNaN(result.stepsPerSecond()));
    }

    @Test
    void columnsOfDifferentLengthsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RangeTestResult(new double[] {1, 2},
                new double[] {3}, new double[] {3, 3}, new double[2], new double[2], NONE, Optional.empty(), Duration.ZERO));
        assertEquals("expected 2 values per column, found 1", e.getMessage());
    }

    @Test
    void suggestedLrIsTheRecommendedRateOrAnErrorThatSaysWhyThereIsNone() {
        Suggestions some = new Suggestions(java.util.List.of(new Suggestion(SuggestionMethod.VALLEY, 3e-3, 42, 0.8),
                new Suggestion(SuggestionMethod.STEEP, 1e-3, 30, 1.1)), SuggestionMethod.VALLEY, null, "");
        assertEquals(3e-3, result(some).suggestedLr());
        assertEquals(1e-3, result(new Suggestions(some.all(), SuggestionMethod.STEEP, null, "")).suggestedLr());

        dev.lrlab.LrlabException none = assertThrows(dev.lrlab.LrlabException.class, () -> result(Suggestions.none(
                SuggestionMethod.VALLEY, "only 7 points after skipping the first 0 and last 5; run more steps")).suggestedLr());
        assertEquals("the range test suggested no learning rate (valley): only 7 points after skipping the first 0 and "
                + "last 5; run more steps", none.getMessage());
        assertEquals(dev.lrlab.LrlabException.Kind.DATA, none.kind());

        dev.lrlab.LrlabException noSlide = assertThrows(dev.lrlab.LrlabException.class,
                () -> result(new Suggestions(some.all(), SuggestionMethod.SLIDE, null, "")).suggestedLr());
        assertEquals("the range test suggested no learning rate (slide): the curve was too short for it; run more steps "
                + "or ask another method", noSlide.getMessage());
    }

    private static RangeTestResult result(Suggestions suggestions) {
        return new RangeTestResult(new double[] {1}, new double[] {1}, new double[] {1}, new double[] {Double.NaN},
                new double[] {Double.NaN}, suggestions, Optional.empty(), Duration.ofSeconds(1));
    }
}
