package dev.lrlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import org.junit.jupiter.api.Test;

class HypergradientSettingsTest {
    @Test
    void paperDefaultsPerOptimizer() {
        assertEquals(new HypergradientSettings(1e-3, false, Double.NaN, Double.NaN),
                HypergradientSettings.paperDefaults(OptimizerKind.SGD_HD));
        assertEquals(1e-3, HypergradientSettings.paperDefaults(OptimizerKind.SGDN_HD).beta());
        assertEquals(1e-7, HypergradientSettings.paperDefaults(OptimizerKind.ADAM_HD).beta());
    }

    @Test
    void nanAndInfiniteBoundsMeanNone() {
        HypergradientSettings none = new HypergradientSettings(0.1, false, Double.NEGATIVE_INFINITY, Double.NaN);
        assertFalse(none.hasMinLr());
        assertFalse(none.hasMaxLr());
        HypergradientSettings both = none.withBounds(0, 1);
        assertTrue(both.hasMinLr() && both.hasMaxLr());
        assertEquals(new HypergradientSettings(0.2, true, 0, 1), both.withBeta(0.2).withMultiplicative(true));
    }

    @Test
    void rejectsBadValuesNamingThem() {
        assertEquals("expected a hypergradient beta that is finite and >= 0, found NaN", assertThrows(LrlabException.class,
                () -> new HypergradientSettings(Double.NaN, false, Double.NaN, Double.NaN)).getMessage());
        assertEquals("expected a hypergradient beta that is finite and >= 0, found Infinity", assertThrows(LrlabException.class,
                () -> new HypergradientSettings(Double.POSITIVE_INFINITY, false, Double.NaN, Double.NaN)).getMessage());
        assertEquals("expected the minimum learning rate <= the maximum, found 2.0 > 1.0", assertThrows(LrlabException.class,
                () -> new HypergradientSettings(0, false, 2, 1)).getMessage());
    }
}
