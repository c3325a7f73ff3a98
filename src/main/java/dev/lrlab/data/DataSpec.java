package dev.lrlab.data;

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
 * {@link DatasetLoader} checks that the parts fit the format it finds.
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
 */
public record DataSpec(Path data, Optional<Path> labels, Optional<String> labelColumn,
                       Optional<List<String>> featureColumns, Set<String> textColumns, boolean allText,
                       boolean skipIncomplete) {
    /** Checks for nulls and copies the column lists. */
    public DataSpec {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(labelColumn, "labelColumn");
        Objects.requireNonNull(featureColumns, "featureColumns");
        featureColumns = featureColumns.map(List::copyOf);
        textColumns = Set.copyOf(textColumns);
    }

    /** A spec that reads every column as a number and refuses empty cells. */
    public DataSpec(Path data, Optional<Path> labels, Optional<String> labelColumn, Optional<List<String>> featureColumns) {
        this(data, labels, labelColumn, featureColumns, Set.of(), false, false);
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
        return new DataSpec(data, labels, labelColumn, featureColumns, columns, all, skipIncomplete);
    }

    /**
     * @param skip whether CSV rows with an empty cell in a used column are skipped
     * @return this spec with that choice
     */
    public DataSpec withSkipIncomplete(boolean skip) {
        return new DataSpec(data, labels, labelColumn, featureColumns, textColumns, allText, skip);
    }
}
