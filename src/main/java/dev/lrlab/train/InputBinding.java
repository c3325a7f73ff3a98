package dev.lrlab.train;

import dev.lrlab.LrlabException;
import dev.lrlab.model.ExampleFeature;
import dev.lrlab.model.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * How the feature columns of a dataset feed one input of a signature.
 *
 * <ul>
 *   <li>One input takes every feature column (reshaped to the input's shape when it is fixed, e.g. 784 values
 *       to [28,28,1]). Several inputs take columns by name: input {@code a} of width 1 takes column {@code a};
 *       input {@code a} of width w takes columns {@code a_0 ... a_(w-1)}.
 *   <li>Each input is fed in its own dtype: FLOAT, DOUBLE, INT32 and INT64 from numbers (integer inputs take
 *       whole numbers only), STRING from the column's text.
 *   <li>A STRING input that a {@code ParseExample} op reads takes serialized {@code tf.Example} protos, built
 *       for each row from the columns of the features the model parses (see {@link ExampleBinding}).
 * </ul>
 */
public final class InputBinding {
    private final TensorSpec input;
    private final int[] columns;
    private final long[] exampleShape;
    private final ColumnValues[] values;
    private final ColumnValues[] byColumn; // values indexed by feature column, for the tf.Example builder
    private final List<ExampleBinding> example;

    private InputBinding(TensorSpec input, int[] columns, long[] exampleShape, ColumnValues[] values,
            List<ExampleBinding> example) {
        this.input = input;
        this.columns = columns;
        this.exampleShape = exampleShape;
        this.values = values;
        this.byColumn = new ColumnValues[Arrays.stream(columns).max().orElse(-1) + 1];
        for (int i = 0; i < columns.length; i++) {
            byColumn[columns[i]] = values[i];
        }
        this.example = example;
    }

    /** @return the signature input */
    public TensorSpec input() {
        return input;
    }

    /** @return indices into the feature row, in input order (every column a {@code tf.Example} is built from) */
    public int[] columns() {
        return columns.clone();
    }

    /** @return the shape of one example for this input (the input's shape without its batch dimension) */
    public long[] exampleShape() {
        return exampleShape.clone();
    }

    /** @return the {@code tf.Example} features built for this input; empty when it takes columns directly */
    public List<ExampleBinding> example() {
        return example;
    }

    /** @return whether this input takes serialized {@code tf.Example} protos */
    public boolean isExample() {
        return !example.isEmpty();
    }

    int[] columnsView() {
        return columns;
    }

    ColumnValues values(int i) {
        return values[i];
    }

    /**
     * One feature of the {@code tf.Example} protos built for an input, and the columns it takes: column {@code
     * key} for a feature of one value (or of any length: the cell is its one value, an empty text cell none),
     * columns {@code key_0 ... key_(w-1)} for w values; a model that parses one feature takes every feature
     * column for it when no column is named after it.
     *
     * @param feature the parsed feature
     * @param columns indices into the feature row
     */
    public record ExampleBinding(ExampleFeature feature, int[] columns) {
    }

    /**
     * @param inputs the signature inputs to feed
     * @param columns the dataset's feature columns
     * @return one binding per input
     * @throws LrlabException naming the input and the columns when they do not fit
     */
    public static List<InputBinding> bind(List<TensorSpec> inputs, FeatureColumns columns) {
        return bind(inputs, columns, input -> List.of());
    }

    /**
     * @param inputs the signature inputs to feed
     * @param columns the dataset's feature columns
     * @param parsed the {@code tf.Example} features each input is parsed into (empty when it is not)
     * @return one binding per input
     * @throws LrlabException naming the input and the columns when they do not fit
     */
    public static List<InputBinding> bind(List<TensorSpec> inputs, FeatureColumns columns,
            Function<TensorSpec, List<ExampleFeature>> parsed) {
        if (inputs.isEmpty()) {
            throw LrlabException.model("the signature has no inputs to feed; pick another `signature`");
        }
        List<String> names = columns.names();
        List<InputBinding> result = new ArrayList<>();
        for (TensorSpec input : inputs) {
            List<ExampleFeature> features = exampleFeatures(input, parsed);
            if (!features.isEmpty()) {
                result.add(exampleBinding(input, features, columns));
                continue;
            }
            int[] indices;
            if (inputs.size() == 1) {
                indices = new int[names.size()];
                Arrays.setAll(indices, i -> i);
            } else {
                indices = namedColumns(input, names);
            }
            ColumnValues[] values = new ColumnValues[indices.length];
            for (int i = 0; i < indices.length; i++) {
                values[i] = valuesOf(columns, indices[i], input.dtype(), "model input '" + input.key() + "'");
            }
            result.add(new InputBinding(input, indices, exampleShape(input, indices.length), values, List.of()));
        }
        return result;
    }

    /**
     * Which CSV columns to read as text so that these inputs can be fed exactly: those feeding STRING and integer
     * inputs (integers beyond 2^24 do not survive a float), and those of {@code tf.Example} features of those
     * types; every column when one such input (or parsed feature) takes them all.
     *
     * @param inputs the signature inputs to feed
     * @param parsed the {@code tf.Example} features each input is parsed into
     * @return the columns to read as text
     */
    public static FeatureColumns.TextNeeds textNeeds(List<TensorSpec> inputs,
            Function<TensorSpec, List<ExampleFeature>> parsed) {
        Set<String> names = new LinkedHashSet<>();
        boolean all = false;
        for (TensorSpec input : inputs) {
            List<ExampleFeature> features = exampleFeatures(input, parsed);
            if (!features.isEmpty()) {
                for (ExampleFeature feature : features) {
                    if (!feature.dtype().equals("FLOAT")) {
                        names.addAll(widthNames(feature.key(), feature.width()));
                        all |= features.size() == 1;
                    }
                }
            } else if (!input.dtype().equals("FLOAT")) {
                names.addAll(widthNames(input.key(), input.valuesPerExample()));
                all |= inputs.size() == 1;
            }
        }
        return new FeatureColumns.TextNeeds(names, all);
    }

    /**
     * Says, for {@code lrlab inspect}, which data columns each input would read, by the rules of {@link #bind}.
     *
     * @param inputs the signature inputs
     * @param parsed the {@code tf.Example} features each input is parsed into
     * @return for each input key, its columns in words, e.g. {@code column 'Age' (as text, whole numbers)}
     */
    public static java.util.Map<String, String> describeColumns(List<TensorSpec> inputs,
            Function<TensorSpec, List<ExampleFeature>> parsed) {
        java.util.Map<String, String> described = new java.util.LinkedHashMap<>();
        for (TensorSpec input : inputs) {
            List<ExampleFeature> features = exampleFeatures(input, parsed);
            String reads;
            if (!features.isEmpty()) {
                List<String> parts = new ArrayList<>();
                for (ExampleFeature feature : features) {
                    parts.add(feature + " <- " + (features.size() == 1 && feature.width() != 1
                            ? columnsText(feature.key(), feature.width()) + " or every feature column"
                            : columnsText(feature.key(), feature.width())));
                }
                reads = "serialized tf.Example protos built per row: " + String.join("; ", parts);
            } else if (inputs.size() == 1) {
                long width = input.valuesPerExample();
                reads = "every feature column" + (width > 0 ? " (" + width + " per row)" : "") + typeNote(input.dtype());
            } else {
                reads = columnsText(input.key(), input.valuesPerExample()) + typeNote(input.dtype());
            }
            described.put(input.key(), reads);
        }
        return described;
    }

    private static String columnsText(String key, long width) {
        return width > 1 ? "columns '" + key + "_0' .. '" + key + "_" + (width - 1) + "'" : "column '" + key + "'";
    }

    private static String typeNote(String dtype) {
        return switch (dtype) {
            case "STRING" -> ", as text";
            case "INT32", "INT64" -> ", whole numbers";
            default -> "";
        };
    }

    /**
     * Checks, before the first step, that numeric columns feeding integer inputs hold whole numbers (text columns
     * were checked when bound).
     *
     * @param bindings the bindings of one feed
     * @param features the stored feature of a row and column
     * @param rows rows to check
     * @param where where a row comes from, for the message
     * @throws LrlabException (data) naming the first fraction, its column and input, and where it is
     */
    public static void checkIntegers(List<InputBinding> bindings, FeatureAccess features, int rows, IntFunction<String> where) {
        for (InputBinding binding : bindings) {
            if (binding.isExample()) {
                for (ExampleBinding feature : binding.example) {
                    if (feature.feature().dtype().startsWith("INT")) {
                        checkWhole(feature.columns(), binding, features, rows, where, feature.feature().dtype(),
                                "tf.Example feature '" + feature.feature().key() + "'");
                    }
                }
            } else if (binding.input.dtype().startsWith("INT")) {
                checkWhole(binding.columns, binding, features, rows, where, binding.input.dtype(),
                        "model input '" + binding.input.key() + "'");
            }
        }
    }

    /** The stored feature at a row and column of a dataset. */
    @FunctionalInterface
    public interface FeatureAccess {
        /**
         * @param row a row
         * @param column a column
         * @return the stored value
         */
        float get(int row, int column);
    }

    private static void checkWhole(int[] columns, InputBinding binding, FeatureAccess features, int rows,
            IntFunction<String> where, String dtype, String target) {
        for (int column : columns) {
            ColumnValues values = binding.valuesFor(column);
            if (!(values instanceof ColumnValues.Numeric numeric)) {
                continue;
            }
            for (int r = 0; r < rows; r++) {
                float value = features.get(r, column);
                if (value != Math.rint(value)) {
                    throw LrlabException.data(where.apply(r) + ": column " + LrlabException.quoted(numeric.column()) + " holds " + value
                            + ", but " + target + " is " + dtype + " and takes whole numbers, not fractions;"
                            + " fix the data or feed another column");
                }
            }
        }
    }

    ColumnValues valuesFor(int column) {
        ColumnValues bound = column < byColumn.length ? byColumn[column] : null;
        if (bound == null) {
            throw new IllegalArgumentException("column " + column + " is not bound to " + input.key());
        }
        return bound;
    }

    private static InputBinding exampleBinding(TensorSpec input, List<ExampleFeature> features, FeatureColumns columns) {
        List<String> names = columns.names();
        List<ExampleBinding> bindings = new ArrayList<>();
        Map<Integer, String> dtypes = new LinkedHashMap<>(); // each column once, typed by the feature it feeds
        for (ExampleFeature feature : features) {
            long width = feature.width();
            int[] indices;
            boolean named = names.contains(feature.key()) || names.contains(feature.key() + "_0");
            if (features.size() == 1 && !named && (width < 0 || width == names.size())) {
                indices = new int[names.size()];
                Arrays.setAll(indices, i -> i);
            } else if (width == 1 || width < 0) {
                int at = names.indexOf(feature.key());
                if (at < 0) {
                    throw LrlabException.data("no column '" + feature.key() + "' for tf.Example feature '" + feature.key()
                            + "' (" + feature.dtype() + ") that model input '" + input.key() + "' parses; expected columns "
                            + featureList(features) + "; found: " + String.join(",", names));
                }
                indices = new int[] {at};
            } else {
                indices = numbered(feature.key(), width, names, "tf.Example feature '" + feature.key() + "' of model input '"
                        + input.key() + "'");
            }
            bindings.add(new ExampleBinding(feature, indices));
            for (int index : indices) {
                dtypes.put(index, feature.dtype());
            }
        }
        int[] indices = dtypes.keySet().stream().mapToInt(Integer::intValue).toArray();
        ColumnValues[] values = new ColumnValues[indices.length];
        for (int i = 0; i < indices.length; i++) {
            values[i] = valuesOf(columns, indices[i], dtypes.get(indices[i]), "tf.Example feature of model input '"
                    + input.key() + "'");
        }
        long[] shape = input.shape() == null || input.shape().length == 0 ? new long[0]
                : Arrays.copyOfRange(input.shape(), 1, input.shape().length);
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != 1) {
                throw LrlabException.model("model input '" + input.key() + "' " + input.shapeText() + " takes several"
                        + " serialized tf.Example protos per example; lrlab builds one per row");
            }
        }
        return new InputBinding(input, indices, shape, values, List.copyOf(bindings));
    }

    /** @return the tf.Example features a string input is parsed into; none for other inputs */
    private static List<ExampleFeature> exampleFeatures(TensorSpec input, Function<TensorSpec, List<ExampleFeature>> parsed) {
        return input.dtype().equals("STRING") ? parsed.apply(input) : List.of();
    }

    private static String featureList(List<ExampleFeature> features) {
        return String.join(", ", features.stream().map(f -> f.width() > 1 ? f.key() + "_0.." + f.key() + "_" + (f.width() - 1)
                : f.key()).toList());
    }

    private static ColumnValues valuesOf(FeatureColumns columns, int index, String dtype, String target) {
        return columns.text(index).map(text -> ColumnValues.text(text, dtype, target))
                .orElseGet(() -> ColumnValues.numeric(columns.names().get(index)));
    }

    private static List<String> widthNames(String key, long width) {
        List<String> names = new ArrayList<>();
        names.add(key);
        for (int i = 0; i < Math.min(width, 100_000); i++) {
            names.add(key + "_" + i);
        }
        return names;
    }

    private static int[] namedColumns(TensorSpec input, List<String> featureNames) {
        long width = input.valuesPerExample();
        if (width == 1 && featureNames.contains(input.key())) {
            return new int[] {featureNames.indexOf(input.key())};
        }
        if (width < 1) {
            throw LrlabException.model("input " + input.key() + " has shape " + input.shapeText()
                    + "; with several inputs each needs a fixed width so columns can be matched by name");
        }
        return numbered(input.key(), width, featureNames, "model input " + input.key());
    }

    private static int[] numbered(String key, long width, List<String> featureNames, String target) {
        int[] columns = new int[(int) width];
        for (int i = 0; i < width; i++) {
            String name = key + "_" + i;
            columns[i] = featureNames.indexOf(name);
            if (columns[i] < 0) {
                throw LrlabException.data("no column '" + (width == 1 ? key : name) + "' for " + target
                        + " (width " + width + "); name the columns " + key
                        + (width == 1 ? "" : "_0.." + key + "_" + (width - 1)) + "; found: "
                        + String.join(",", featureNames));
            }
        }
        return columns;
    }

    private static long[] exampleShape(TensorSpec input, int columnCount) {
        long[] shape = input.shape();
        if (shape == null || shape.length == 0) {
            return new long[] {columnCount};
        }
        long[] example = Arrays.copyOfRange(shape, 1, shape.length);
        long known = 1;
        int unknown = -1;
        for (int i = 0; i < example.length; i++) {
            if (example[i] < 0) {
                if (unknown >= 0) {
                    throw LrlabException.model("input " + input.key() + " has shape " + input.shapeText()
                            + " with several unknown dimensions; lrlab cannot tell how to shape a row of data");
                }
                unknown = i;
            } else {
                known *= example[i];
            }
        }
        if (unknown >= 0 && known > 0 && columnCount % known == 0) {
            example[unknown] = columnCount / known;
            known = columnCount;
        }
        if (known != columnCount) {
            throw LrlabException.data("model input " + input.key() + " " + input.shapeText() + " takes " + known
                    + " values per example, but the data has " + columnCount + " feature columns; "
                    + "use `featureColumns` to choose the columns");
        }
        return example;
    }

    @Override
    public String toString() {
        return "InputBinding[" + input.key() + " <- " + columns.length + " columns" + (example.isEmpty() ? ""
                : " as tf.Example " + example.stream().map(e -> e.feature().key()).toList()) + "]";
    }
}
