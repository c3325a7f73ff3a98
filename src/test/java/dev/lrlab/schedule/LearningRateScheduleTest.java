package dev.lrlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    /** A schedule that only implements the abstract methods. */
    private static final class Halving implements LearningRateSchedule {
        @Override
        public double learningRate(long step) {
            return 1.0 / (step + 1);
        }

        @Override
        public String describe() {
            return "halving";
        }
    }

    @Test
    void defaultMomentumIsEmpty() {
        assertTrue(new Halving().momentum(0).isEmpty());
        assertTrue(new Halving().momentum(1000).isEmpty());
    }

    @Test
    void defaultMomentumRejectsNegativeStep() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Halving().momentum(-1));
        assertEquals("expected step >= 0, found -1", e.getMessage());
    }
}
