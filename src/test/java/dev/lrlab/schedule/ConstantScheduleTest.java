package dev.lrlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConstantScheduleTest {

    @Test
    void sameRateAtEveryStep() {
        var s = new ConstantSchedule(0.01);
        assertEquals(0.01, s.learningRate(0));
        assertEquals(0.01, s.learningRate(123_456_789L));
        assertTrue(s.momentum(5).isEmpty());
    }

    @Test
    void describesItselfAsASpec() {
        assertEquals("constant:lr=0.01", new ConstantSchedule(0.01).describe());
    }

    @Test
    void rejectsNegativeRateAndStep() {
        assertEquals("expected lr >= 0, found -0.1",
                assertThrows(IllegalArgumentException.class, () -> new ConstantSchedule(-0.1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ConstantSchedule(0.1).learningRate(-1));
    }
}
