package dev.lrlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The defaults and checks of {@link StepRow}'s builder. */
class StepRowTest {
    @Test
    void aRowWithoutMomentumValidationOrHypergradientHasNaNsAndEmpties() {
        StepRow row = StepRow.builder().setStep(7).setEpoch(1).setLr(0.5).setLoss(2.25).build();
        assertEquals(7, row.step());
        assertEquals(1, row.epoch());
        assertEquals(0.5, row.lr());
        assertEquals(2.25, row.loss());
        assertTrue(Double.isNaN(row.momentum()));
        assertTrue(Double.isNaN(row.hypergradient()));
        assertEquals(OptionalDouble.empty(), row.valLoss());
        assertEquals(OptionalDouble.empty(), row.valAccuracy());
    }

    @Test
    void aDivergedRowKeepsItsNaNRateAndEqualRowsAreEqual() {
        StepRow row = StepRow.builder().setStep(3).setEpoch(0).setLr(Double.NaN).setLoss(Double.POSITIVE_INFINITY)
                .optMomentum(0.9).optValLoss(1.5).optValAccuracy(0.75).optHypergradient(-0.125).build();
        StepRow same = StepRow.builder().setStep(3).setEpoch(0).setLr(Double.NaN).setLoss(Double.POSITIVE_INFINITY)
                .optMomentum(0.9).optValLoss(1.5).optValAccuracy(0.75).optHypergradient(-0.125).build();
        assertEquals(same, row);
        assertEquals(same.hashCode(), row.hashCode());
        assertEquals(OptionalDouble.of(0.75), row.valAccuracy());
    }

    @Test
    void aRowNeedsItsStepEpochRateAndLoss() {
        assertEquals("a step row needs its step, epoch, rate and loss, found step 2, epoch 0, no loss",
                assertThrows(IllegalStateException.class, () -> StepRow.builder().setStep(2).setEpoch(0).setLr(0.1).build())
                        .getMessage());
    }
}
