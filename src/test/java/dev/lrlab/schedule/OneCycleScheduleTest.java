package dev.lrlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * PyTorch OneCycleLR with max_lr 0.1, total_steps 100 and defaults: initial 0.1/25 = 0.004,
 * min 0.004/1e4 = 4e-7, phase 1 ends at 0.3*100 - 1 = 29, phase 2 at 99.
 */
class OneCycleScheduleTest {

    private static final double TOL = 1e-15;

    private static OneCycleSchedule.Builder max01Total100() {
        return OneCycleSchedule.builder().setMaxRate(0.1).setTotalSteps(100);
    }

    @Test
    void endpointsOfTheTwoPhases() {
        var s = max01Total100().build();
        assertEquals(0.004, s.initialRate(), TOL);
        assertEquals(4e-7, s.minRate(), 1e-20);
        assertEquals(0.004, s.learningRate(0), TOL);
        assertEquals(0.1, s.learningRate(29), TOL);
        assertEquals(4e-7, s.learningRate(99), 1e-20);
    }

    @Test
    void cosineMidpointOfTheSecondPhase() {
        // step 64: pct = (64 - 29) / (99 - 29) = 1/2, so (0.1 + 4e-7) / 2
        assertEquals(0.0500002, max01Total100().build().learningRate(64), 1e-15);
    }

    @Test
    void momentumGoesFromMaxToBaseAndBack() {
        var s = max01Total100().build();
        assertEquals(0.95, s.momentum(0).getAsDouble(), TOL);
        assertEquals(0.85, s.momentum(29).getAsDouble(), TOL);
        assertEquals(0.9, s.momentum(64).getAsDouble(), 1e-15);
        assertEquals(0.95, s.momentum(99).getAsDouble(), TOL);
    }

    @Test
    void linearAnnealing() {
        var s = max01Total100().optAnneal(OneCycleSchedule.Anneal.LINEAR).build();
        // step 10: 0.004 + (0.1 - 0.004) * 10 / 29
        assertEquals(0.037103448275862067, s.learningRate(10), 1e-15);
        assertEquals(0.0500002, s.learningRate(64), 1e-15);
        assertEquals(0.95 - 0.1 * 10 / 29.0, s.momentum(10).getAsDouble(), 1e-15);
    }

    @Test
    void threePhases() {
        // pct 0.25: phase ends 24, 48, 99
        var s = max01Total100().optPctStart(0.25).optThreePhase(true).build();
        assertEquals(0.004, s.learningRate(0), TOL);
        assertEquals(0.1, s.learningRate(24), TOL);
        assertEquals(0.052, s.learningRate(36), 1e-15);        // (0.1 + 0.004) / 2
        assertEquals(0.004, s.learningRate(48), 1e-15);
        assertEquals(4e-7, s.learningRate(99), 1e-20);
        assertEquals(0.85, s.momentum(24).getAsDouble(), TOL);
        assertEquals(0.9, s.momentum(36).getAsDouble(), 1e-15);
        assertEquals(0.95, s.momentum(48).getAsDouble(), TOL);
        assertEquals(0.95, s.momentum(75).getAsDouble(), TOL);  // the third phase keeps max momentum
    }

    @Test
    void linearThirdPhase() {
        var s = max01Total100().optPctStart(0.25).optThreePhase(true).optAnneal(OneCycleSchedule.Anneal.LINEAR).build();
        // step 65: pct = (65 - 48) / 51 = 1/3, 0.004 + (4e-7 - 0.004) / 3
        assertEquals(0.0026668000000000004, s.learningRate(65), 1e-15);
    }

    @Test
    void pytorchDefaultThreePhaseEnds() {
        var s = max01Total100().optThreePhase(true).build();
        assertEquals(0.1, s.learningRate(29), TOL);
        assertEquals(0.004, s.learningRate(58), 1e-15);
        assertEquals(4e-7, s.learningRate(99), 1e-20);
    }

    @Test
    void holdsTheFinalRateAfterTotalSteps() {
        var s = max01Total100().build();
        assertEquals(4e-7, s.learningRate(100), 1e-20);
        assertEquals(4e-7, s.learningRate(5000), 1e-20);
        assertEquals(0.95, s.momentum(5000).getAsDouble(), TOL);
    }

    @Test
    void momentumCanBeOffOrCustom() {
        assertTrue(max01Total100().optCycleMomentum(false).build().momentum(10).isEmpty());
        var s = max01Total100().optMomentum(new MomentumRange(0.8, 0.9)).build();
        assertEquals(0.9, s.momentum(0).getAsDouble(), TOL);
        assertEquals(0.8, s.momentum(29).getAsDouble(), TOL);
    }

    @Test
    void customFactors() {
        var s = max01Total100().optDivFactor(10).optFinalDivFactor(100).build();
        assertEquals(0.01, s.learningRate(0), TOL);
        assertEquals(1e-4, s.learningRate(99), 1e-18);
    }

    @Test
    void describesEverySetting() {
        assertEquals("onecycle:max=0.1,steps=100,pct=0.3,div=25,final_div=10000,anneal=cos,three_phase=false,"
                + "momentum=0.85-0.95", max01Total100().build().describe());
        assertEquals("onecycle:max=0.1,steps=100,pct=0.3,div=25,final_div=10000,anneal=linear,three_phase=true,"
                + "momentum=none", max01Total100().optAnneal(OneCycleSchedule.Anneal.LINEAR).optThreePhase(true)
                .optCycleMomentum(false).build().describe());
    }

    @Test
    void rejectsAWarmUpPhaseWithoutSteps() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> OneCycleSchedule.builder().setMaxRate(0.1).setTotalSteps(2).build());
        assertEquals("expected pct * total steps > 1 so the warm-up phase has a step, found 0.3 * 2 = 0.6",
                e.getMessage());
    }

    @Test
    void rejectsBadSettings() {
        assertEquals("expected pct in (0, 1], found 1.5", assertThrows(IllegalArgumentException.class,
                () -> max01Total100().optPctStart(1.5).build()).getMessage());
        assertEquals("expected total steps > 0, found 0", assertThrows(IllegalArgumentException.class,
                () -> OneCycleSchedule.builder().setMaxRate(0.1).build()).getMessage());
        assertEquals("expected div > 0, found 0", assertThrows(IllegalArgumentException.class,
                () -> max01Total100().optDivFactor(0).build()).getMessage());
    }
}
