package dev.lrlab.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScientificFormatTest {
    @Test
    void formatsWithShortMantissa() {
        assertEquals("1e-5", ScientificFormat.format(1e-5, 2));
        assertEquals("3.2e-3", ScientificFormat.format(0.0031622776, 2));
        assertEquals("3.16e-3", ScientificFormat.format(0.0031622776, 3));
        assertEquals("1e0", ScientificFormat.format(1, 2));
        assertEquals("2.5e1", ScientificFormat.format(25, 3));
        assertEquals("-4e2", ScientificFormat.format(-400, 2));
        assertEquals("1e1", ScientificFormat.format(9.96, 2));
        assertEquals("0", ScientificFormat.format(0, 2));
        assertEquals("NaN", ScientificFormat.format(Double.NaN, 2));
        assertEquals("Infinity", ScientificFormat.format(Double.POSITIVE_INFINITY, 2));
    }

    @Test
    void worksAsNumberFormat() {
        assertEquals("1e-7", new ScientificFormat(2).format(1e-7));
        assertEquals("1.2e3", new ScientificFormat(2).format(1234L));
    }
}
