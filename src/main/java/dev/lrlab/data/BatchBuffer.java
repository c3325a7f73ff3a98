package dev.lrlab.data;

import java.util.Objects;

/**
 * Copies rows of a {@link Dataset} into preallocated arrays, so that a training loop of many
 * thousand steps allocates nothing per step.
 *
 * <p>It keeps one pair of arrays for full batches ({@code batchSize} rows) and one for the most
 * recent smaller size (the last partial batch of an epoch, which has the same size every epoch),
 * so every {@link Batch} it returns has arrays of exactly its row count. The returned batch shares
 * these arrays: it is valid until the next fill. Not thread-safe.
 *
 * <pre>{@code
 * BatchBuffer buffer = new BatchBuffer(train, 32);
 * BatchOrder order = BatchOrder.builder(train.size(), 32).seed(seed).build();
 * for (long step = 0; step < steps; step++) {
 *     Batch batch = buffer.fill(order, step); // no allocation
 *     ...
 * }
 * }</pre>
 */
public final class BatchBuffer {
    private final Dataset dataset;
    private final int batchSize;
    private final Batch full;
    private final int[] indices;
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
        this.indices = new int[batchSize];
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
        return fill(indices, indices.length);
    }

    /**
     * Copies the rows named by the first {@code count} of {@code indices} into this buffer.
     *
     * @param indices row indices
     * @param count how many of them to use, at most {@link #batchSize()}
     * @return a batch of {@code count} rows that shares this buffer's arrays
     */
    public Batch fill(int[] indices, int count) {
        if (count < 0 || count > batchSize || count > indices.length) {
            throw new IllegalArgumentException("expected at most " + Math.min(batchSize, indices.length)
                    + " indices, found " + count);
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

    /**
     * Copies the rows of step {@code step}'s batch: the allocation-free path for a training loop.
     *
     * @param order the batch order; its batch size must not exceed this buffer's
     * @param step step number of the whole run, from 0
     * @return the step's batch, sharing this buffer's arrays
     */
    public Batch fill(BatchOrder order, long step) {
        if (order.batchSize() > batchSize) {
            throw new IllegalArgumentException("expected a batch order with batches of at most " + batchSize
                    + ", found " + order.batchSize());
        }
        if (order.size() != dataset.size()) {
            throw new IllegalArgumentException("expected a batch order over " + dataset.size()
                    + " examples, found " + order.size());
        }
        int count = order.fill(step, indices);
        return fill(indices, count);
    }

    private Batch allocate(int rows) {
        return new Batch(new float[rows * dataset.featureCount()], new float[rows * dataset.labelWidth()], rows);
    }
}
