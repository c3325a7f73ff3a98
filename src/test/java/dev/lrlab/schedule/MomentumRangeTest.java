package dev.lrlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MomentumRangeTest {

    @Test
    void defaultsAreThoseOfPyTorch() {
        assertEquals(new MomentumRange(0.8, 0.9), MomentumRange.CYCLIC_DEFAULT);
        assertEquals(new MomentumRange(0.85, 0.95), MomentumRange.ONE_CYCLE_DEFAULT);
    }

    @Test
    void describesAsBaseDashMax() {
        assertEquals("0.85-0.95", MomentumRange.ONE_CYCLE_DEFAULT.describe());
    }

    @Test
    void rejectsBaseAboveMaxOrOutsideUnitInterval() {
        assertEquals("expected momentum range 0 <= base <= max <= 1, found 0.95-0.85",
                assertThrows(IllegalArgumentException.class, () -> new MomentumRange(0.95, 0.85)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MomentumRange(0.5, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new MomentumRange(-0.1, 0.5));
    }
}
