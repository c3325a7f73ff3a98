package dev.lrlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CyclicalScheduleTest {

    private static final double TOL = 1e-15;

    @Test
    void triangularAtCycleBoundariesAndMidway() {
        // Smith 2017, base 1e-3, max 6e-3, stepsize 2000
        var s = CyclicalSchedule.triangular(1e-3, 6e-3, 2000);
        assertEquals(1e-3, s.learningRate(0), TOL);
        assertEquals(3.5e-3, s.learningRate(1000), TOL);
        assertEquals(6e-3, s.learningRate(2000), TOL);
        assertEquals(3.5e-3, s.learningRate(3000), TOL);
        assertEquals(1e-3, s.learningRate(4000), TOL);
        assertEquals(6e-3, s.learningRate(6000), TOL);
        assertTrue(s.momentum(0).isEmpty());
    }

    @Test
    void triangular2HalvesTheAmplitudeEachCycle() {
        var s = CyclicalSchedule.triangular2(1e-3, 6e-3, 2000);
        assertEquals(6e-3, s.learningRate(2000), TOL);
        assertEquals(1e-3, s.learningRate(4000), TOL);
        assertEquals(3.5e-3, s.learningRate(6000), TOL);      // cycle 2: 1e-3 + 5e-3 / 2
        assertEquals(2.25e-3, s.learningRate(7000), TOL);     // cycle 2, half way down
        assertEquals(2.25e-3, s.learningRate(10000), TOL);    // cycle 3: 1e-3 + 5e-3 / 4
    }

    @Test
    void expRangeDecaysByGammaPerIteration() {
        var s = CyclicalSchedule.expRange(1e-3, 6e-3, 2000, 0.99994);
        assertEquals(1e-3, s.learningRate(0), TOL);
        // 0.99994^1000 = 0.94176...: 1e-3 + 5e-3 * 0.5 * 0.94176...
        assertEquals(0.00335440709585463, s.learningRate(1000), 1e-15);
        // 0.99994^2000 = 0.8869172436817012
        assertEquals(0.0054345862184085065, s.learningRate(2000), 1e-15);
        assertEquals(1e-3, s.learningRate(4000), TOL);
    }

    @Test
    void asymmetricUpAndDownAsPyTorch() {
        // up 2, down 6: ratio 1/4; peak at it=2, back to base at it=8
        var s = CyclicalSchedule.builder().setBaseRate(1).setMaxRate(3).setStepSizeUp(2).optStepSizeDown(6).build();
        assertEquals(1.0, s.learningRate(0), TOL);
        assertEquals(2.0, s.learningRate(1), TOL);
        assertEquals(3.0, s.learningRate(2), TOL);
        // it=3: x = 3/8, height = (3/8 - 1) / (1/4 - 1) = 5/6
        assertEquals(1 + 2 * 5.0 / 6, s.learningRate(3), 1e-14);
        assertEquals(2.0, s.learningRate(5), 1e-14);
        assertEquals(1.0, s.learningRate(8), TOL);
        assertEquals(3.0, s.learningRate(10), TOL);
    }

    @Test
    void asymmetricTriangular2UsesTheCycleNumber() {
        var s = CyclicalSchedule.builder().setBaseRate(1).setMaxRate(3).setStepSizeUp(2).optStepSizeDown(6)
                .optMode(CyclicalSchedule.Mode.TRIANGULAR2).build();
        assertEquals(2.0, s.learningRate(10), TOL);
        assertEquals(1.5, s.learningRate(18), TOL);
    }

    @Test
    void momentumCyclesInverselyToTheRate() {
        var s = CyclicalSchedule.builder().setBaseRate(1).setMaxRate(3).setStepSizeUp(2).optStepSizeDown(6)
                .optMomentum(MomentumRange.CYCLIC_DEFAULT).build();
        assertEquals(0.9, s.momentum(0).getAsDouble(), TOL);
        assertEquals(0.85, s.momentum(1).getAsDouble(), TOL);
        assertEquals(0.8, s.momentum(2).getAsDouble(), TOL);
        assertEquals(0.85, s.momentum(5).getAsDouble(), 1e-14);
        assertEquals(0.9, s.momentum(8).getAsDouble(), TOL);
    }

    @Test
    void expRangeMomentumIsScaledByGammaToo() {
        var s = CyclicalSchedule.builder().setBaseRate(1e-3).setMaxRate(6e-3).setStepSizeUp(2000)
                .optMode(CyclicalSchedule.Mode.EXP_RANGE).optGamma(0.99994)
                .optMomentum(MomentumRange.CYCLIC_DEFAULT).build();
        // 0.9 - 0.1 * 0.99994^2000
        assertEquals(0.81130827563183, s.momentum(2000).getAsDouble(), 1e-14);
    }

    @Test
    void describesItselfAsACyclicSpec() {
        assertEquals("cyclic:base=0.001,max=0.006,up=2000,down=2000,mode=triangular",
                CyclicalSchedule.triangular(1e-3, 6e-3, 2000).describe());
        var s = CyclicalSchedule.builder().setBaseRate(1e-3).setMaxRate(6e-3).setStepSizeUp(100).optStepSizeDown(300)
                .optMode(CyclicalSchedule.Mode.EXP_RANGE).optGamma(0.999).optMomentum(MomentumRange.CYCLIC_DEFAULT)
                .build();
        assertEquals("cyclic:base=0.001,max=0.006,up=100,down=300,mode=exp_range,gamma=0.999,momentum=0.8-0.9",
                s.describe());
    }

    @Test
    void equalityFollowsTheSettings() {
        assertEquals(CyclicalSchedule.triangular(1e-3, 6e-3, 2000),
                CyclicalSchedule.builder().setBaseRate(1e-3).setMaxRate(6e-3).setStepSizeUp(2000).optStepSizeDown(2000)
                        .build());
        assertEquals(CyclicalSchedule.triangular(1e-3, 6e-3, 2000).hashCode(),
                CyclicalSchedule.triangular(1e-3, 6e-3, 2000).hashCode());
    }

    @Test
    void rejectsBaseNotBelowMax() {
        var e = assertThrows(IllegalArgumentException.class, () -> CyclicalSchedule.triangular(6e-3, 1e-3, 2000));
        assertEquals("expected base < max, found base=0.006, max=0.001", e.getMessage());
    }

    @Test
    void rejectsNonPositiveStepSizes() {
        assertEquals("expected step size up > 0, found 0", assertThrows(IllegalArgumentException.class,
                () -> CyclicalSchedule.triangular(1e-3, 6e-3, 0)).getMessage());
        assertEquals("expected step size down > 0, found -1", assertThrows(IllegalArgumentException.class,
                () -> CyclicalSchedule.builder().setBaseRate(1e-3).setMaxRate(6e-3).setStepSizeUp(10)
                        .optStepSizeDown(-1).build()).getMessage());
    }

    @Test
    void rejectsGammaOutsideExpRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> CyclicalSchedule.builder().setBaseRate(1e-3)
                .setMaxRate(6e-3).setStepSizeUp(10).optGamma(0.9).build());
        assertEquals("expected gamma only with mode exp_range, found gamma=0.9 with mode triangular", e.getMessage());
    }

    @Test
    void rejectsMissingRequiredRates() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> CyclicalSchedule.builder().setMaxRate(6e-3).setStepSizeUp(10).build());
        assertEquals("expected base to be a finite number, found NaN", e.getMessage());
    }
}
