package dev.lrlab.data;

import java.util.Objects;

/**
 * Copies rows of a {@link Dataset} into preallocated arrays, so that a training loop of many
 * thousand steps allocates nothing per step.
 *
 * <p>It keeps one pair of arrays for full batches ({@code batchSize} rows) and one for the most
 * recent smaller size (the last partial batch of an epoch, which has the same size every epoch),
 * so every {@link Batch} it returns has arrays of exactly its row count. The returned batch shares
 * these arrays: it is valid until the next {@link #fill(int[])}. Not thread-safe.
 */
public final class BatchBuffer {
    private final Dataset dataset;
    private final int batchSize;
    private final Batch full;
    private Batch partial;

    /**
     * @param dataset the rows to copy from
     * @param batchSize the largest batch; must be positive
     */
    public BatchBuffer(Dataset dataset, int batchSize) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("expected a positive batch size, found " + batchSize);
        }
        this.batchSize = batchSize;
        this.full = allocate(batchSize);
    }

    /** @return the largest batch this buffer holds */
    public int batchSize() {
        return batchSize;
    }

    /** @return the dataset rows are copied from */
    public Dataset dataset() {
        return dataset;
    }

    /**
     * Copies the rows named by {@code indices} into this buffer.
     *
     * @param indices row indices, at most {@link #batchSize()} of them
     * @return a batch of {@code indices.length} rows that shares this buffer's arrays
     */
    public Batch fill(int[] indices) {
        int count = indices.length;
        if (count > batchSize) {
            throw new IllegalArgumentException(
                    "expected at most " + batchSize + " indices, found " + count);
        }
        Batch target;
        if (count == batchSize) {
            target = full;
        } else {
            if (partial == null || partial.size() != count) {
                partial = allocate(count);
            }
            target = partial;
        }
        dataset.copyRows(indices, count, target.features(), target.labels());
        return target;
    }

    private Batch allocate(int rows) {
        return new Batch(new float[rows * dataset.featureCount()], new float[rows], rows);
    }
}
