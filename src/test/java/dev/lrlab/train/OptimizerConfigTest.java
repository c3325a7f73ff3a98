package dev.lrlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrlab.LrlabException;
import org.junit.jupiter.api.Test;

class OptimizerConfigTest {
    @Test
    void builderDefaultsToThePapersHypergradientSettingsAndFactoriesStillWork() {
        OptimizerConfig adam = OptimizerConfig.builder().setKind(OptimizerKind.ADAM).optWeightDecay(0.01).optBeta2(0.99)
                .optEpsilon(1e-7).build();
        assertEquals(HypergradientSettings.paperDefaults(OptimizerKind.ADAM), adam.hypergradient());
        assertEquals(0.01, adam.weightDecay());
        OptimizerConfig sgd = OptimizerConfig.of(OptimizerKind.SGD_HD).withWeightDecay(0.1);
        assertEquals(0.99, adam.beta2());
        assertEquals(1e-7, adam.epsilon());
        assertEquals(OptimizerConfig.builder().setKind(OptimizerKind.SGD_HD).optWeightDecay(0.1).optBeta2(0.999)
                .optEpsilon(1e-8).optHypergradient(new HypergradientSettings(1e-3, false, Double.NaN, Double.NaN)).build(), sgd);
        assertEquals(sgd.hashCode(), OptimizerConfig.of(OptimizerKind.SGD_HD).withWeightDecay(0.1).hashCode());
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

    @Test
    void buildChecksTheKindAndTheRanges() {
        assertEquals("an optimizer config needs its kind, the optimizer (setKind)",
                assertThrows(LrlabException.class, () -> OptimizerConfig.builder().build()).getMessage());
        assertEquals("Adam beta2 must be in [0, 1), found 1.0", assertThrows(LrlabException.class,
                () -> OptimizerConfig.builder().setKind(OptimizerKind.ADAM).optBeta2(1).build()).getMessage());
        assertEquals("`weightDecay` must be a finite number >= 0, found -0.5", assertThrows(LrlabException.class,
                () -> OptimizerConfig.builder().setKind(OptimizerKind.SGD).optWeightDecay(-0.5).build()).getMessage());
    }
}
