package dev.lrlab.experiment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HypergradientRowTest {
    @Test
    void divergedWhenLossOrRateIsNotFinite() {
        assertFalse(new HypergradientRow(1, 1, 0.1, 0.5, Double.NaN).diverged(), "a NaN hypergradient (baseline) is fine");
        assertTrue(new HypergradientRow(1, 1, Double.NaN, 0.5, 0).diverged());
        assertTrue(new HypergradientRow(1, 1, Double.NEGATIVE_INFINITY, 0.5, 0).diverged());
        assertTrue(new HypergradientRow(1, 1, 0.1, Double.NaN, 0).diverged());
        assertTrue(new HypergradientRow(1, 1, 0.1, Double.POSITIVE_INFINITY, 0).diverged());
    }
}
