package dev.lrlab.schedule;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void negativeStepIsRejectedWithExpectedAndFound() {
        var e = assertThrows(IllegalArgumentException.class, () -> Checks.requireStep(-3));
        assertEquals("expected step >= 0, found -3", e.getMessage());
        assertDoesNotThrow(() -> Checks.requireStep(0));
    }

    @Test
    void numbersAreCheckedForSignAndFiniteness() {
        assertEquals("expected lr to be a finite number, found NaN",
                assertThrows(IllegalArgumentException.class, () -> Checks.requireFinite("lr", Double.NaN)).getMessage());
        assertEquals("expected lr >= 0, found -0.5",
                assertThrows(IllegalArgumentException.class, () -> Checks.requireNonNegative("lr", -0.5)).getMessage());
        assertEquals("expected gamma > 0, found 0",
                assertThrows(IllegalArgumentException.class, () -> Checks.requirePositive("gamma", 0.0)).getMessage());
        assertEquals("expected every > 0, found 0",
                assertThrows(IllegalArgumentException.class, () -> Checks.requirePositive("every", 0L)).getMessage());
        assertEquals(0.0, Checks.requireNonNegative("lr", 0.0));
        assertEquals(7L, Checks.requirePositive("every", 7L));
    }

    @Test
    void orderIsStrict() {
        var e = assertThrows(IllegalArgumentException.class, () -> Checks.requireBelow("base", 0.01, "max", 0.01));
        assertEquals("expected base < max, found base=0.01, max=0.01", e.getMessage());
        assertDoesNotThrow(() -> Checks.requireBelow("base", 0.001, "max", 0.01));
    }
}
