package dev.lrlab.data;

import dev.lrlab.LrlabException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, in-memory table of examples: {@link #size()} rows of {@link #featureCount()} float
 * features each (row-major: in one array, in blocks of whole rows as a big CSV is read, or in a memory-mapped
 * {@code .npy} file) and {@link #labelWidth()} float labels per row
 * (one for a class index or a scalar target, k for k regression targets or a one-hot block).
 *
 * <p>A label is a class index (when {@link #classNames()} is present it indexes that list) or a
 * regression target. Each example may have a shape ({@link #exampleShape()}, e.g. {@code {28, 28}}
 * for an MNIST image) whose product is the feature count; sources without one get {@code
 * {featureCount}}.
 *
 * <p>A text column ({@link #textColumn(String)}: kept as written, for model inputs of type string or
 * integer) stores in each row the index of its cell in the column's {@link TextColumn#values()}, as a
 * float; rows selected or gathered keep pointing into the same values.
 *
 * <p>Accessors that return arrays return copies. The training loop should not call {@link
 * #features()} per step: use {@link BatchBuffer}, which copies rows into preallocated arrays, or
 * {@link #gather(int[])}.
 */
public final class Dataset {
    /** The source of a dataset made by {@link #of(float[][], float[])}. */
    public static final String IN_MEMORY_SOURCE = "arrays";

    private final FloatRows features; // an array, blocks of rows, or a mapped file
    private final float[] labels;
    private final int labelWidth;
    private final List<String> labelNames;
    private final Map<String, TextColumn> textColumns;
    private final int[] lines; // null when the source has no lines
    private final int skippedRows;
    private final List<String> featureNames;
    private final int[] exampleShape;
    private final List<String> classNames; // null when absent
    private final String source;

    private Dataset(FloatRows features, float[] labels, int labelWidth, List<String> labelNames,
                    Map<String, TextColumn> textColumns, int[] lines, int skippedRows, List<String> featureNames,
                    int[] exampleShape, List<String> classNames, String source) {
        this.skippedRows = skippedRows;
        this.features = features;
        this.labels = labels;
        this.labelWidth = labelWidth;
        this.labelNames = labelNames;
        this.textColumns = textColumns;
        this.lines = lines;
        this.featureNames = featureNames;
        this.exampleShape = exampleShape;
        this.classNames = classNames;
        this.source = source;
    }

    /** @return a builder; it copies the arrays it is given */
    public static Builder builder() {
        return new Builder(true);
    }

    /**
     * A dataset from arrays built in code: one row of features per example and one label each (a class index or a
     * regression target). The features are named {@code feature0, feature1, ...} (as for {@code .npy} data), the
     * label {@code label}, and messages name the examples as {@code arrays (example N)}. For several labels per
     * example, names, class names or an example shape, use {@link #builder()}.
     *
     * <pre>{@code
     * Dataset data = Dataset.of(new float[][] {{0, 1}, {1, 0}, {1, 1}}, new float[] {1, 1, 0});
     * }</pre>
     *
     * @param features one array per example, all of the same length (at least 1); copied
     * @param labels one label per example; copied
     * @return the dataset
     * @throws LrlabException (data) when there are no examples, the counts differ, a row's length differs from the
     *     first's, or a value is NaN or infinite
     */
    public static Dataset of(float[][] features, float[] labels) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (features.length == 0) {
            throw LrlabException.data("expected at least one example, found no feature rows");
        }
        if (features.length != labels.length) {
            throw LrlabException.data("expected one label per example, found " + labels.length + " labels for "
                    + features.length + " feature rows");
        }
        int width = Objects.requireNonNull(features[0], "features[0]").length;
        if (width == 0) {
            throw LrlabException.data("expected at least one feature per example, found none in row 0");
        }
        float[] flat = new float[features.length * width];
        for (int r = 0; r < features.length; r++) {
            float[] row = Objects.requireNonNull(features[r], "features[" + r + "]");
            if (row.length != width) {
                throw LrlabException.data("expected " + width + " features in every row (as in row 0), found "
                        + row.length + " in row " + r);
            }
            for (int c = 0; c < width; c++) {
                if (!Float.isFinite(row[c])) {
                    throw LrlabException.data("feature " + c + " of row " + r + " is " + row[c] + "; expected a finite number");
                }
            }
            System.arraycopy(row, 0, flat, r * width, width);
        }
        for (int r = 0; r < labels.length; r++) {
            if (!Float.isFinite(labels[r])) {
                throw LrlabException.data("the label of row " + r + " is " + labels[r] + "; expected a finite number");
            }
        }
        return owning().features(flat).labels(labels.clone()).featureNames(numberedNames("feature", width))
                .source(IN_MEMORY_SOURCE).build();
    }

    /** A builder for the readers of this package: it takes ownership of the arrays without copying. */
    static Builder owning() {
        return new Builder(false);
    }

    /** @return the number of examples (rows) */
    public int size() {
        return labels.length / labelWidth;
    }

    /** @return label values per example: 1 for a class index or one target, k for k targets or a one-hot block */
    public int labelWidth() {
        return labelWidth;
    }

    /** @return the rows of the source left out because a used cell was empty (see {@link DataSpec#skipIncomplete()}) */
    public int skippedRows() {
        return skippedRows;
    }

    /** @return the names of the label columns ({@code label} when the source names none) */
    public List<String> labelNames() {
        return labelNames;
    }

    /**
     * @param name a feature name
     * @return the column's text values when it was read as text (its features hold indices into them)
     */
    public Optional<TextColumn> textColumn(String name) {
        return Optional.ofNullable(textColumns.get(name));
    }

    /** @return the text columns by feature name */
    public Map<String, TextColumn> textColumns() {
        return textColumns;
    }

    /**
     * @param row example index in {@code [0, size())}
     * @return where the example came from, for a message: {@code file:line} for a CSV row, else
     *     {@code source (example N)} with N counted from 1
     */
    public String where(int row) {
        Objects.checkIndex(row, size());
        return lines != null ? source + ":" + lines[row] : source + " (example " + (row + 1) + ")";
    }

    /** @return the source line of an example, or -1 when the source has no lines (for readers in this package) */
    int line(int row) {
        Objects.checkIndex(row, size());
        return lines != null ? lines[row] : -1;
    }

    /** @return whether the features are read from a memory-mapped file rather than held in the heap */
    boolean featuresMapped() {
        return features.isMapped();
    }

    /** @return the number of features per example; the product of {@link #exampleShape()} */
    public int featureCount() {
        return featureNames.size();
    }

    /** @return the feature names in storage order (CSV column names, {@code pixel0}.. for images) */
    public List<String> featureNames() {
        return featureNames;
    }

    /** @return a copy of the shape of one example; {@code {featureCount}} when the source had none */
    public int[] exampleShape() {
        return exampleShape.clone();
    }

    /** @return a copy of all features, row-major, {@code size() * featureCount()} values */
    public float[] features() {
        return features.toArray();
    }

    /** @return a copy of the labels, {@link #labelWidth()} per example, row-major */
    public float[] labels() {
        return labels.clone();
    }

    /**
     * @return the class names that the labels index, when the labels were names mapped to indices
     *     (or the source declares its classes); empty for numeric labels
     */
    public Optional<List<String>> classNames() {
        return Optional.ofNullable(classNames);
    }

    /** @return where the data came from (file path or paths), for messages and provenance */
    public String source() {
        return source;
    }

    /**
     * @param row example index in {@code [0, size())}
     * @param column feature index in {@code [0, featureCount())}
     * @return one feature value
     */
    public float feature(int row, int column) {
        Objects.checkIndex(row, size());
        Objects.checkIndex(column, featureCount());
        return features.get((long) row * featureCount() + column);
    }

    /**
     * @param row example index in {@code [0, size())}
     * @return the label of that example
     */
    public float label(int row) {
        return labels[Objects.checkIndex(row, size()) * labelWidth];
    }

    /**
     * @param row example index in {@code [0, size())}
     * @param index label index in {@code [0, labelWidth())}
     * @return one label value of that example
     */
    public float labelAt(int row, int index) {
        Objects.checkIndex(index, labelWidth);
        return labels[Objects.checkIndex(row, size()) * labelWidth + index];
    }

    /**
     * Copies rows into a new dataset with the same metadata, in the given order. Indices may
     * repeat (as in a bootstrap sample).
     *
     * @param indices row indices in {@code [0, size())}
     * @return a dataset of {@code indices.length} rows
     */
    public Dataset select(int[] indices) {
        int width = featureCount();
        float[] f = new float[indices.length * width];
        float[] l = new float[indices.length * labelWidth];
        copyRows(indices, indices.length, f, l);
        int[] selectedLines = null;
        if (lines != null) {
            selectedLines = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                selectedLines[i] = lines[indices[i]];
            }
        }
        return new Dataset(FloatRows.of(f), l, labelWidth, labelNames, textColumns, selectedLines, 0, featureNames, exampleShape,
                classNames, source);
    }

    /**
     * Copies rows into a new {@link Batch}. Allocates; for a per-step path without allocation use
     * {@link BatchBuffer}.
     *
     * @param indices row indices in {@code [0, size())}
     * @return a batch of {@code indices.length} rows
     */
    public Batch gather(int[] indices) {
        float[] f = new float[indices.length * featureCount()];
        float[] l = new float[indices.length * labelWidth];
        copyRows(indices, indices.length, f, l);
        return new Batch(f, l, indices.length);
    }

    /**
     * Copies the first {@code count} of {@code indices} into the given arrays (row-major features).
     * The arrays must hold at least {@code count} rows.
     */
    void copyRows(int[] indices, int count, float[] featuresOut, float[] labelsOut) {
        int width = featureCount();
        int n = size();
        for (int i = 0; i < count; i++) {
            int row = indices[i];
            if (row < 0 || row >= n) {
                throw new IndexOutOfBoundsException(
                        "row index " + row + " at position " + i + " is outside [0, " + n + ")");
            }
            features.copy((long) row * width, featuresOut, i * width, width);
            if (labelWidth == 1) {
                labelsOut[i] = labels[row];
            } else {
                System.arraycopy(labels, row * labelWidth, labelsOut, i * labelWidth, labelWidth);
            }
        }
    }

    /**
     * Pulls named columns out, for models with several named inputs.
     *
     * @param names feature names, in the order wanted
     * @return {@code size() * names.size()} values, row-major: row {@code r} holds the named
     *     columns of example {@code r} in the order of {@code names}
     * @throws LrlabException (data) if a name is not a feature of this dataset
     */
    public float[] columns(List<String> names) {
        int[] index = columnIndices(names);
        int width = featureCount();
        int k = index.length;
        float[] out = new float[size() * k];
        for (int r = 0; r < size(); r++) {
            long base = (long) r * width;
            for (int c = 0; c < k; c++) {
                out[r * k + c] = features.get(base + index[c]);
            }
        }
        return out;
    }

    /**
     * @param names feature names
     * @return their positions among {@link #featureNames()}
     * @throws LrlabException (data) if a name is not a feature of this dataset
     */
    public int[] columnIndices(List<String> names) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < featureNames.size(); i++) {
            positions.put(featureNames.get(i), i);
        }
        int[] index = new int[names.size()];
        for (int c = 0; c < index.length; c++) {
            Integer at = positions.get(names.get(c));
            if (at == null) {
                throw LrlabException.data("no feature column " + LrlabException.quoted(names.get(c)) + " in " + source
                        + "; expected one of " + describeNames(featureNames));
            }
            index[c] = at;
        }
        return index;
    }

    /** @return the number of distinct label values */
    public int distinctLabelCount() {
        Set<Integer> seen = new HashSet<>();
        for (float label : labels) {
            seen.add(Float.floatToIntBits(label == 0f ? 0f : label)); // -0 and 0 count once
        }
        return seen.size();
    }

    /** @return true when every label is a finite whole number (class indices, 0/1 targets) */
    public boolean labelsAreIntegers() {
        for (float label : labels) {
            if (!Float.isFinite(label) || label != Math.rint(label)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Dataset[" + size() + " examples x " + featureCount() + " features" + (labelWidth == 1 ? "" : " and "
                + labelWidth + " labels") + ", shape "
                + Arrays.toString(exampleShape) + (classNames == null ? "" : ", " + classNames.size() + " classes")
                + ", from " + source + "]";
    }

    /** Lists names for a message, shortened when there are many. */
    static String describeNames(List<String> names) {
        int shown = Math.min(names.size(), 20);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(LrlabException.quoted(names.get(i)));
        }
        if (shown < names.size()) {
            sb.append(", ... (").append(names.size()).append(" in all)");
        }
        return sb.toString();
    }

    /**
     * Builds a {@link Dataset}. Required: {@link #features}, {@link #labels}, {@link
     * #featureNames}, {@link #source}. Optional: {@link #exampleShape} (default {@code
     * {featureCount}}), {@link #classNames} (default absent). {@link #build()} validates.
     */
    public static final class Builder {
        private final boolean copy;
        private float[] features;
        private FloatRows featureRows; // set by the readers of this package instead of features
        private float[] labels;
        private int labelWidth = 1;
        private List<String> labelNames = List.of("label");
        private Map<String, TextColumn> textColumns = Map.of();
        private int[] lines;
        private int skippedRows;
        private List<String> featureNames;
        private int[] exampleShape;
        private List<String> classNames;
        private String source;

        private Builder(boolean copy) {
            this.copy = copy;
        }

        /** @param features row-major features, {@code labels.length * featureNames.size()} values */
        public Builder features(float[] features) {
            this.features = features;
            this.featureRows = null;
            return this;
        }

        /** Features already stored (blocks of rows, a mapped file), for the readers of this package; not copied. */
        Builder featureRows(FloatRows rows) {
            this.featureRows = rows;
            this.features = null;
            return this;
        }

        /** @param labels {@link #labelWidth} labels per example (default one), row-major */
        public Builder labels(float[] labels) {
            this.labels = labels;
            return this;
        }

        /** @param labelWidth label values per example; default 1 */
        public Builder labelWidth(int labelWidth) {
            this.labelWidth = labelWidth;
            return this;
        }

        /** @param labelNames the label columns' names, one per label value (or one for all); default {@code label} */
        public Builder labelNames(List<String> labelNames) {
            this.labelNames = labelNames;
            return this;
        }

        /** @param textColumns features read as text, by name; their values index the column's text */
        public Builder textColumns(Map<String, TextColumn> textColumns) {
            this.textColumns = textColumns;
            return this;
        }

        /** @param skippedRows rows of the source left out for an empty cell; default 0 */
        public Builder skipped(int skippedRows) {
            this.skippedRows = skippedRows;
            return this;
        }

        /** @param lines the source line of each example, for messages; default none */
        public Builder lines(int[] lines) {
            this.lines = lines;
            return this;
        }

        /** @param featureNames distinct names, one per feature */
        public Builder featureNames(List<String> featureNames) {
            this.featureNames = featureNames;
            return this;
        }

        /** @param exampleShape shape of one example; its product must be the feature count */
        public Builder exampleShape(int... exampleShape) {
            this.exampleShape = exampleShape;
            return this;
        }

        /** @param classNames names of the classes the labels index; every label must index it */
        public Builder classNames(List<String> classNames) {
            this.classNames = classNames;
            return this;
        }

        /** @param source file path(s) the data came from */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /**
         * @return the dataset
         * @throws IllegalArgumentException if a required value is missing or the parts disagree
         */
        public Dataset build() {
            require(features != null || featureRows != null, "features are required");
            FloatRows stored = featureRows != null ? featureRows : FloatRows.of(copy ? features.clone() : features);
            require(labels != null, "labels are required");
            require(featureNames != null, "feature names are required");
            require(source != null, "a source is required");
            List<String> names = List.copyOf(featureNames);
            int width = names.size();
            require(width > 0, "expected at least one feature, found none");
            require(new HashSet<>(names).size() == width, "expected distinct feature names, found " + names);
            require(labelWidth > 0 && labels.length % labelWidth == 0,
                    "expected a multiple of the label width " + labelWidth + " labels, found " + labels.length);
            int rows = labels.length / labelWidth;
            require((long) rows * width == stored.length(),
                    "expected " + rows + " x " + width + " = " + ((long) rows * width)
                            + " feature values, found " + stored.length());
            require(lines == null || lines.length == rows, "expected one line number per example");
            for (Map.Entry<String, TextColumn> text : textColumns.entrySet()) {
                int column = names.indexOf(text.getKey());
                require(column >= 0, "text column '" + text.getKey() + "' is not a feature");
                int count = text.getValue().values().size();
                for (int r = 0; r < rows; r++) {
                    float code = stored.get((long) r * width + column);
                    require(code >= 0 && code < count && code == Math.rint(code),
                            "expected indices into the " + count + " values of text column '" + text.getKey()
                                    + "', found " + code + " at row " + r);
                }
            }
            int[] shape = exampleShape == null ? new int[] {width} : exampleShape.clone();
            long product = 1;
            for (int d : shape) {
                require(d > 0, "expected positive example dimensions, found " + Arrays.toString(shape));
                product *= d;
            }
            require(product == width, "expected an example shape whose product is the feature count " + width
                    + ", found " + Arrays.toString(shape));
            List<String> classes = classNames == null ? null : List.copyOf(classNames);
            if (classes != null) {
                require(labelWidth == 1, "class names need one label per example, found " + labelWidth);
                for (int i = 0; i < labels.length; i++) {
                    float l = labels[i];
                    require(l >= 0 && l < classes.size() && l == Math.rint(l),
                            "expected labels that index the " + classes.size() + " class names, found "
                                    + l + " at row " + i);
                }
            }
            List<String> labelColumnNames = List.copyOf(labelNames);
            require(labelColumnNames.size() == 1 || labelColumnNames.size() == labelWidth,
                    "expected one label name or " + labelWidth + ", found " + labelColumnNames);
            return new Dataset(stored, copy ? labels.clone() : labels, labelWidth,
                    labelColumnNames, Map.copyOf(textColumns), lines == null ? null : lines.clone(), skippedRows, names,
                    shape, classes, source);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    /** Names {@code prefix0 .. prefix(count-1)}. */
    static List<String> numberedNames(String prefix, int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(prefix + i);
        }
        return names;
    }
}
