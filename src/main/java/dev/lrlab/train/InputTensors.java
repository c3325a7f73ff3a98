package dev.lrlab.train;

import dev.lrlab.LrlabException;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** Builds the tensor for one model input from rows of float features, cast to the input's dtype. */
final class InputTensors {
    private InputTensors() {
    }

    /**
     * @param binding the input and its columns
     * @param features row-major features, {@code rows * rowWidth}
     * @param rowWidth values per row in {@code features}
     * @param rows examples in the batch
     * @return a new tensor of shape [rows, exampleShape...]; the caller closes it
     */
    static Tensor create(InputBinding binding, float[] features, int rowWidth, int rows) {
        int[] columns = binding.columns();
        Shape shape = shape(binding, rows);
        if (binding.input().dtype().equals("FLOAT") && columns.length == rowWidth && isIdentity(columns)) {
            return TFloat32.tensorOf(shape, DataBuffers.of(features, true, false).narrow((long) rows * rowWidth));
        }
        float[] values = new float[rows * columns.length];
        gather(features, rowWidth, rows, columns, values);
        switch (binding.input().dtype()) {
            case "FLOAT":
                return TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
            case "DOUBLE": {
                double[] doubles = new double[values.length];
                for (int i = 0; i < doubles.length; i++) {
                    doubles[i] = values[i];
                }
                return TFloat64.tensorOf(shape, DataBuffers.of(doubles, true, false));
            }
            case "INT32": {
                int[] ints = new int[values.length];
                for (int i = 0; i < ints.length; i++) {
                    ints[i] = Math.round(values[i]);
                }
                return TInt32.tensorOf(shape, DataBuffers.of(ints, true, false));
            }
            case "INT64": {
                long[] longs = new long[values.length];
                for (int i = 0; i < longs.length; i++) {
                    longs[i] = Math.round((double) values[i]);
                }
                return TInt64.tensorOf(shape, DataBuffers.of(longs, true, false));
            }
            default:
                throw LrlabException.model("model input " + binding.input().key() + " has dtype " + binding.input().dtype()
                        + "; lrlab feeds FLOAT, DOUBLE, INT32 or INT64 inputs");
        }
    }

    /** @return the shape of a batch of {@code rows} examples for this input: [rows, exampleShape...] */
    static Shape shape(InputBinding binding, int rows) {
        long[] dims = new long[binding.exampleShape().length + 1];
        dims[0] = rows;
        System.arraycopy(binding.exampleShape(), 0, dims, 1, binding.exampleShape().length);
        return Shape.of(dims);
    }

    static boolean isIdentity(int[] columns) {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** Copies the given columns of {@code rows} rows into {@code out}, row-major. */
    static void gather(float[] features, int rowWidth, int rows, int[] columns, float[] out) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns.length; c++) {
                out[r * columns.length + c] = features[r * rowWidth + columns[c]];
            }
        }
    }
}
