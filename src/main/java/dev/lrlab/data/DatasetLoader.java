package dev.lrlab.data;

import dev.lrlab.LrlabException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The one entry point for loading data: picks the reader from the file's content, then its name.
 *
 * <ol>
 *   <li>Content starting with {@code \x93NUMPY}: a {@code .npy} pair, read by {@link NpyReader}.
 *   <li>Content (after gunzip, if it starts with the gzip magic) starting with {@code 00 00 08}:
 *       an IDX pair, read by {@link IdxReader}.
 *   <li>A name ending in {@code .csv} (any case): read by {@link CsvDatasetReader}.
 * </ol>
 * Anything else is an error that lists the formats. The spec's parts must fit the format: a label
 * column (and optionally feature columns) for CSV, a labels file for NumPy and IDX.
 */
public final class DatasetLoader {
    private final CsvDatasetReader csv;
    private final NpyReader npy;
    private final IdxReader idx;

    /** A loader with the default readers (IDX pixels scaled to [0, 1]). */
    public DatasetLoader() {
        this(IdxReader.scaled());
    }

    /** @param idx the IDX reader to use (e.g. {@link IdxReader#raw()}) */
    public DatasetLoader(IdxReader idx) {
        this.csv = new CsvDatasetReader();
        this.npy = new NpyReader();
        this.idx = Objects.requireNonNull(idx, "idx");
    }

    /** The formats this loader tells apart. */
    public enum Format {
        /** Comma-separated table with a header. */
        CSV,
        /** NumPy {@code .npy} features and labels. */
        NPY,
        /** IDX images and labels (MNIST style), plain or gzipped. */
        IDX
    }

    /**
     * @param spec what to load
     * @return the dataset
     * @throws LrlabException (data) if a file is missing or malformed; (usage) if the spec's parts do
     *     not fit the format found
     */
    public Dataset load(DataSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Format format = detect(spec.data());
        switch (format) {
            case CSV -> {
                if (spec.labels().isPresent()) {
                    throw LrlabException.usage(spec.data() + " is CSV: a labels file is for .npy and IDX data;"
                            + " name the label column instead");
                }
                spec.labelColumn().orElseThrow(() -> LrlabException.usage(
                        spec.data() + " is CSV: expected the name of its label column"));
                return csv.read(spec);
            }
            case NPY, IDX -> {
                String kind = format == Format.NPY ? ".npy" : "IDX";
                if (spec.window().isPresent()) {
                    throw LrlabException.usage(spec.data() + " is " + kind + " data: windows are cut from the series"
                            + " columns of a CSV file; give a CSV, or samples already shaped as windows");
                }
                if (spec.labelColumn().isPresent() || spec.featureColumns().isPresent()) {
                    throw LrlabException.usage(spec.data() + " is " + kind + " data: label and feature"
                            + " columns are for CSV; give a labels file instead");
                }
                Path labels = spec.labels().orElseThrow(() -> LrlabException.usage(
                        spec.data() + " is " + kind + " data: expected a labels file as well"));
                Dataset all = format == Format.NPY ? npy.read(spec.data(), labels) : idx.read(spec.data(), labels);
                // a mapped .npy copies only the kept rows into the heap
                return spec.rows().isAll() ? all : all.select(spec.rows().indices(all.size()));
            }
            default -> throw new IllegalStateException("unknown format " + format);
        }
    }

    /**
     * @param data a data file
     * @return its format, by content first and then by name
     * @throws LrlabException (data) if the file is missing or its format is unknown
     */
    public static Format detect(Path data) {
        DataFiles.requireReadableFile(data, "data file");
        try {
            byte[] head = DataFiles.head(data, 8);
            if (NpyReader.looksLikeNpy(head)) {
                return Format.NPY;
            }
            byte[] content = DataFiles.isGzip(head) ? DataFiles.contentHead(data, 4) : head;
            if (IdxReader.looksLikeIdx(content)) {
                return Format.IDX;
            }
        } catch (IOException e) {
            throw DataFiles.readFailure(data, e);
        }
        String name = data.getFileName() == null ? "" : data.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        throw LrlabException.data("cannot tell the format of " + data + "; expected a .csv file with a header,"
                + " a NumPy .npy file, or an IDX file (MNIST style, optionally gzipped)");
    }
}
