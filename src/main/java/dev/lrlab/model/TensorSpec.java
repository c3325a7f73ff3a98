package dev.lrlab.model;

import java.util.Arrays;

/**
 * One input or output of a signature.
 *
 * @param key the signature's key for the tensor (e.g. {@code x})
 * @param tensorName the graph tensor it names (e.g. {@code x:0})
 * @param dtype TensorFlow dtype without the {@code DT_} prefix (e.g. {@code FLOAT})
 * @param shape dimensions, -1 for unknown; {@code null} when the rank is unknown
 */
public record TensorSpec(String key, String tensorName, String dtype, long[] shape) {

    /** @return the shape as TensorFlow prints it, e.g. {@code [-1,13]} or {@code <unknown>} */
    public String shapeText() {
        if (shape == null) {
            return "<unknown>";
        }
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ",").append(shape[i]);
        }
        return text.append(']').toString();
    }

    /** @return the number of values in one example (product of all dims after the first), or -1 if unknown */
    public long valuesPerExample() {
        if (shape == null || shape.length == 0) {
            return shape == null ? -1 : 1;
        }
        long product = 1;
        for (int i = 1; i < shape.length; i++) {
            if (shape[i] < 0) {
                return -1;
            }
            product *= shape[i];
        }
        return product;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorSpec that && key.equals(that.key) && tensorName.equals(that.tensorName)
                && dtype.equals(that.dtype) && Arrays.equals(shape, that.shape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * key.hashCode() + tensorName.hashCode()) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return key + " (" + tensorName + ", " + dtype + ", " + shapeText() + ")";
    }
}
