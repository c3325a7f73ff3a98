package dev.lrlab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrlab.LrlabException;
import dev.lrlab.data.Dataset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainingSubsetTest {
    /** Row i has feature i and label 10 * i. */
    private static Dataset rows(int n) {
        float[] features = new float[n];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            features[i] = i;
            labels[i] = 10 * i;
        }
        return Dataset.builder().features(features).labels(labels).featureNames(List.of("x")).source("test").build();
    }

    /** The documented draw, written out: Algorithm R with new Random(seed), the kept rows sorted. */
    private static int[] expected(int n, int keep, long seed) {
        int[] slots = new int[keep];
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            if (i < keep) {
                slots[i] = i;
            } else {
                int j = random.nextInt(i + 1);
                if (j < keep) {
                    slots[j] = i;
                }
            }
        }
        return java.util.Arrays.stream(slots).sorted().toArray();
    }

    @Test
    void keepsTheDocumentedRowsInTheirOriginalOrder() {
        assertArrayEquals(expected(100, 30, 7), TrainingSubset.indices(100, 0.3, 7));
        assertArrayEquals(expected(1438, 288, 1), TrainingSubset.indices(1438, 0.2, 1));
        Dataset subset = TrainingSubset.of(rows(20), 0.25, 3);
        int[] kept = expected(20, 5, 3);
        assertEquals(5, subset.size());
        for (int i = 0; i < kept.length; i++) {
            assertEquals(kept[i], subset.feature(i, 0));
            assertEquals(10 * kept[i], subset.label(i));
        }
    }

    @Test
    void theSeedChoosesTheRowsAndTheSameSeedTheSameRows() {
        assertArrayEquals(TrainingSubset.indices(50, 0.5, 1), TrainingSubset.indices(50, 0.5, 1));
        assertFalse(java.util.Arrays.equals(TrainingSubset.indices(50, 0.5, 1), TrainingSubset.indices(50, 0.5, 2)));
    }

    @Test
    void keepsAtLeastOneRowAndAllOfThemAtOne() {
        assertEquals(1, TrainingSubset.indices(10, 0.01, 1).length);
        Dataset all = rows(4);
        assertSame(all, TrainingSubset.of(all, 1, 5));
    }

    @Test
    void rejectsFractionsOutsideZeroToOne() {
        assertEquals("`dataFraction` must be in (0, 1], found 0.0",
                assertThrows(LrlabException.class, () -> TrainingSubset.of(rows(3), 0, 1)).getMessage());
        assertThrows(LrlabException.class, () -> TrainingSubset.of(rows(3), 1.01, 1));
    }
}
