package dev.lrlab.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrialResultTest {
    static TrialResult trial(SearchStage stage, double lr, double finalLoss, double valLoss, boolean diverged, int steps) {
        double[] losses = new double[steps];
        java.util.Arrays.fill(losses, finalLoss);
        return new TrialResult(stage, lr, finalLoss, finalLoss, valLoss,
                diverged ? Optional.of(TrialResult.Divergence.ABOVE_INITIAL) : Optional.empty(), steps, 0.5, losses,
                losses.clone());
    }

    @Test
    void scoresByTheChosenMetric() {
        TrialResult t = trial(SearchStage.COARSE, 1e-2, 0.7, 0.9, false, 3);
        assertEquals(0.7, t.score(SearchMetric.LOSS));
        assertEquals(0.9, t.score(SearchMetric.VAL_LOSS));
        assertFalse(t.diverged());
    }

    @Test
    void divergedOrUnmeasuredTrialsRankLast() {
        assertEquals(Double.POSITIVE_INFINITY, trial(SearchStage.COARSE, 1, 0.1, 0.1, true, 2).score(SearchMetric.LOSS));
        assertEquals(Double.POSITIVE_INFINITY, trial(SearchStage.COARSE, 1, 0.1, Double.NaN, false, 2)
                .score(SearchMetric.VAL_LOSS));
        assertTrue(trial(SearchStage.COARSE, 1, 0.1, 0.1, true, 2).diverged());
    }

    @Test
    void theCurvesMustHaveOneValuePerStep() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrialResult(SearchStage.FINE, 1,
                0, 0, 0, Optional.empty(), 3, 0, new double[2], new double[3]));
        assertEquals("expected 3 losses and smoothed losses, found 2 and 3", e.getMessage());
    }
}
