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
        long[] dims = new long[binding.exampleShape().length + 1];
        dims[0] = rows;
        System.arraycopy(binding.exampleShape(), 0, dims, 1, binding.exampleShape().length);
        Shape shape = Shape.of(dims);
        boolean contiguous = columns.length == rowWidth && isIdentity(columns);
        switch (binding.input().dtype()) {
            case "FLOAT": {
                if (contiguous) {
                    return TFloat32.tensorOf(shape, DataBuffers.of(features, true, false).narrow((long) rows * rowWidth));
                }
                float[] values = new float[rows * columns.length];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < columns.length; c++) {
                        values[r * columns.length + c] = features[r * rowWidth + columns[c]];
                    }
                }
                return TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
            }
            case "DOUBLE": {
                double[] values = gather(features, rowWidth, rows, columns);
                return TFloat64.tensorOf(shape, DataBuffers.of(values, true, false));
            }
            case "INT32": {
                double[] values = gather(features, rowWidth, rows, columns);
                int[] ints = new int[values.length];
                for (int i = 0; i < ints.length; i++) {
                    ints[i] = (int) Math.round(values[i]);
                }
                return TInt32.tensorOf(shape, DataBuffers.of(ints, true, false));
            }
            case "INT64": {
                double[] values = gather(features, rowWidth, rows, columns);
                long[] longs = new long[values.length];
                for (int i = 0; i < longs.length; i++) {
                    longs[i] = Math.round(values[i]);
                }
                return TInt64.tensorOf(shape, DataBuffers.of(longs, true, false));
            }
            default:
                throw LrlabException.model("model input " + binding.input().key() + " has dtype " + binding.input().dtype()
                        + "; lrlab feeds FLOAT, DOUBLE, INT32 or INT64 inputs");
        }
    }

    static boolean isIdentity(int[] columns) {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] != i) {
                return false;
            }
        }
        return true;
    }

    private static double[] gather(float[] features, int rowWidth, int rows, int[] columns) {
        double[] values = new double[rows * columns.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns.length; c++) {
                values[r * columns.length + c] = features[r * rowWidth + columns[c]];
            }
        }
        return values;
    }
}
