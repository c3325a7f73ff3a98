package dev.lrlab.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What data to load, as the command line gives it.
 *
 * <ul>
 *   <li>CSV: {@code data} is the {@code .csv} file, {@code labelColumn} names the label column,
 *       {@code featureColumns} optionally picks the features; {@code labels} is absent.
 *   <li>NumPy: {@code data} is {@code x.npy}, {@code labels} is {@code y.npy}.
 *   <li>IDX (MNIST style): {@code data} is the images file, {@code labels} the labels file.
 * </ul>
 * {@link DatasetLoader} checks that the parts fit the format it finds.
 *
 * @param data the data file
 * @param labels the labels file, for NumPy and IDX data
 * @param labelColumn the label column, for CSV data
 * @param featureColumns the feature columns in the order wanted, for CSV data; absent means all
 *     columns but the label
 */
public record DataSpec(Path data, Optional<Path> labels, Optional<String> labelColumn,
                       Optional<List<String>> featureColumns) {
    /** Checks for nulls and copies the column list. */
    public DataSpec {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(labelColumn, "labelColumn");
        Objects.requireNonNull(featureColumns, "featureColumns");
        featureColumns = featureColumns.map(List::copyOf);
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
}
