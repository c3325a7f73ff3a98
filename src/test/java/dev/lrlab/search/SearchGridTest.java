package dev.lrlab.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SearchGridTest {
    @Test
    void theDefaultCoarseGridIsEveryPowerOfTenExactly() {
        assertArrayEquals(new double[] {1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1}, SearchGrid.coarse(1e-7, 1, 1));
    }

    @Test
    void twoPerDecadeAddsTheGeometricMidpoints() {
        double[] rates = SearchGrid.coarse(1e-3, 1e-1, 2);
        assertEquals(5, rates.length);
        assertEquals(1e-3, rates[0]);
        assertEquals(Math.sqrt(10) * 1e-3, rates[1], 1e-18);
        assertEquals(1e-2, rates[2], 1e-17);
        assertEquals(1e-1, rates[4], 1e-16);
    }

    @Test
    void aRangeThatIsNotWholeStepsStopsBelowTo() {
        assertArrayEquals(new double[] {3e-4, 3e-3}, SearchGrid.coarse(3e-4, 2e-2, 1), 1e-18);
    }

    @Test
    void sevenPointsAroundARateSplitTheTwoNeighbouringDecadesIntoEight() {
        double[] rates = SearchGrid.around(1e-2, 10, 7);
        assertEquals(7, rates.length);
        for (int j = 1; j <= 7; j++) {
            assertEquals(1e-2 * Math.pow(10, (j - 4) / 4.0), rates[j - 1], 1e-15);
        }
        assertEquals(1e-2, rates[3], "the middle point is the centre itself");
        assertEquals(Math.pow(10, 0.25), SearchGrid.refinedRatio(10, 7), 1e-15);
    }

    @Test
    void anEvenCountLeavesTheCentreOut() {
        double[] rates = SearchGrid.around(1, 100, 2);
        assertArrayEquals(new double[] {Math.pow(100, -1 / 3.0), Math.pow(100, 1 / 3.0)}, rates, 1e-15);
        assertEquals(Math.sqrt(10), SearchGrid.coarseRatio(2), 1e-15);
    }
}
