package dev.lrlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrlab.LrlabException;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BatchOrderTest {
    @Test
    void unshuffledEpochsVisitRowsInOrderAndKeepTheLastPartialBatch() {
        BatchOrder order = BatchOrder.builder(7, 3).shuffle(false).build();
        assertEquals(3, order.batchesPerEpoch());
        List<int[]> epoch = order.epoch(4);
        assertArrayEquals(new int[] {0, 1, 2}, epoch.get(0));
        assertArrayEquals(new int[] {3, 4, 5}, epoch.get(1));
        assertArrayEquals(new int[] {6}, epoch.get(2));
    }

    @Test
    void dropLastDropsThePartialBatch() {
        BatchOrder order = BatchOrder.builder(7, 3).shuffle(false).dropLast(true).build();
        assertEquals(2, order.batchesPerEpoch());
        assertArrayEquals(new int[] {0, 1, 2}, order.batchAt(2)); // step 2 wraps to epoch 1
        assertEquals(2, BatchOrder.builder(6, 3).dropLast(true).build().batchesPerEpoch());
    }

    @Test
    void shuffledEpochsArePermutationsFromTheSeedAndEpoch() {
        BatchOrder order = BatchOrder.builder(10, 4).seed(42).build();
        for (long e = 0; e < 3; e++) {
            int[] visited = order.epoch(e).stream().flatMapToInt(Arrays::stream).toArray();
            int[] expected = Permutations.shuffled(10, new Random(Permutations.epochSeed(42, e)));
            assertArrayEquals(expected, visited);
            assertArrayEquals(IntStream.range(0, 10).toArray(), Arrays.stream(visited).sorted().toArray());
        }
        assertFalse(Arrays.equals(order.permutation(0), order.permutation(1)));
    }

    @Test
    void sameSeedSameOrderDifferentSeedDifferentOrder() {
        int[] a = BatchOrder.builder(50, 8).seed(5).build().permutation(3);
        int[] b = BatchOrder.builder(50, 8).seed(5).build().permutation(3);
        int[] c = BatchOrder.builder(50, 8).seed(6).build().permutation(3);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void stepsWrapIntoLaterEpochs() {
        BatchOrder order = BatchOrder.builder(10, 4).seed(9).build();
        assertEquals(3, order.batchesPerEpoch());
        assertArrayEquals(order.batch(0, 2), order.batchAt(2));
        assertEquals(2, order.batchAt(2).length);
        assertArrayEquals(order.batch(1, 0), order.batchAt(3));
        assertArrayEquals(order.batch(6, 1), order.batchAt(19));
        assertEquals(6, order.epochOf(19));
        // Going back to an earlier epoch recomputes the same permutation.
        int[] early = order.batchAt(0);
        order.batchAt(100);
        assertArrayEquals(early, order.batchAt(0));
    }

    @Test
    void fillWritesTheSameIndicesWithoutAllocating() {
        BatchOrder order = BatchOrder.builder(10, 4).seed(1).build();
        BatchOrder reference = BatchOrder.builder(10, 4).seed(1).build();
        int[] out = new int[4];
        for (long step = 0; step < 20; step++) {
            int count = order.fill(step, out);
            int[] expected = reference.batchAt(step);
            assertEquals(expected.length, count);
            assertEquals(expected.length, order.batchSizeAt(step));
            assertArrayEquals(expected, Arrays.copyOf(out, count));
        }
        assertThrows(IllegalArgumentException.class, () -> order.fill(0, new int[3]));
        assertThrows(IllegalArgumentException.class, () -> order.batchAt(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> order.batch(0, 3));
    }

    @Test
    void aBatchLargerThanTheDataIsOneBatchUnlessDropped() {
        assertArrayEquals(new int[] {0, 1, 2}, BatchOrder.builder(3, 8).shuffle(false).build().batchAt(5));
        LrlabException e = assertThrows(LrlabException.class,
                () -> BatchOrder.builder(3, 8).dropLast(true).build());
        assertEquals(LrlabException.Kind.SETTING, e.kind());
        assertEquals("batch size 8 exceeds the 3 examples and the last partial batch is dropped, so no batch"
                + " is left; use a batch size of at most 3", e.getMessage());
    }

    @Test
    void rejectsEmptyDataAndNonPositiveBatchSize() {
        LrlabException batch = assertThrows(LrlabException.class, () -> BatchOrder.builder(3, 0).build());
        assertEquals("expected a positive batch size, found 0", batch.getMessage());
        LrlabException size = assertThrows(LrlabException.class, () -> BatchOrder.builder(0, 2).build());
        assertEquals(LrlabException.Kind.DATA, size.kind());
        assertEquals("expected a dataset with at least one example, found 0", size.getMessage());
    }

    @Test
    void reportsItsSettings() {
        BatchOrder order = BatchOrder.builder(10, 4).seed(3).shuffle(false).dropLast(true).build();
        assertEquals(10, order.size());
        assertEquals(4, order.batchSize());
        assertEquals(3, order.seed());
        assertFalse(order.shuffles());
        assertEquals(true, order.dropsLast());
        assertEquals("BatchOrder[size=10, batchSize=4, seed=3, shuffle=false, dropLast=true]", order.toString());
    }
}
