package dev.lrlab.experiment;

import dev.lrlab.experiment.DivergenceDetector.Reason;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DivergenceDetectorTest {
    @Test
    void nonFiniteLossStopsFromTheFirstStep() {
        assertEquals(Optional.of(Reason.NON_FINITE_LOSS), new DivergenceDetector().observe(Double.NaN, 1));
        assertEquals(Optional.of(Reason.NON_FINITE_LOSS),
                new DivergenceDetector().observe(Double.POSITIVE_INFINITY, 1));
        assertEquals(Optional.of(Reason.NON_FINITE_LOSS), new DivergenceDetector().observe(1, Double.NaN));
    }

    @Test
    void ratioTestWaitsForMinSteps() {
        DivergenceDetector d = new DivergenceDetector(4, 5);
        assertEquals(Optional.empty(), d.observe(1, 1.0));
        assertEquals(Optional.empty(), d.observe(0.5, 0.5));
        assertEquals(Optional.empty(), d.observe(9, 3.0), "step 3 > 4 * 0.5 but within the first 5 steps");
        assertEquals(Optional.empty(), d.observe(1, 1.0));
        assertEquals(Optional.empty(), d.observe(1, 1.0));
        assertEquals(Optional.empty(), d.observe(3, 2.0), "exactly 4 * best is not divergence");
        assertEquals(Optional.of(Reason.LOSS_EXPLODED), d.observe(3, 2.01));
        assertEquals(0.5, d.bestSmoothedLoss());
        assertEquals(7, d.steps());
    }

    @Test
    void bestIsUpdatedBeforeTheTest() {
        DivergenceDetector d = new DivergenceDetector(2, 0);
        assertEquals(Optional.empty(), d.observe(10, 10));
        assertEquals(Optional.empty(), d.observe(1, 1));
        assertEquals(Optional.of(Reason.LOSS_EXPLODED), d.observe(3, 2.5));
    }

    @Test
    void noRatioTestForNonPositiveBest() {
        DivergenceDetector d = new DivergenceDetector(4, 0);
        assertEquals(Optional.empty(), d.observe(-1, -1));
        assertEquals(Optional.empty(), d.observe(100, 100));
        assertEquals(-1, d.bestSmoothedLoss());
    }

    @Test
    void defaultsAndValidation() {
        assertEquals(4, DivergenceDetector.DEFAULT_FACTOR);
        assertEquals(5, DivergenceDetector.DEFAULT_MIN_STEPS);
        assertEquals(Double.POSITIVE_INFINITY, new DivergenceDetector().bestSmoothedLoss());
        assertEquals("expected a divergence factor greater than 1, found 1.0",
                assertThrows(IllegalArgumentException.class, () -> new DivergenceDetector(1, 5)).getMessage());
        assertEquals("expected minSteps >= 0, found -1",
                assertThrows(IllegalArgumentException.class, () -> new DivergenceDetector(4, -1)).getMessage());
        assertEquals("the loss became NaN or infinite", Reason.NON_FINITE_LOSS.description());
    }
}
