package dev.lrlab.data;

import dev.lrlab.LrlabException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What data to load, as the command line gives it.
 *
 * <ul>
 *   <li>CSV: {@code data} is the {@code .csv} file, {@code labelColumn} names the label column (or
 *       several, comma-separated, or a prefix ending in {@code *}), {@code featureColumns} optionally
 *       picks the features; {@code labels} is absent.
 *   <li>NumPy: {@code data} is {@code x.npy}, {@code labels} is {@code y.npy}.
 *   <li>IDX (MNIST style): {@code data} is the images file, {@code labels} the labels file.
 * </ul>
 * {@link DatasetLoader} checks that the parts fit the format it finds. With a {@link WindowSpec}, CSV rows are
 * consecutive time steps: the window's series columns are read (the label column may be one of them) and
 * {@link SeriesWindows} turns them into samples.
 *
 * <p>Made by a factory ({@link #csv(Path, String)}, {@link #withLabels(Path, Path)}) or by {@link #builder()}:
 * {@code setData} is required, the rest optional; {@link Builder#build()} checks them.
 */
public final class DataSpec {
    private final Path data;
    private final Optional<Path> labels;
    private final Optional<String> labelColumn;
    private final Optional<List<String>> featureColumns;
    private final Set<String> textColumns;
    private final boolean allText;
    private final boolean skipIncomplete;
    private final Optional<WindowSpec> window;

    /**
     * Copies the column lists, and refuses a window together with feature columns (the series are the features) or
     * with skipping incomplete rows (a skipped row would join the rows around it into one window).
     */
    private DataSpec(Builder b) {
        if (b.data == null) {
            throw LrlabException.usage("`data` is required: the data file (setData)");
        }
        data = b.data;
        labels = Optional.ofNullable(b.labels);
        labelColumn = Optional.ofNullable(b.labelColumn);
        featureColumns = Optional.ofNullable(b.featureColumns).map(List::copyOf);
        textColumns = Set.copyOf(b.textColumns);
        allText = b.allText;
        skipIncomplete = b.skipIncomplete;
        window = Optional.ofNullable(b.window);
        if (window.isPresent() && featureColumns.isPresent()) {
            throw LrlabException.usage("feature columns and series columns both name the features of " + data
                    + "; with a window the series columns are the features: drop the feature columns");
        }
        if (window.isPresent() && skipIncomplete) {
            throw LrlabException.usage("skipping rows with an empty cell would join the rows around them into one window"
                    + " of " + data + "; fill the empty cells instead");
        }
    }

    /** @return a builder with no data file yet and every option at its default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this spec's values */
    public Builder toBuilder() {
        return new Builder().setData(data).optLabels(labels.orElse(null)).optLabelColumn(labelColumn.orElse(null))
                .optFeatureColumns(featureColumns.orElse(null)).optTextColumns(textColumns).optAllText(allText)
                .optSkipIncomplete(skipIncomplete).optWindow(window.orElse(null));
    }

    /** @return a spec for a CSV file with every non-label column as a feature */
    public static DataSpec csv(Path data, String labelColumn) {
        return builder().setData(data).optLabelColumn(Objects.requireNonNull(labelColumn, "labelColumn")).build();
    }

    /** @return a spec for a CSV file with the named feature columns */
    public static DataSpec csv(Path data, String labelColumn, List<String> featureColumns) {
        return builder().setData(data).optLabelColumn(Objects.requireNonNull(labelColumn, "labelColumn"))
                .optFeatureColumns(Objects.requireNonNull(featureColumns, "featureColumns")).build();
    }

    /** @return a spec for a features file and a labels file ({@code .npy} pair or IDX pair) */
    public static DataSpec withLabels(Path data, Path labels) {
        return builder().setData(data).optLabels(Objects.requireNonNull(labels, "labels")).build();
    }

    /** @return the data file */
    public Path data() {
        return data;
    }

    /** @return the labels file, for NumPy and IDX data */
    public Optional<Path> labels() {
        return labels;
    }

    /**
     * @return the label column, for CSV data: a name, names separated by commas, or a prefix followed by {@code *}
     *     (every column starting with it, in file order)
     */
    public Optional<String> labelColumn() {
        return labelColumn;
    }

    /** @return the feature columns in the order wanted, for CSV data; absent means all columns but the labels */
    public Optional<List<String>> featureColumns() {
        return featureColumns;
    }

    /** @return CSV feature columns to keep as text (for string and integer model inputs) */
    public Set<String> textColumns() {
        return textColumns;
    }

    /** @return whether every CSV feature column is kept as text */
    public boolean allText() {
        return allText;
    }

    /** @return whether CSV rows with an empty cell in a used column are skipped instead of refused */
    public boolean skipIncomplete() {
        return skipIncomplete;
    }

    /** @return CSV rows taken as a time series and cut into windows; absent: each row is one sample */
    public Optional<WindowSpec> window() {
        return window;
    }

    /**
     * @param columns CSV feature columns to keep as text
     * @param all whether every feature column is kept as text
     * @return this spec keeping those columns as text
     */
    public DataSpec withTextColumns(Set<String> columns, boolean all) {
        return toBuilder().optTextColumns(columns).optAllText(all).build();
    }

    /**
     * @param skip whether CSV rows with an empty cell in a used column are skipped
     * @return this spec with that choice
     */
    public DataSpec withSkipIncomplete(boolean skip) {
        return toBuilder().optSkipIncomplete(skip).build();
    }

    /**
     * @param spec the window: consecutive rows of the CSV become samples of {@code spec.steps()} steps
     * @return this spec with that window; without a label column, the label is the window's one series column
     * @throws LrlabException (usage) if there is no label column and the window has several series, or the spec
     *     also names feature columns or skips incomplete rows
     */
    public DataSpec withWindow(WindowSpec spec) {
        Objects.requireNonNull(spec, "window");
        String label = labelColumn.orElse(null);
        if (label == null) {
            if (spec.width() != 1) {
                throw LrlabException.usage("a window of " + spec.width() + " series (" + String.join(",", spec.series())
                        + ") needs a label column: which one the samples predict");
            }
            label = spec.series().get(0);
        }
        return toBuilder().optLabelColumn(label).optWindow(spec).build();
    }

    private List<Object> values() {
        return Arrays.asList(data, labels, labelColumn, featureColumns, textColumns, allText, skipIncomplete, window);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataSpec spec && values().equals(spec.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    @Override
    public String toString() {
        return "DataSpec[data=" + data + ", labels=" + labels + ", labelColumn=" + labelColumn + ", featureColumns="
                + featureColumns + ", textColumns=" + textColumns + ", allText=" + allText + ", skipIncomplete="
                + skipIncomplete + ", window=" + window + "]";
    }

    /** Collects a data spec: {@code setData} is required, the rest optional (null for "none"). */
    public static final class Builder {
        private Path data;
        private Path labels;
        private String labelColumn;
        private List<String> featureColumns;
        private Set<String> textColumns = Set.of();
        private boolean allText;
        private boolean skipIncomplete;
        private WindowSpec window;

        private Builder() {
        }

        /** @param value the data file (required) */
        public Builder setData(Path value) {
            data = Objects.requireNonNull(value, "data");
            return this;
        }

        /** @param value the labels file, for NumPy and IDX data, or null for none (the default) */
        public Builder optLabels(Path value) {
            labels = value;
            return this;
        }

        /** @param value the label column of a CSV, or null for none (the default) */
        public Builder optLabelColumn(String value) {
            labelColumn = value;
            return this;
        }

        /** @param value the feature columns of a CSV in the order wanted, or null for every column but the labels */
        public Builder optFeatureColumns(List<String> value) {
            featureColumns = value;
            return this;
        }

        /** @param value CSV feature columns to keep as text (default none) */
        public Builder optTextColumns(Set<String> value) {
            textColumns = Objects.requireNonNull(value, "textColumns");
            return this;
        }

        /** @param value keep every CSV feature column as text (default false) */
        public Builder optAllText(boolean value) {
            allText = value;
            return this;
        }

        /** @param value skip CSV rows with an empty cell in a used column instead of refusing them (default false) */
        public Builder optSkipIncomplete(boolean value) {
            skipIncomplete = value;
            return this;
        }

        /** @param value cut the CSV rows into windows of a time series, or null for one sample a row (the default) */
        public Builder optWindow(WindowSpec value) {
            window = value;
            return this;
        }

        /**
         * @return the spec
         * @throws LrlabException (usage) without a data file, or for a window beside feature columns or skipped rows
         */
        public DataSpec build() {
            return new DataSpec(this);
        }
    }
}
