package dev.lrlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import dev.lrlab.train.OptimizerConfig;
import dev.lrlab.train.OptimizerKind;
import org.junit.jupiter.api.Test;

class HypergradientConfigTest {
    @Test
    void defaultsAreThePapers() {
        HypergradientConfig sgd = HypergradientConfig.builder(OptimizerKind.SGD_HD).build();
        assertEquals(0.001, sgd.alpha0());
        assertEquals(0.001, sgd.beta());
        assertEquals(0.9, sgd.momentum());
        assertFalse(sgd.multiplicative());
        assertTrue(Double.isNaN(sgd.minLr()) && Double.isNaN(sgd.maxLr()));
        assertEquals(1, sgd.epochs());
        assertEquals(0, sgd.steps());
        assertEquals(32, sgd.batchSize());
        assertFalse(sgd.baseline());
        assertEquals(1e-7, HypergradientConfig.builder(OptimizerKind.ADAM_HD).build().beta());
        assertEquals(0.001, HypergradientConfig.builder(OptimizerKind.SGDN_HD).build().beta());
    }

    @Test
    void optimizerConfigsCarryTheSettings() {
        HypergradientConfig config = HypergradientConfig.builder(OptimizerKind.ADAM_HD).beta(1e-6).multiplicative(true)
                .bounds(0, 0.5).build();
        OptimizerConfig adapted = config.optimizerConfig();
        assertEquals(OptimizerKind.ADAM_HD, adapted.kind());
        assertEquals(1e-6, adapted.hypergradient().beta());
        assertTrue(adapted.hypergradient().multiplicative());
        assertEquals(0, adapted.hypergradient().minLr());
        assertEquals(0.5, adapted.hypergradient().maxLr());
        assertEquals(OptimizerKind.ADAM, config.baselineOptimizerConfig().kind());
        assertEquals(OptimizerKind.NESTEROV,
                HypergradientConfig.builder(OptimizerKind.SGDN_HD).build().baselineOptimizerConfig().kind());
    }

    @Test
    void stepsOrEpochsSetTheLength() {
        assertEquals(7, HypergradientConfig.builder(OptimizerKind.SGD_HD).steps(7).build().totalSteps(10));
        assertEquals(30, HypergradientConfig.builder(OptimizerKind.SGD_HD).steps(7).epochs(3).build().totalSteps(10));
    }

    @Test
    void rejectsOutOfRangeSettingsNamingThem() {
        assertMessage("expected a hypergradient optimizer (sgd-hd, sgdn-hd or adam-hd), found adam",
                () -> HypergradientConfig.builder(OptimizerKind.ADAM).build());
        assertMessage("expected an initial learning rate that is finite and > 0, found 0.0",
                () -> HypergradientConfig.builder(OptimizerKind.SGD_HD).alpha0(0).build());
        assertMessage("expected a hypergradient beta that is finite and >= 0, found -1.0",
                () -> HypergradientConfig.builder(OptimizerKind.SGD_HD).beta(-1).build());
        assertMessage("expected the minimum learning rate <= the maximum, found 0.5 > 0.1",
                () -> HypergradientConfig.builder(OptimizerKind.SGD_HD).bounds(0.5, 0.1).build());
        assertMessage("expected a momentum in [0, 1), found 1.0",
                () -> HypergradientConfig.builder(OptimizerKind.SGDN_HD).momentum(1).build());
        assertMessage("expected either a number of steps or a number of epochs (one of them > 0), found 0 steps and 0 epochs",
                () -> HypergradientConfig.builder(OptimizerKind.SGD_HD).epochs(0).build());
        assertMessage("expected a batch size >= 1, found 0",
                () -> HypergradientConfig.builder(OptimizerKind.SGD_HD).batchSize(0).build());
    }

    private static void assertMessage(String message, Runnable build) {
        LrlabException e = assertThrows(LrlabException.class, build::run);
        assertEquals(message, e.getMessage());
    }
}
