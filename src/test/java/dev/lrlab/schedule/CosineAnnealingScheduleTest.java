package dev.lrlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CosineAnnealingScheduleTest {

    private final CosineAnnealingSchedule s = new CosineAnnealingSchedule(0.1, 0.0, 100);

    @Test
    void fromMaxThroughMidpointToMin() {
        assertEquals(0.1, s.learningRate(0), 1e-15);
        // 0.05 * (1 + cos(pi/4)) = 0.05 * 1.70710678...
        assertEquals(0.08535533905932738, s.learningRate(25), 1e-15);
        assertEquals(0.05, s.learningRate(50), 1e-15);
        assertEquals(0.0, s.learningRate(100), 1e-15);
    }

    @Test
    void midpointIsHalfwayBetweenMinAndMax() {
        assertEquals(0.055, new CosineAnnealingSchedule(0.1, 0.01, 100).learningRate(50), 1e-15);
    }

    @Test
    void staysAtMinAfterThePeriod() {
        assertEquals(0.0, s.learningRate(150), 0.0);
        assertEquals(0.01, new CosineAnnealingSchedule(0.1, 0.01, 100).learningRate(10_000), 1e-15);
    }

    @Test
    void describesItselfAsASpec() {
        assertEquals("cosine:max=0.1,min=0,steps=100", s.describe());
    }

    @Test
    void rejectsMinNotBelowMax() {
        var e = assertThrows(IllegalArgumentException.class, () -> new CosineAnnealingSchedule(0.1, 0.2, 100));
        assertEquals("expected min < max, found min=0.2, max=0.1", e.getMessage());
    }
}
