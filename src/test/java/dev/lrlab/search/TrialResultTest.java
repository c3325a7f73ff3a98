package dev.lrlab.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrialResultTest {
    static TrialResult trial(SearchStage stage, double lr, double finalLoss, double valLoss, boolean diverged, int steps) {
        double[] losses = new double[steps];
        java.util.Arrays.fill(losses, finalLoss);
        TrialResult.Builder trial = TrialResult.builder().setStage(stage).setLr(lr).optFinalLoss(finalLoss)
                .optBestLoss(finalLoss).optValLoss(valLoss).optSteps(steps).optSeconds(0.5).optLosses(losses)
                .optSmoothedLosses(losses.clone());
        if (diverged) {
            trial.optDivergence(TrialResult.Divergence.ABOVE_INITIAL);
        }
        return trial.build();
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
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrialResult.builder()
                .setStage(SearchStage.FINE).setLr(1).optSteps(3).optLosses(new double[2]).optSmoothedLosses(new double[3])
                .build());
        assertEquals("expected 3 losses and smoothed losses, found 2 and 3", e.getMessage());
        assertEquals("a trial needs its stage and rate (setStage, setLr)", assertThrows(IllegalStateException.class,
                () -> TrialResult.builder().setStage(SearchStage.FINE).build()).getMessage());
    }

    @Test
    void aTrialSurvivesJavaSerializationValueForValue() throws Exception {
        TrialResult ran = trial(SearchStage.FINE, 3e-3, 0.25, Double.NaN, true, 3);
        TrialResult failed = TrialResult.failed(SearchStage.COARSE, 1e-2, 0.125, "executor 1 on host: no such model");
        for (TrialResult trial : new TrialResult[] {ran, failed}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(trial);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                Object back = in.readObject();
                assertEquals(trial, back, "the curves compared by value, NaN equal to NaN");
                assertEquals(trial.hashCode(), back.hashCode());
            }
        }
        assertEquals(Optional.of(TrialResult.Divergence.ABOVE_INITIAL), ran.divergence());
        assertEquals(Optional.of("executor 1 on host: no such model"), failed.failure());
        assertEquals(0, failed.losses().length);
    }
}
