package dev.lrlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HypergradientCurveTest {
    @Test
    void meanLossIsPerEpoch() {
        HypergradientCurve curve = new HypergradientCurve(HypergradientCurve.Kind.HYPERGRADIENT, List.of(
                new HypergradientRow(1, 1, 0.1, 4, 0), new HypergradientRow(2, 1, 0.1, 2, -1),
                new HypergradientRow(3, 2, 0.2, 1, -1)), OptionalLong.empty());
        assertEquals(3, curve.meanLoss(1));
        assertEquals(1, curve.meanLoss(2));
        assertTrue(Double.isNaN(curve.meanLoss(3)));
        assertEquals("", curve.stopReason());
        assertEquals(3, curve.last().step());
    }

    @Test
    void stopReasonNamesTheStepAndWhatBecameNonFinite() {
        HypergradientCurve rate = new HypergradientCurve(HypergradientCurve.Kind.HYPERGRADIENT,
                List.of(new HypergradientRow(4, 1, Double.NaN, 0.5, Double.NaN)), OptionalLong.of(4));
        assertEquals("hypergradient run stopped at step 4: the learning rate became NaN; lower beta or alpha0, "
                + "or bound the rate with a maximum", rate.stopReason());
        HypergradientCurve loss = new HypergradientCurve(HypergradientCurve.Kind.BASELINE,
                List.of(new HypergradientRow(9, 2, 0.1, Double.POSITIVE_INFINITY, Double.NaN)), OptionalLong.of(9));
        assertEquals("baseline run stopped at step 9: the loss became Infinity; lower alpha0", loss.stopReason());
    }
}
