package dev.lrlab.train;

import com.google.protobuf.ByteString;
import dev.lrlab.LrlabException;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Builds the tensor for one model input from rows of stored features, in the input's dtype: numbers as they
 * are, text columns through their parsed values ({@link ColumnValues}), and serialized {@code tf.Example} protos
 * for inputs a parsing op reads.
 */
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
        int[] columns = binding.columnsView();
        Shape shape = shape(binding, rows);
        if (binding.isExample()) {
            return TString.tensorOfBytes(shape, DataBuffers.ofObjects(examples(binding, features, rowWidth, rows)));
        }
        int width = columns.length;
        int size = rows * width;
        switch (binding.input().dtype()) {
            case "FLOAT": {
                float[] values = new float[size];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < width; c++) {
                        values[r * width + c] = binding.values(c).floatAt(features[r * rowWidth + columns[c]]);
                    }
                }
                return TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
            }
            case "DOUBLE": {
                double[] values = new double[size];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < width; c++) {
                        values[r * width + c] = binding.values(c).doubleAt(features[r * rowWidth + columns[c]]);
                    }
                }
                return TFloat64.tensorOf(shape, DataBuffers.of(values, true, false));
            }
            case "INT32": {
                int[] values = new int[size];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < width; c++) {
                        values[r * width + c] = (int) binding.values(c).longAt(features[r * rowWidth + columns[c]]);
                    }
                }
                return TInt32.tensorOf(shape, DataBuffers.of(values, true, false));
            }
            case "INT64": {
                long[] values = new long[size];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < width; c++) {
                        values[r * width + c] = binding.values(c).longAt(features[r * rowWidth + columns[c]]);
                    }
                }
                return TInt64.tensorOf(shape, DataBuffers.of(values, true, false));
            }
            case "STRING": {
                byte[][] values = new byte[size][];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < width; c++) {
                        values[r * width + c] = binding.values(c).bytesAt(features[r * rowWidth + columns[c]]);
                    }
                }
                return TString.tensorOfBytes(shape, DataBuffers.ofObjects(values));
            }
            default:
                throw LrlabException.model("model input " + binding.input().key() + " has dtype " + binding.input().dtype()
                        + "; lrlab feeds FLOAT, DOUBLE, INT32, INT64 or STRING inputs");
        }
    }

    /** One serialized {@code tf.Example} per row, holding every feature the input's parsing op reads. */
    private static byte[][] examples(InputBinding binding, float[] features, int rowWidth, int rows) {
        byte[][] serialized = new byte[rows][];
        for (int r = 0; r < rows; r++) {
            Features.Builder row = Features.newBuilder();
            for (InputBinding.ExampleBinding feature : binding.example()) {
                row.putFeature(feature.feature().key(), feature(binding, feature, features, r * rowWidth));
            }
            serialized[r] = Example.newBuilder().setFeatures(row).build().toByteArray();
        }
        return serialized;
    }

    private static Feature feature(InputBinding binding, InputBinding.ExampleBinding bound, float[] features, int rowStart) {
        switch (bound.feature().dtype()) {
            case "INT64": {
                Int64List.Builder list = Int64List.newBuilder();
                eachValue(binding, bound, features, rowStart, (values, stored) -> list.addValue(values.longAt(stored)));
                return Feature.newBuilder().setInt64List(list).build();
            }
            case "STRING": {
                BytesList.Builder list = BytesList.newBuilder();
                eachValue(binding, bound, features, rowStart,
                        (values, stored) -> list.addValue(ByteString.copyFrom(values.bytesAt(stored))));
                return Feature.newBuilder().setBytesList(list).build();
            }
            default: {
                FloatList.Builder list = FloatList.newBuilder();
                eachValue(binding, bound, features, rowStart, (values, stored) -> list.addValue(values.floatAt(stored)));
                return Feature.newBuilder().setFloatList(list).build();
            }
        }
    }

    /** Takes one stored cell of a column and the column's values. */
    private interface CellSink {
        void accept(ColumnValues values, float stored);
    }

    /**
     * Hands each cell of a feature's columns in one row to {@code sink}, leaving out empty text cells of a feature of
     * any length (for such a feature an empty cell means no value).
     */
    private static void eachValue(InputBinding binding, InputBinding.ExampleBinding bound, float[] features, int rowStart,
            CellSink sink) {
        boolean anyLength = bound.feature().width() < 0;
        for (int column : bound.columns()) {
            ColumnValues values = binding.valuesFor(column);
            float stored = features[rowStart + column];
            if (!(anyLength && values.isEmpty(stored))) {
                sink.accept(values, stored);
            }
        }
    }

    /** @return the shape of a batch of {@code rows} examples for this input: [rows, exampleShape...] */
    static Shape shape(InputBinding binding, int rows) {
        long[] example = binding.exampleShape();
        long[] dims = new long[example.length + 1];
        dims[0] = rows;
        System.arraycopy(example, 0, dims, 1, example.length);
        return Shape.of(dims);
    }

    /** @return whether the binding feeds its input float32 values straight from numeric columns */
    static boolean isPlainFloat(InputBinding binding) {
        if (binding.isExample() || !binding.input().dtype().equals("FLOAT")) {
            return false;
        }
        for (int c = 0; c < binding.columnsView().length; c++) {
            if (!(binding.values(c) instanceof ColumnValues.Numeric)) {
                return false;
            }
        }
        return true;
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
