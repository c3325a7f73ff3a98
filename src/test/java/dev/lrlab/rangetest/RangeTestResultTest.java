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
        RangeTestResult result = RangeTestResult.builder().setLr(lr).setLoss(new double[] {3, 4})
                .setSmoothedLoss(new double[] {3, 3.5}).optValLoss(new double[] {Double.NaN, 1})
                .optValAccuracy(new double[] {Double.NaN, Double.NaN}).setSuggestions(NONE).optWallTime(Duration.ofSeconds(4))
                .build();
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
        RangeTestResult result = RangeTestResult.builder().setLr(new double[] {1}).setLoss(new double[] {3})
                .setSmoothedLoss(new double[] {3}).setSuggestions(NONE).optStop(stop).build();
        assertTrue(result.interrupted());
        assertEquals("interrupted by SIGINT before step 1", result.stopDescription());
        assertTrue(Double.isNaN(result.stepsPerSecond()));
    }

    @Test
    void unmeasuredValidationIsNaNAndEqualResultsAreEqual() {
        RangeTestResult result = result(NONE);
        assertTrue(Double.isNaN(result.valLoss()[0]));
        assertTrue(Double.isNaN(result.valAccuracy()[0]));
        assertEquals(Optional.empty(), result.stop());
        assertEquals(result(NONE), result, "equal curves, suggestions and wall time");
        assertEquals(result(NONE).hashCode(), result.hashCode());
    }

    @Test
    void columnsOfDifferentLengthsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RangeTestResult.builder()
                .setLr(new double[] {1, 2}).setLoss(new double[] {3}).setSmoothedLoss(new double[] {3, 3})
                .setSuggestions(NONE).build());
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
        return RangeTestResult.builder().setLr(new double[] {1}).setLoss(new double[] {1}).setSmoothedLoss(new double[] {1})
                .setSuggestions(suggestions).optWallTime(Duration.ofSeconds(1)).build();
    }
}
