package dev.lrlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CosineWarmRestartsScheduleTest {

    @Test
    void fixedPeriodRestartsEveryT0() {
        var s = new CosineWarmRestartsSchedule(1.0, 0.0, 10, 1);
        assertEquals(1.0, s.learningRate(0), 1e-15);
        assertEquals(0.5, s.learningRate(5), 1e-15);
        assertEquals(1.0, s.learningRate(10), 1e-15);
        assertEquals(0.5, s.learningRate(15), 1e-15);
        assertEquals(1.0, s.learningRate(20), 1e-15);
    }

    @Test
    void doublingPeriodsRestartAt10And30And70() {
        // T_0 = 10, T_mult = 2: periods [0,10), [10,30), [30,70), [70,150)
        var s = new CosineWarmRestartsSchedule(1.0, 0.0, 10, 2);
        assertEquals(1.0, s.learningRate(0), 1e-15);
        assertEquals(0.5, s.learningRate(5), 1e-15);
        assertEquals(1.0, s.learningRate(10), 1e-15);
        assertEquals(0.5, s.learningRate(20), 1e-15);
        // last step of the second period: (1 + cos(19 pi / 20)) / 2 = (1 - cos(pi / 20)) / 2
        assertEquals(0.006155829702431115, s.learningRate(29), 1e-15);
        assertEquals(1.0, s.learningRate(30), 1e-15);
        assertEquals(0.5, s.learningRate(50), 1e-15);
        assertEquals(1.0, s.learningRate(70), 1e-15);
        assertEquals(0.5, s.learningRate(110), 1e-15);
    }

    @Test
    void minRateShiftsTheCurve() {
        var s = new CosineWarmRestartsSchedule(0.1, 0.02, 10, 3);
        assertEquals(0.06, s.learningRate(5), 1e-15);
        assertEquals(0.1, s.learningRate(10), 1e-15);
        assertEquals(0.06, s.learningRate(25), 1e-15);
        assertEquals(0.1, s.learningRate(40), 1e-15);
    }

    @Test
    void describesItselfAsASpec() {
        assertEquals("cosine:max=0.1,min=0,restart=10,mult=2",
                new CosineWarmRestartsSchedule(0.1, 0.0, 10, 2).describe());
    }

    @Test
    void rejectsMultiplierBelowOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> new CosineWarmRestartsSchedule(0.1, 0, 10, 0));
        assertEquals("expected mult >= 1, found 0", e.getMessage());
    }
}
