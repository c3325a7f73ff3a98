package dev.lrlab.model;

import java.util.Arrays;

/**
 * One feature that a model parses out of serialized {@code tf.Example} protos, as its parsing op declares it.
 *
 * @param key the feature's key in the proto (e.g. {@code x}, {@code culmen_length_mm})
 * @param dtype {@code FLOAT}, {@code INT64} or {@code STRING}: the proto list it is read from
 * @param shape the dense shape of one example's value ({@code []} or {@code [4]}; -1 for a dimension of any
 *     length), {@code null} for a sparse or ragged feature of any length
 */
public record ExampleFeature(String key, String dtype, long[] shape) {

    /** @return the fixed number of values per example, or -1 when it may vary (sparse, ragged, unknown dims) */
    public long width() {
        if (shape == null) {
            return -1;
        }
        long product = 1;
        for (long d : shape) {
            if (d < 0) {
                return -1;
            }
            product *= d;
        }
        return product;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExampleFeature that && key.equals(that.key) && dtype.equals(that.dtype)
                && Arrays.equals(shape, that.shape);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return key + " " + dtype + (shape == null ? " (any length)" : " " + Arrays.toString(shape));
    }
}
