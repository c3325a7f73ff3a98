package dev.lrlab.data;

import dev.lrlab.LrlabException;

import java.nio.file.Path;
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
 * @param data the data file
 * @param labels the labels file, for NumPy and IDX data
 * @param labelColumn the label column, for CSV data: a name, names separated by commas, or a prefix
 *     followed by {@code *} (every column starting with it, in file order)
 * @param featureColumns the feature columns in the order wanted, for CSV data; absent means all
 *     columns but the labels
 * @param textColumns CSV feature columns to keep as text (for string and integer model inputs)
 * @param allText keep every CSV feature column as text
 * @param skipIncomplete skip CSV rows with an empty cell in a used column instead of refusing them
 * @param window CSV rows taken as a time series and cut into windows; absent: each row is one sample
 * @param rows which rows to keep: all, the first N, or a uniform sample drawn while reading ({@link RowSample})
 */
public record DataSpec(Path data, Optional<Path> labels, Optional<String> labelColumn,
                       Optional<List<String>> featureColumns, Set<String> textColumns, boolean allText,
                       boolean skipIncomplete, Optional<WindowSpec> window, RowSample rows) {
    /**
     * Checks for nulls, copies the column lists, and refuses a window together with feature columns (the series
     * are the features) or with skipping incomplete rows (a skipped row would join the rows around it into one
     * window).
     */
    public DataSpec {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(labelColumn, "labelColumn");
        Objects.requireNonNull(featureColumns, "featureColumns");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(rows, "rows");
        featureColumns = featureColumns.map(List::copyOf);
        textColumns = Set.copyOf(textColumns);
        if (window.isPresent() && featureColumns.isPresent()) {
            throw LrlabException.usage("feature columns and series columns both name the features of " + data
                    + "; with a window the series columns are the features: drop the feature columns");
        }
        if (window.isPresent() && skipIncomplete) {
            throw LrlabException.usage("skipping rows with an empty cell would join the rows around them into one window"
                    + " of " + data + "; fill the empty cells instead");
        }
        if (window.isPresent() && !rows.isAll()) {
            throw LrlabException.usage("`" + (rows.isSampled() ? "sample" : "maxRows") + "` would take rows out of the"
                    + " series in " + data + " that windows are cut from; drop it, or cut the file to the rows wanted");
        }
    }

    /** A spec that keeps every row. */
    public DataSpec(Path data, Optional<Path> labels, Optional<String> labelColumn, Optional<List<String>> featureColumns,
                    Set<String> textColumns, boolean allText, boolean skipIncomplete, Optional<WindowSpec> window) {
        this(data, labels, labelColumn, featureColumns, textColumns, allText, skipIncomplete, window, RowSample.ALL);
    }

    /** A spec that reads every column as a number and refuses empty cells. */
    public DataSpec(Path data, Optional<Path> labels, Optional<String> labelColumn, Optional<List<String>> featureColumns) {
        this(data, labels, labelColumn, featureColumns, Set.of(), false, false, Optional.empty());
    }

    /** @return a spec for a CSV file with every non-label column as a feature */
    public static DataSpec csv(Path data, String labelColumn) {
        return new DataSpec(data, Optional.empty(), Optional.of(labelColumn), Optional.empty());
    }

    /** @return a spec for a CSV file with the named feature columns */
    public static DataSpec csv(Path data, String labelColumn, List<String> featureColumns) {
        return new DataSpec(data, Optional.empty(), Optional.of(labelColumn), Optional.of(featureColumns));
    }

    /** @return a spec for a features file and a labels file ({@code .npy} pair or IDX pair) */
    public static DataSpec withLabels(Path data, Path labels) {
        return new DataSpec(data, Optional.of(labels), Optional.empty(), Optional.empty());
    }

    /**
     * @param columns CSV feature columns to keep as text
     * @param all whether every feature column is kept as text
     * @return this spec keeping those columns as text
     */
    public DataSpec withTextColumns(Set<String> columns, boolean all) {
        return new DataSpec(data, labels, labelColumn, featureColumns, columns, all, skipIncomplete, window, rows);
    }

    /**
     * @param skip whether CSV rows with an empty cell in a used column are skipped
     * @return this spec with that choice
     */
    public DataSpec withSkipIncomplete(boolean skip) {
        return new DataSpec(data, labels, labelColumn, featureColumns, textColumns, allText, skip, window, rows);
    }

    /**
     * @param spec the window: consecutive rows of the CSV become samples of {@code spec.steps()} steps
     * @return this spec with that window; without a label column, the label is the window's one series column
     * @throws LrlabException (usage) if there is no label column and the window has several series, or the spec
     *     also names feature columns or skips incomplete rows
     */
    public DataSpec withWindow(WindowSpec spec) {
        Optional<String> label = labelColumn;
        if (label.isEmpty()) {
            if (spec.width() != 1) {
                throw LrlabException.usage("a window of " + spec.width() + " series (" + String.join(",", spec.series())
                        + ") needs a label column: which one the samples predict");
            }
            label = Optional.of(spec.series().get(0));
        }
        return new DataSpec(data, labels, label, featureColumns, textColumns, allText, skipIncomplete, Optional.of(spec),
                rows);
    }

    /**
     * @param selection which rows to keep: {@link RowSample#ALL}, the first N, or a uniform sample
     * @return this spec keeping those rows
     * @throws LrlabException (usage) beside a window (a sample would break the series)
     */
    public DataSpec withRows(RowSample selection) {
        return new DataSpec(data, labels, labelColumn, featureColumns, textColumns, allText, skipIncomplete, window,
                selection);
    }
}
