package dev.lrlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StepDecayScheduleTest {

    private final StepDecaySchedule s = new StepDecaySchedule(0.1, 0.5, 100);

    @Test
    void dropsByGammaEveryStepSize() {
        assertEquals(0.1, s.learningRate(0), 1e-15);
        assertEquals(0.1, s.learningRate(99), 1e-15);
        assertEquals(0.05, s.learningRate(100), 1e-15);
        assertEquals(0.025, s.learningRate(250), 1e-15);
        assertEquals(0.0125, s.learningRate(300), 1e-15);
    }

    @Test
    void describesItselfAsASpec() {
        assertEquals("step:lr=0.1,gamma=0.5,every=100", s.describe());
    }

    @Test
    void rejectsNonPositiveStepSize() {
        var e = assertThrows(IllegalArgumentException.class, () -> new StepDecaySchedule(0.1, 0.5, 0));
        assertEquals("expected every > 0, found 0", e.getMessage());
    }
}
