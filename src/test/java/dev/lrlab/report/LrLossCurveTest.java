package dev.lrlab.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LrLossCurveTest {
    @Test
    void sizeAndLengthCheck() {
        assertEquals(2, new LrLossCurve(new double[] {1, 2}, new double[] {3, 4}, "lr", "loss").size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LrLossCurve(new double[] {1, 2}, new double[] {3}, "lr", "loss"));
        assertEquals("expected as many losses as learning rates, found 1 losses for 2 rates", e.getMessage());
    }
}
