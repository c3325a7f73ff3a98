package dev.lrlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BatchBufferTest {
    @Test
    void fillsFullBatchesIntoTheSameArrays() {
        BatchBuffer buffer = new BatchBuffer(TestData.table(5), 2);
        Batch first = buffer.fill(new int[] {4, 1});
        assertArrayEquals(new float[] {40, 41, 42, 10, 11, 12}, first.features());
        assertArrayEquals(new float[] {4, 1}, first.labels());
        float[] features = first.features();
        Batch second = buffer.fill(new int[] {0, 2});
        assertSame(features, second.features());
        assertSame(first.labels(), second.labels());
        assertArrayEquals(new float[] {0, 1, 2, 20, 21, 22}, second.features());
    }

    @Test
    void partialBatchesHaveExactlySizedArraysReusedAcrossEpochs() {
        BatchBuffer buffer = new BatchBuffer(TestData.table(5), 2);
        Batch last = buffer.fill(new int[] {3});
        assertEquals(1, last.size());
        assertArrayEquals(new float[] {30, 31, 32}, last.features());
        buffer.fill(new int[] {0, 1});
        Batch again = buffer.fill(new int[] {2});
        assertSame(last.features(), again.features());
        assertArrayEquals(new float[] {2}, again.labels());
        assertNotSame(last.features(), buffer.fill(new int[] {0, 1}).features());
    }

    @Test
    void usesOnlyTheFirstCountIndices() {
        BatchBuffer buffer = new BatchBuffer(TestData.table(5), 3);
        Batch b = buffer.fill(new int[] {4, 2, 99}, 2);
        assertArrayEquals(new float[] {4, 2}, b.labels());
        assertEquals(2, b.size());
    }

    @Test
    void followsABatchOrderStepByStepWithReusedArrays() {
        Dataset data = TestData.table(5);
        BatchOrder order = BatchOrder.builder(5, 2).seed(11).build();
        BatchOrder reference = BatchOrder.builder(5, 2).seed(11).build();
        BatchBuffer buffer = new BatchBuffer(data, 2);
        float[] fullFeatures = buffer.fill(order, 0).features();
        float[] partialFeatures = buffer.fill(order, 2).features();
        for (long step = 0; step < 30; step++) {
            Batch batch = buffer.fill(order, step);
            Batch expected = data.gather(reference.batchAt(step));
            assertArrayEquals(expected.features(), batch.features());
            assertArrayEquals(expected.labels(), batch.labels());
            assertSame(step % 3 == 2 ? partialFeatures : fullFeatures, batch.features());
        }
        IllegalArgumentException wrongSize = assertThrows(IllegalArgumentException.class,
                () -> buffer.fill(BatchOrder.builder(4, 2).build(), 0));
        assertEquals("expected a batch order over 5 examples, found 4", wrongSize.getMessage());
        assertThrows(IllegalArgumentException.class, () -> buffer.fill(BatchOrder.builder(5, 3).build(), 0));
    }

    @Test
    void rejectsMoreIndicesThanTheBatchSizeAndBadRows() {
        BatchBuffer buffer = new BatchBuffer(TestData.table(5), 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> buffer.fill(new int[] {0, 1, 2}));
        assertEquals("expected at most 2 indices, found 3", e.getMessage());
        IndexOutOfBoundsException row = assertThrows(IndexOutOfBoundsException.class,
                () -> buffer.fill(new int[] {0, 5}));
        assertEquals("row index 5 at position 1 is outside [0, 5)", row.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BatchBuffer(TestData.table(1), 0));
    }
}
