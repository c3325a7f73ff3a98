package dev.lrlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExponentialDecayScheduleTest {

    @Test
    void continuousDecay() {
        var s = new ExponentialDecaySchedule(0.1, 0.96, 100, false);
        assertEquals(0.1, s.learningRate(0), 1e-15);
        // 0.1 * 0.96^(1/2) = 0.1 * 0.9797958971...
        assertEquals(0.09797958971132713, s.learningRate(50), 1e-15);
        assertEquals(0.096, s.learningRate(100), 1e-15);
        assertEquals(0.09216, s.learningRate(200), 1e-15);
    }

    @Test
    void staircaseHoldsUntilEachMultipleOfDecaySteps() {
        var s = new ExponentialDecaySchedule(0.1, 0.96, 100, true);
        assertEquals(0.1, s.learningRate(99), 1e-15);
        assertEquals(0.096, s.learningRate(150), 1e-15);
        assertEquals(0.09216, s.learningRate(299), 1e-15);
    }

    @Test
    void describesItselfAsASpec() {
        assertEquals("exp:lr=0.1,rate=0.96,every=100", new ExponentialDecaySchedule(0.1, 0.96, 100, false).describe());
        assertEquals("exp:lr=0.1,rate=0.96,every=100,staircase=true",
                new ExponentialDecaySchedule(0.1, 0.96, 100, true).describe());
    }

    @Test
    void rejectsNonPositiveRate() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ExponentialDecaySchedule(0.1, 0, 100, false));
        assertEquals("expected rate > 0, found 0", e.getMessage());
    }
}
