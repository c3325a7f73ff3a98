package dev.lrlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpecTextTest {

    @Test
    void wholeNumbersHaveNoFraction() {
        assertEquals("0", SpecText.number(0.0));
        assertEquals("25", SpecText.number(25.0));
        assertEquals("10000", SpecText.number(1e4));
    }

    @Test
    void fractionsParseBackExactly() {
        for (double v : new double[] {0.1, 1e-4, 6e-3, 0.99994, 1e20, 2.5}) {
            assertEquals(v, Double.parseDouble(SpecText.number(v)));
        }
        assertEquals("0.1", SpecText.number(0.1));
        assertEquals("1.0E-4", SpecText.number(1e-4));
    }
}
