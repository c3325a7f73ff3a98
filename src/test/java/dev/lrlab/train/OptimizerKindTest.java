package dev.lrlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import org.junit.jupiter.api.Test;

class OptimizerKindTest {
    @Test
    void hypergradientKindsByName() {
        assertEquals(OptimizerKind.SGD_HD, OptimizerKind.fromCliName("sgd-hd"));
        assertEquals(OptimizerKind.SGDN_HD, OptimizerKind.fromCliName("sgdn-hd"));
        assertEquals(OptimizerKind.ADAM_HD, OptimizerKind.fromCliName("adam-hd"));
        assertEquals("unknown optimizer 'hd'; use one of: sgd, momentum, nesterov, adam, sgd-hd, sgdn-hd, adam-hd",
                assertThrows(LrlabException.class, () -> OptimizerKind.fromCliName("hd")).getMessage());
    }

    @Test
    void hypergradientKindsAndTheirFixedRateCounterparts() {
        assertTrue(OptimizerKind.SGD_HD.isHypergradient());
        assertFalse(OptimizerKind.ADAM.isHypergradient());
        assertEquals(OptimizerKind.SGD, OptimizerKind.SGD_HD.fixedRateKind());
        assertEquals(OptimizerKind.NESTEROV, OptimizerKind.SGDN_HD.fixedRateKind());
        assertEquals(OptimizerKind.ADAM, OptimizerKind.ADAM_HD.fixedRateKind());
        assertEquals(OptimizerKind.MOMENTUM, OptimizerKind.MOMENTUM.fixedRateKind());
        assertFalse(OptimizerKind.SGD_HD.usesMomentum());
        assertTrue(OptimizerKind.SGDN_HD.usesMomentum());
        assertTrue(OptimizerKind.ADAM_HD.usesMomentum());
    }
}
