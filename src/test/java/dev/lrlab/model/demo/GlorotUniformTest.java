package dev.lrlab.model.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GlorotUniformTest {

    @Test
    void limitIsSqrtOfSixOverFanInPlusFanOut() {
        assertEquals(0.25, GlorotUniform.limit(64, 32), 1e-15);     // sqrt(6/96)
        assertEquals(Math.sqrt(0.3), GlorotUniform.limit(4, 16), 1e-15);
        assertEquals(Math.sqrt(6.0 / 11), GlorotUniform.limit(10, 1), 1e-15);
    }

    @Test
    void valuesStayInsideTheLimitAndHaveGlorotVariance() {
        int fanIn = 784;
        int fanOut = 256;
        float[][] kernel = new GlorotUniform(7).kernel(0, fanIn, fanOut);
        assertEquals(fanIn, kernel.length);
        assertEquals(fanOut, kernel[0].length);
        double limit = GlorotUniform.limit(fanIn, fanOut);
        double sum = 0;
        double sumSquares = 0;
        for (float[] row : kernel) {
            for (float v : row) {
                assertTrue(Math.abs(v) <= limit, () -> "expected |value| <= " + limit + ", found " + v);
                sum += v;
                sumSquares += (double) v * v;
            }
        }
        int n = fanIn * fanOut;
        double expectedVariance = 2.0 / (fanIn + fanOut);  // limit^2 / 3
        // the standard error of the mean is sqrt(variance / n) ~ 1e-4; of the variance ~0.3%
        assertEquals(0.0, sum / n, 5e-4);
        assertEquals(expectedVariance, sumSquares / n, 0.02 * expectedVariance);
    }

    @Test
    void sameSeedAndLayerGiveTheSameValues() {
        assertTrue(Arrays.deepEquals(new GlorotUniform(3).kernel(1, 5, 4), new GlorotUniform(3).kernel(1, 5, 4)));
    }

    @Test
    void layersAndSeedsDrawFromDifferentGenerators() {
        float[] base = new GlorotUniform(3).kernel(0, 5, 4)[0];
        assertFalse(Arrays.equals(base, new GlorotUniform(3).kernel(1, 5, 4)[0]));
        assertFalse(Arrays.equals(base, new GlorotUniform(4).kernel(0, 5, 4)[0]));
    }

    @Test
    void aLayersValuesDoNotDependOnItsShapeBeyondTheLimit() {
        // row-major draws: the first row of a 3x4 kernel scaled by its limit equals that of a 5x4
        float[] small = new GlorotUniform(9).kernel(0, 3, 4)[0];
        float[] large = new GlorotUniform(9).kernel(0, 5, 4)[0];
        double ratio = GlorotUniform.limit(5, 4) / GlorotUniform.limit(3, 4);
        float[] scaled = new float[4];
        for (int j = 0; j < 4; j++) {
            scaled[j] = (float) (small[j] * ratio);
        }
        assertArrayEquals(large, scaled, 1e-6f);
    }

    @Test
    void rejectsEmptyShapesAndNegativeLayers() {
        assertEquals("expected fanIn >= 1, found 0",
                assertThrows(IllegalArgumentException.class, () -> GlorotUniform.limit(0, 3)).getMessage());
        assertEquals("expected fanOut >= 1, found -2",
                assertThrows(IllegalArgumentException.class,
                        () -> new GlorotUniform(1).kernel(0, 2, -2)).getMessage());
        assertEquals("expected a layer index >= 0, found -1",
                assertThrows(IllegalArgumentException.class,
                        () -> new GlorotUniform(1).kernel(-1, 2, 2)).getMessage());
    }
}
