package dev.lrlab.experiment;

import java.util.Random;

/**
 * Cuts a dataset into batches epoch after epoch, each epoch in a new order drawn by Fisher-Yates from one
 * {@link Random} seeded once: the same seed gives the same sequence of batches. The last batch of an
 * epoch holds the rows left over, so it may be smaller.
 */
final class ShuffledBatches {
    /**
     * One batch, copied out of the dataset.
     *
     * @param features row-major features of the batch
     * @param labels labels of the batch
     * @param rows examples in the batch
     * @param epoch the 1-based epoch it belongs to
     */
    record Batch(float[] features, float[] labels, int rows, int epoch) {
    }

    private final ArrayData data;
    private final int batchSize;
    private final Random random;
    private final int[] order;
    private int position;
    private int epoch;

    /**
     * @param data the dataset
     * @param batchSize rows per batch, at least 1 (more than the dataset holds means the whole dataset)
     * @param seed the shuffling seed
     */
    ShuffledBatches(ArrayData data, int batchSize, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("expected a batch size >= 1, found " + batchSize);
        }
        this.data = data;
        this.batchSize = Math.min(batchSize, data.rows());
        this.random = new Random(seed);
        this.order = new int[data.rows()];
        this.position = data.rows();
    }

    /** @return the number of batches in one epoch */
    int batchesPerEpoch() {
        return (data.rows() + batchSize - 1) / batchSize;
    }

    /** @return the next batch, starting a freshly shuffled epoch when the current one is used up */
    Batch next() {
        if (position >= order.length) {
            shuffle();
            position = 0;
            epoch++;
        }
        int rows = Math.min(batchSize, order.length - position);
        int width = data.featureCount();
        int labelWidth = data.labelWidth();
        float[] features = new float[rows * width];
        float[] labels = new float[rows * labelWidth];
        for (int r = 0; r < rows; r++) {
            int source = order[position + r];
            System.arraycopy(data.features(), source * width, features, r * width, width);
            System.arraycopy(data.labels(), source * labelWidth, labels, r * labelWidth, labelWidth);
        }
        position += rows;
        return new Batch(features, labels, rows, epoch);
    }

    private void shuffle() {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
