package dev.lrlab.suggest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LossSmootherTest {
    @Test
    void biasCorrectedAverageByHand() {
        // beta 0.5: avg 1 -> 1/(1-0.5) = 2; avg 0.5*1+0.5*1 = 1 -> 1/(1-0.25) = 4/3;
        // avg 0.5*1+0.5*4 = 2.5 -> 2.5/(1-0.125) = 20/7
        LossSmoother s = new LossSmoother(0.5);
        assertEquals(2.0, s.add(2), 1e-15);
        assertEquals(4.0 / 3, s.add(1), 1e-15);
        assertEquals(20.0 / 7, s.add(4), 1e-15);
        assertEquals(20.0 / 7, s.smoothed(), 1e-15);
        assertEquals(3, s.count());
    }

    @Test
    void firstValueIsTheLossAndConstantStaysConstant() {
        LossSmoother s = new LossSmoother();
        assertEquals(0.98, s.beta());
        for (int i = 0; i < 50; i++) {
            assertEquals(1.7, s.add(1.7), 1e-12);
        }
    }

    @Test
    void matchesFastaiStyleSmoothingOfARealisticCurve() {
        // values computed with avg = 0.98*avg + 0.02*loss; avg / (1 - 0.98**(k+1)) in Python
        double[] raw = {2.2965318776060104, 2.2955304262439444, 2.294240723883135};
        double[] expected = {2.2965318776060104, 2.2960260940898127, 2.2954189079223943};
        assertArrayEquals(expected, LossSmoother.smooth(raw, 0.98), 1e-14);
    }

    @Test
    void zeroBetaMeansNoSmoothing() {
        assertArrayEquals(new double[] {3, 1, 2}, LossSmoother.smooth(new double[] {3, 1, 2}, 0), 0);
    }

    @Test
    void nanPropagates() {
        LossSmoother s = new LossSmoother();
        s.add(1);
        assertEquals(Double.NaN, s.add(Double.NaN));
    }

    @Test
    void rejectsBadBetaAndEarlyRead() {
        assertEquals("expected a smoothing beta in [0, 1), found 1.0",
                assertThrows(IllegalArgumentException.class, () -> new LossSmoother(1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LossSmoother(Double.NaN));
        assertThrows(IllegalStateException.class, () -> new LossSmoother().smoothed());
    }
}
