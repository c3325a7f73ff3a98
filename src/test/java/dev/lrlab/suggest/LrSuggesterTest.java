package dev.lrlab.suggest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LrSuggesterTest {
    /** No trimming, so that the indexes in the comments are the array indexes. */
    private static final LrSuggester UNTRIMMED = LrSuggester.builder().optSkipStart(0).optSkipEnd(0).build();

    /** lr[i] = 10^(start + step * i). */
    private static double[] geometric(int n, double start, double step) {
        double[] lr = new double[n];
        for (int i = 0; i < n; i++) {
            lr[i] = Math.pow(10, start + step * i);
        }
        return lr;
    }

    private static Suggestion get(Suggestions s, String name) {
        return s.get(SuggestionMethod.fromName(name)).orElseThrow(() -> new AssertionError("no " + name + " in " + s));
    }

    @Test
    void vShapedCurveInLogLr() {
        // lr = 1e-6 .. 1 in quarter decades, loss = 1 + |log10 lr + 3|: lowest at i = 12, lr = 1e-3.
        double[] lr = geometric(25, -6, 0.25);
        double[] loss = new double[25];
        for (int i = 0; i < 25; i++) {
            loss[i] = 1 + Math.abs(Math.log10(lr[i]) + 3);
        }
        Suggestions s = UNTRIMMED.suggest(lr, loss);
        // minimum: lr at the lowest loss / 10
        assertEquals(12, get(s, "minimum").index());
        assertEquals(1e-4, get(s, "minimum").lr(), 1e-18);
        assertEquals(1.0, get(s, "minimum").loss(), 1e-12);
        // valley: i = 0..12 strictly decreasing, lds[12] = 13 is the longest run (the right arm is
        // shorter); start = 12 - 13 = -1; sections = 13/3 = 4.33; idx = -1 + 4 + int(2.17) = 5
        assertEquals(5, get(s, "valley").index());
        assertEquals(Math.pow(10, -4.75), get(s, "valley").lr(), 1e-18);
        // cyclic: max a decade below the lowest point, base a quarter of it
        CyclicBounds b = s.cyclic().orElseThrow();
        assertEquals(1e-4, b.maxLr(), 1e-18);
        assertEquals(2.5e-5, b.baseLr(), 1e-18);
        assertEquals(12, b.index());
        // slide: 25 points > lr_diff 15, so it is computed
        assertTrue(s.get(SuggestionMethod.SLIDE).isPresent());
    }

    @Test
    void minimumIsNeverBelowTheFirstRate() {
        // lr = 1e-3 .. 10^-0.25 in quarter decades; the lowest loss is at i = 2, lr = 10^-2.5 = 3.162e-3, whose
        // tenth (3.162e-4) lies below the first rate 1e-3: minimum is clamped to 1e-3 and says so
        double[] lr = geometric(12, -3, 0.25);
        double[] loss = {3, 2, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5};
        Suggestion clamped = get(UNTRIMMED.suggest(lr, loss), "minimum");
        assertEquals(1e-3, clamped.lr(), 1e-18);
        assertEquals(2, clamped.index());
        assertEquals(1.0, clamped.loss());
        assertEquals("clamped to the first rate of the curve, 1.00e-03: a tenth of the rate at the lowest loss "
                + "(3.16e-03) is 3.16e-04, a rate the sweep never applied", clamped.note());
        // the cyclic bounds are not clamped: max is still a tenth of the lowest point's rate
        assertEquals(Math.pow(10, -3.5), UNTRIMMED.suggest(lr, loss).cyclic().orElseThrow().maxLr(), 1e-18);
        // lowest at i = 5, lr = 10^-1.75 = 1.778e-2: its tenth, 1.778e-3, is above 1e-3 and stays, without a note
        double[] later = {3, 2.8, 2.6, 2.4, 2.2, 1, 1.5, 2, 2.5, 3, 3.5, 4};
        Suggestion kept = get(UNTRIMMED.suggest(lr, later), "minimum");
        assertEquals(Math.pow(10, -2.75), kept.lr(), 1e-18);
        assertEquals("", kept.note());
    }

    @Test
    void minimumIsClampedToTheFirstRateGivenNotTheFirstKept() {
        // 30 points from 1e-4 in tenths of a decade; the defaults skip i = 0..2 and the last 5; loss = 1 + |i - 8|
        // is lowest at i = 8, lr = 10^-3.2 = 6.3e-4: its tenth, 6.3e-5, is clamped to lr[0] = 1e-4 (the first kept
        // rate, lr[3] = 2.0e-4, is not the bound)
        double[] lr = geometric(30, -4, 0.1);
        double[] loss = new double[30];
        for (int i = 0; i < 30; i++) {
            loss[i] = 1 + Math.abs(i - 8);
        }
        Suggestion minimum = get(LrSuggester.defaults().suggest(lr, loss), "minimum");
        assertEquals(8, minimum.index());
        assertEquals(1e-4, minimum.lr(), 1e-18);
        assertTrue(minimum.note().startsWith("clamped to the first rate of the curve, 1.00e-04: "), minimum.note());
    }

    @Test
    void steepPicksStartOfSteepestFall() {
        // equal steps of 0.25 decade; the biggest drop is 2.3 -> 1.5 between i = 6 and 7
        double[] lr = geometric(14, -5, 0.25);
        double[] loss = {3, 2.95, 2.9, 2.8, 2.7, 2.5, 2.3, 1.5, 1.3, 1.2, 1.15, 1.1, 1.2, 1.6};
        Suggestion steep = get(UNTRIMMED.suggest(lr, loss), "steep");
        assertEquals(6, steep.index());
        assertEquals(Math.pow(10, -3.5), steep.lr(), 1e-18);
        assertEquals(2.3, steep.loss());
    }

    @Test
    void steepDividesByTheLogLrStep() {
        // the drop of 1.0 between i = 2 and 3 spans two decades (slope -1.0/(2 ln 10) = -0.217 per ln lr);
        // the drop of 0.3 between i = 5 and 6 spans a tenth of a decade (-0.3/(0.1 ln 10) = -1.30): steeper
        double[] lr = {1e-6, 2e-6, 4e-6, 4e-4, 5e-4, 6e-4, 6e-4 * Math.pow(10, 0.1), 1e-3, 2e-3, 3e-3};
        double[] loss = {3.0, 2.99, 2.98, 1.98, 1.97, 1.96, 1.66, 1.65, 1.64, 1.63};
        assertEquals(5, UNTRIMMED.steepIndex(lr, loss));
        assertEquals(6e-4, get(UNTRIMMED.suggest(lr, loss), "steep").lr());
    }

    @Test
    void valleyOnHandMadeCurve() {
        // lds = [1, 2, 2, 3, 4, 4, 5, 6, 5, 3, 1]: the longest decreasing run ends at i = 7 (3,2.5,2.0,1.5,1.0,0.9);
        // start = 7 - 6 = 1; sections = 6/3 = 2; idx = 1 + 2 + int(1) = 4 (fastai's valley gives 4 too)
        double[] loss = {3, 2.5, 2.7, 2.0, 1.5, 1.8, 1.0, 0.9, 1.4, 2.2, 3.0};
        assertEquals(4, LrSuggester.valleyIndex(loss));
        Suggestion valley = get(UNTRIMMED.suggest(geometric(11, -5, 0.5), loss), "valley");
        assertEquals(4, valley.index());
        assertEquals(1e-3, valley.lr(), 1e-18);
        assertEquals(1.5, valley.loss());
    }

    @Test
    void valleyOnMonotoneCurve() {
        // 12 strictly decreasing points: lds[11] = 12, start = -1, sections = 12/3 = 4, idx = -1 + 4 + 2 = 5
        double[] loss = new double[12];
        for (int i = 0; i < 12; i++) {
            loss[i] = 5 - i * 4.0 / 11;
        }
        assertEquals(5, LrSuggester.valleyIndex(loss));
        // 30 points with default trimming: first 30/10 = 3 and last 5 dropped, 22 left;
        // idx = -1 + int(22/3 = 7.33) + int(3.67) = 9 in the trimmed curve, 3 + 9 = 12 in the given one
        double[] loss30 = new double[30];
        for (int i = 0; i < 30; i++) {
            loss30[i] = 5 - i * 4.0 / 29;
        }
        Suggestion valley = get(LrSuggester.defaults().suggest(geometric(30, -6, 0.2), loss30), "valley");
        assertEquals(12, valley.index());
        assertEquals(Math.pow(10, -6 + 0.2 * 12), valley.lr(), 1e-15);
    }

    @Test
    void valleyWhoseFastaiPickWouldWrapAroundTakesTheFirstPoint() {
        // only 2.0 -> 1.0 decreases: lds[1] = 2, start = -1, sections = 2/3, idx = -1; Python would read lr[-1]
        assertEquals(0, LrSuggester.valleyIndex(new double[] {2, 1, 3, 4, 5, 6, 7, 8, 9, 10}));
    }

    @Test
    void valleyOnIncreasingCurveIsTheFirstPoint() {
        assertEquals(0, LrSuggester.valleyIndex(new double[] {1, 2, 3, 4}));
    }

    @Test
    void slideByHand() {
        // gradient (numpy.gradient) of 5,4,3,2,1,0.5,0.4,0.45,0.9,2.0:
        //   -1, -1, -1, -1, -0.75, -0.3, -0.025, 0.25, 0.775, 1.1
        // window 3, threshold 0.05, from the right: (9,6) 1.125, (8,5) 1.075, (7,4) 1.0, (6,3) 0.975,
        // (5,2) 0.7, (4,1) 0.25 all exceed it; (3,0) 0.0 does not -> pick = 1 (fastai's slide gives 1 too)
        double[] loss = {5, 4, 3, 2, 1, 0.5, 0.4, 0.45, 0.9, 2.0};
        assertArrayEquals(new double[] {-1, -1, -1, -1, -0.75, -0.3, -0.025, 0.25, 0.775, 1.1},
                LrSuggester.gradient(loss), 1e-12);
        assertEquals(1, LrSuggester.slideIndex(loss, 3, 0.05));
        LrSuggester suggester = LrSuggester.builder().optSkipStart(0).optSkipEnd(0)
                .optSlideLrDiff(3).optSlideThreshold(0.05).optSlideAdjust(2).build();
        Suggestion slide = get(suggester.suggest(geometric(10, -4, 0.5), loss), "slide");
        assertEquals(1, slide.index());
        assertEquals(2 * Math.pow(10, -3.5), slide.lr(), 1e-18);
        assertEquals(4.0, slide.loss());
    }

    @Test
    void slideStopsAtOnceOnAStraightLine() {
        // a straight line has a constant gradient, so the first window (11, 8) already passes -> pick = 8
        double[] loss = new double[12];
        for (int i = 0; i < 12; i++) {
            loss[i] = 3 - i * 2.0 / 11;
        }
        assertEquals(8, LrSuggester.slideIndex(loss, 3, 0.05));
    }

    @Test
    void slideNeedsMoreThanLrDiffPoints() {
        Suggestions s = UNTRIMMED.suggest(geometric(15, -5, 0.2), new double[] {
            9, 8, 7, 6, 5, 4, 3, 2, 1, 1.5, 2, 3, 4, 5, 6});
        assertFalse(s.get(SuggestionMethod.SLIDE).isPresent());
        assertEquals(List.of("valley", "minimum", "steep"), s.all().stream().map(Suggestion::name).toList());
    }

    @Test
    void realisticCurveAgreesWithFastai() {
        // 60 rates from 1e-6 to 1; loss = 2.3 - 1.8 / (1 + exp(-2.5 (log10 lr + 3.5))) + 1.5 (log10 lr + 1.5)^2
        // beyond log10 lr = -1.5; smoothed with beta 0.98. fastai's valley/slide/steep/minimum (copied into
        // numpy) on lrs[6:-5], losses[6:-5] of the same arrays give trimmed indexes 21, 20, 24, 45,
        // i.e. 27, 26, 30, 51 in the full arrays.
        int n = 60;
        double[] lr = new double[n];
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            lr[i] = 1e-6 * Math.pow(10, 6.0 * i / (n - 1));
            double x = Math.log10(lr[i]);
            raw[i] = 2.3 - 1.8 / (1 + Math.exp(-(x + 3.5) * 2.5)) + (x < -1.5 ? 0 : (x + 1.5) * (x + 1.5) * 1.5);
        }
        Suggestions s = LrSuggester.defaults().suggest(lr, LossSmoother.smooth(raw, 0.98));
        assertEquals(27, get(s, "valley").index());
        assertEquals(0.0005568813990945267, get(s, "valley").lr(), 1e-15);
        assertEquals(26, get(s, "slide").index());
        assertEquals(0.0004406236427773573, get(s, "slide").lr(), 1e-15);
        assertEquals(30, get(s, "steep").index());
        assertEquals(0.0011242100350620863, get(s, "steep").lr(), 1e-15);
        assertEquals(51, get(s, "minimum").index());
        assertEquals(0.015361749466718297, get(s, "minimum").lr(), 1e-15);
        assertEquals("valley", s.recommended().orElseThrow().name());
    }

    @Test
    void tooFewPointsGivesAReason() {
        LrSuggester suggester = LrSuggester.builder().optSkipStart(3).build();
        Suggestions s = suggester.suggest(geometric(15, -5, 0.2), new double[15]);
        assertTrue(s.isEmpty());
        assertEquals("only 7 points after skipping the first 3 and last 5; run more steps", s.reason());
        assertTrue(s.recommended().isEmpty());
        assertTrue(s.cyclic().isEmpty());
        Suggestions empty = LrSuggester.defaults().suggest(new double[0], new double[0]);
        assertEquals("only 0 points after skipping the first 0 and last 5; run more steps", empty.reason());
    }

    @Test
    void curveIsCutAtTheFirstNonFiniteLoss() {
        // 30 points: 3 skipped at the start, 5 at the end; NaN at index 10 leaves 3..9 = 7 points
        double[] loss = new double[30];
        java.util.Arrays.fill(loss, 1);
        loss[10] = Double.NaN;
        Suggestions s = LrSuggester.defaults().suggest(geometric(30, -6, 0.2), loss);
        assertEquals("only 7 points after skipping the first 3 and last 5 and cutting at the first non-finite loss;"
                + " run more steps", s.reason());
        // a NaN at index 20 leaves 3..19 = 17 points: suggestions never come from beyond the cut
        double[] later = new double[30];
        for (int i = 0; i < 30; i++) {
            later[i] = 30 - i;
        }
        later[20] = Double.POSITIVE_INFINITY;
        Suggestions cut = LrSuggester.defaults().suggest(geometric(30, -6, 0.2), later);
        assertEquals(19, get(cut, "minimum").index());
    }

    @Test
    void defaultMethodCanBeChanged() {
        LrSuggester suggester = LrSuggester.builder().optSkipStart(0).optSkipEnd(0).optDefaultMethod(SuggestionMethod.STEEP).build();
        double[] loss = {3, 2.95, 2.9, 2.8, 2.7, 2.5, 2.3, 1.5, 1.3, 1.2, 1.15, 1.1, 1.2, 1.6};
        assertEquals("steep", suggester.suggest(geometric(14, -5, 0.25), loss).recommended().orElseThrow().name());
    }

    @Test
    void validatesInputAndSettings() {
        assertEquals("expected as many losses as learning rates, found 1 losses for 2 rates",
                assertThrows(IllegalArgumentException.class,
                        () -> UNTRIMMED.suggest(new double[] {1, 2}, new double[] {1})).getMessage());
        assertEquals("expected positive finite learning rates, found 0.0 at index 1",
                assertThrows(IllegalArgumentException.class,
                        () -> UNTRIMMED.suggest(new double[] {1, 0}, new double[] {1, 1})).getMessage());
        assertEquals("expected a method in [valley, slide, minimum, steep], found 'lowest'",
                assertThrows(IllegalArgumentException.class,
                        () -> SuggestionMethod.fromName("lowest")).getMessage());
        assertEquals("expected skipEnd >= 0, found -1",
                assertThrows(IllegalArgumentException.class, () -> LrSuggester.builder().optSkipEnd(-1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> LrSuggester.builder().optMinPoints(1));
        assertThrows(IllegalArgumentException.class, () -> LrSuggester.builder().optSlideThreshold(0));
    }
}
