package dev.lrlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WarmUpScheduleTest {

    @Test
    void climbsLinearlyFromZeroToTheWrappedFirstRate() {
        var s = new WarmUpSchedule(new ConstantSchedule(0.1), 10);
        assertEquals(0.0, s.learningRate(0), 1e-15);
        assertEquals(0.05, s.learningRate(5), 1e-15);
        assertEquals(0.09, s.learningRate(9), 1e-15);
        assertEquals(0.1, s.learningRate(10), 1e-15);
    }

    @Test
    void climbsFromAStartRate() {
        var s = new WarmUpSchedule(new ConstantSchedule(0.1), 10, 0.01);
        assertEquals(0.01, s.learningRate(0), 1e-15);
        assertEquals(0.055, s.learningRate(5), 1e-15);
    }

    @Test
    void wrappedScheduleRunsShiftedByTheWarmUp() {
        var s = new WarmUpSchedule(new CosineAnnealingSchedule(0.1, 0.0, 100), 10);
        assertEquals(0.1, s.learningRate(10), 1e-15);
        assertEquals(0.05, s.learningRate(60), 1e-15);
        assertEquals(0.0, s.learningRate(110), 1e-15);
    }

    @Test
    void momentumHoldsTheWrappedFirstValueDuringWarmUp() {
        var inner = OneCycleSchedule.builder().setMaxRate(0.1).setTotalSteps(100).build();
        var s = new WarmUpSchedule(inner, 10);
        assertEquals(0.95, s.momentum(0).getAsDouble(), 1e-15);
        assertEquals(0.95, s.momentum(9).getAsDouble(), 1e-15);
        assertEquals(0.85, s.momentum(39).getAsDouble(), 1e-12);
        assertEquals(inner.learningRate(29), s.learningRate(39), 0.0);
    }

    @Test
    void describesItselfAsAPrefix() {
        assertEquals("warmup=10+constant:lr=0.1", new WarmUpSchedule(new ConstantSchedule(0.1), 10).describe());
        assertEquals("warmup=10,start=0.01+constant:lr=0.1",
                new WarmUpSchedule(new ConstantSchedule(0.1), 10, 0.01).describe());
    }

    @Test
    void rejectsNonPositiveWarmUp() {
        var e = assertThrows(IllegalArgumentException.class, () -> new WarmUpSchedule(new ConstantSchedule(0.1), 0));
        assertEquals("expected warmup > 0, found 0", e.getMessage());
    }
}
