package dev.lrlab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ShuffledBatchesTest {
    /** Ten rows; row r has features (r, 10 r) and label 100 r, so a batch names its rows. */
    private static ArrayData numbered() {
        float[] features = new float[20];
        float[] labels = new float[10];
        for (int r = 0; r < 10; r++) {
            features[2 * r] = r;
            features[2 * r + 1] = 10 * r;
            labels[r] = 100 * r;
        }
        return new ArrayData(features, labels, 10, 2);
    }

    @Test
    void everyEpochIsAPermutationCutIntoBatchesWithASmallerLastOne() {
        ShuffledBatches batches = new ShuffledBatches(numbered(), 4, 5);
        assertEquals(3, batches.batchesPerEpoch());
        List<List<Integer>> epochs = new ArrayList<>();
        for (int epoch = 1; epoch <= 3; epoch++) {
            List<Integer> seen = new ArrayList<>();
            for (int size : new int[] {4, 4, 2}) {
                ShuffledBatches.Batch batch = batches.next();
                assertEquals(size, batch.rows());
                assertEquals(epoch, batch.epoch());
                for (int r = 0; r < size; r++) {
                    int row = (int) batch.features()[2 * r];
                    assertEquals(10f * row, batch.features()[2 * r + 1]);
                    assertEquals(100f * row, batch.labels()[r]);
                    seen.add(row);
                }
            }
            assertEquals(new TreeSet<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)), new TreeSet<>(seen));
            epochs.add(seen);
        }
        assertNotEquals(epochs.get(0), epochs.get(1));
    }

    @Test
    void theSameSeedGivesTheSameBatches() {
        ShuffledBatches a = new ShuffledBatches(numbered(), 3, 42);
        ShuffledBatches b = new ShuffledBatches(numbered(), 3, 42);
        for (int i = 0; i < 12; i++) {
            assertArrayEquals(a.next().labels(), b.next().labels());
        }
    }

    @Test
    void aBatchLargerThanTheDataIsTheWholeData() {
        ShuffledBatches batches = new ShuffledBatches(numbered(), 64, 1);
        assertEquals(1, batches.batchesPerEpoch());
        assertEquals(10, batches.next().rows());
        assertEquals(2, batches.next().epoch());
    }
}
