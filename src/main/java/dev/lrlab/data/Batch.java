package dev.lrlab.data;

/**
 * A batch of examples: {@code size} rows of features (row-major, exactly {@code size *
 * featureCount} values) and {@code size} rows of labels (one or more values each).
 *
 * <p>A batch from {@link BatchBuffer#fill(int[])} shares its arrays with the buffer: it is valid
 * until the next fill. A batch from {@link Dataset#gather(int[])} owns its arrays.
 *
 * @param features row-major features, {@code size * featureCount()} values
 * @param labels the label values of each row, row-major
 * @param size number of rows
 */
public record Batch(float[] features, float[] labels, int size) {
    /** Checks that the arrays hold exactly {@code size} rows. */
    public Batch {
        if (size < 0 || (size == 0 ? labels.length != 0 : labels.length % size != 0 || labels.length == 0)) {
            throw new IllegalArgumentException("expected " + size + " rows of labels, found " + labels.length + " values");
        }
        if (size == 0 ? features.length != 0 : features.length % size != 0) {
            throw new IllegalArgumentException(
                    "expected a multiple of " + size + " feature values, found " + features.length);
        }
    }

    /** @return features per row ({@code 0} for an empty batch) */
    public int featureCount() {
        return size == 0 ? 0 : features.length / size;
    }
}
