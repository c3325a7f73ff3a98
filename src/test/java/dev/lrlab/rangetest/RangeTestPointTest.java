package dev.lrlab.rangetest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The defaults and checks of {@link RangeTestPoint}'s builder. */
class RangeTestPointTest {
    @Test
    void aPointWithoutValidationHasNone() {
        RangeTestPoint point = RangeTestPoint.builder().setStep(4).setLr(1e-3).setLoss(2.5).setSmoothedLoss(2.25).build();
        assertEquals(4, point.step());
        assertEquals(1e-3, point.lr());
        assertEquals(2.5, point.loss());
        assertEquals(2.25, point.smoothedLoss());
        assertEquals(OptionalDouble.empty(), point.valLoss());
        assertEquals(OptionalDouble.empty(), point.valAccuracy());
        assertEquals(point, RangeTestPoint.builder().setStep(4).setLr(1e-3).setLoss(2.5).setSmoothedLoss(2.25).build());
    }

    @Test
    void aPointNeedsItsLossesAndAnAccuracyNeedsItsValidationLoss() {
        assertEquals("a range test point needs its step, rate, loss and smoothed loss, found step 0, no smoothed loss",
                assertThrows(IllegalStateException.class, () -> RangeTestPoint.builder().setStep(0).setLr(1).setLoss(1)
                        .build()).getMessage());
        assertEquals("a range test point's validation accuracy comes with its validation loss",
                assertThrows(IllegalStateException.class, () -> RangeTestPoint.builder().setStep(0).setLr(1).setLoss(1)
                        .setSmoothedLoss(1).optValAccuracy(0.5).build()).getMessage());
    }
}
