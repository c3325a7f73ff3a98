package dev.lrlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OptimizerConfigTest {
    @Test
    void fourSettingConstructorAndFactoriesStillWork() {
        OptimizerConfig adam = new OptimizerConfig(OptimizerKind.ADAM, 0.01, 0.99, 1e-7);
        assertEquals(HypergradientSettings.paperDefaults(OptimizerKind.ADAM), adam.hypergradient());
        assertEquals(0.01, adam.weightDecay());
        OptimizerConfig sgd = OptimizerConfig.of(OptimizerKind.SGD_HD).withWeightDecay(0.1);
        assertEquals(new OptimizerConfig(OptimizerKind.SGD_HD, 0.1, 0.999, 1e-8,
                new HypergradientSettings(1e-3, false, Double.NaN, Double.NaN)), sgd);
    }

    @Test
    void copiesKeepEveryOtherSetting() {
        HypergradientSettings settings = new HypergradientSettings(0.5, true, 0, 1);
        OptimizerConfig config = OptimizerConfig.of(OptimizerKind.ADAM_HD).withWeightDecay(0.2).withHypergradient(settings);
        assertEquals(settings, config.hypergradient());
        assertEquals(0.2, config.weightDecay());
        OptimizerConfig fixed = config.withKind(OptimizerKind.ADAM);
        assertEquals(OptimizerKind.ADAM, fixed.kind());
        assertEquals(settings, fixed.hypergradient());
        assertEquals(0.2, fixed.weightDecay());
    }
}
