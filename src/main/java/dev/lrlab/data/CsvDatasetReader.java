package dev.lrlab.data;

import dev.lrlab.ExitCode;
import dev.lrlab.LrlabException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a comma-separated table with a header row into a {@link Dataset}.
 *
 * <ul>
 *   <li>Encoding: UTF-8, with or without a byte-order mark (the mark is dropped). UTF-16 files and
 *       bytes that are not UTF-8 are errors.
 *   <li>Format: RFC 4180 as Commons CSV's {@code DEFAULT} reads it (comma, double quotes, blank
 *       lines skipped). The first record is the header; names are trimmed and must be distinct and
 *       non-empty. Every row must have as many cells as the header.
 *   <li>Features: all columns but the label column, in file order, or the columns named, in the
 *       order named. Cells are parsed like {@link Double#parseDouble} (locale-independent, {@code .}
 *       as decimal point, surrounding white space allowed) and stored as floats; empty, {@code NaN}
 *       and infinite cells are errors, since lrlab does not impute missing values.
 *   <li>Labels: when every label cell is a finite number, the numbers. Otherwise the cells are class
 *       names: the distinct names sorted lexicographically ({@link String#compareTo}) become classes
 *       {@code 0, 1, ...} and {@link Dataset#classNames()} holds that list. Sorting, rather than
 *       order of first appearance, makes the mapping independent of row order (and of a split or a
 *       shuffle of the file).
 * </ul>
 *
 * <p>Errors about a cell read {@code file:line:column: reason}, with the physical line (the header
 * is line 1) and the 1-based column index, and name the column, e.g. {@code data.csv:17:3: expected
 * a number in column 'age', found 'abc'}.
 */
public final class CsvDatasetReader {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();

    /**
     * Reads the file with every non-label column as a feature.
     *
     * @param file the CSV file
     * @param labelColumn the name of the label column
     * @return the dataset
     * @throws LrlabException (data) for a missing file, a missing column, a bad cell or an empty table
     */
    public Dataset read(Path file, String labelColumn) {
        return read(file, labelColumn, null);
    }

    /**
     * Reads the file with the named feature columns.
     *
     * @param file the CSV file
     * @param labelColumn the name of the label column
     * @param featureColumns the feature columns in the order wanted; {@code null} for all non-label
     *     columns in file order
     * @return the dataset
     * @throws LrlabException (data) for a missing file, an unknown column, a bad cell or an empty table
     */
    public Dataset read(Path file, String labelColumn, List<String> featureColumns) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(labelColumn, "labelColumn");
        DataFiles.requireReadableFile(file, "CSV file");
        String text = decode(file);
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            return new Table(file, text, parser.iterator()).read(labelColumn, featureColumns);
        } catch (IOException e) {
            throw DataFiles.readFailure(file, e);
        } catch (UncheckedIOException e) {
            // Commons CSV reports malformed quoting this way, wrapping a CSVException.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new LrlabException(ExitCode.DATA,
                    file + ": malformed CSV: " + cause.getMessage(), e);
        }
    }

    /** Decodes the file as strict UTF-8, dropping a UTF-8 byte-order mark. */
    private static String decode(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw DataFiles.readFailure(file, e);
        }
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF) {
            start = 3;
        } else if (bytes.length >= 2 && ((bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF
                || (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE)) {
            throw LrlabException.data(file + " is UTF-16 text; expected UTF-8: save it as UTF-8 CSV");
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw LrlabException.data(file + " is not UTF-8 text; expected a UTF-8 CSV file: save it as UTF-8");
        }
    }

    /** The state of reading one file. */
    private static final class Table {
        private final Path file;
        private final String text;
        private final Iterator<CSVRecord> records;
        private List<String> header;

        Table(Path file, String text, Iterator<CSVRecord> records) {
            this.file = file;
            this.text = text;
            this.records = records;
        }

        Dataset read(String labelColumn, List<String> featureColumns) {
            readHeader();
            int label = labelIndex(labelColumn);
            int[] features = featureIndices(label, featureColumns);
            int width = features.length;

            GrowableFloats values = new GrowableFloats(1024);
            List<String> labelCells = new ArrayList<>();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                if (record.size() != header.size()) {
                    throw LrlabException.data(at(record) + ": expected " + header.size()
                            + " cells as in the header, found " + record.size());
                }
                for (int c : features) {
                    values.add(number(record, c));
                }
                String cell = record.get(label).strip();
                if (cell.isEmpty()) {
                    throw LrlabException.data(at(record, label) + ": expected a label in column '"
                            + header.get(label) + "', found an empty cell");
                }
                labelCells.add(cell);
            }
            if (labelCells.isEmpty()) {
                throw LrlabException.data(file + " has a header but no data rows; expected at least one row");
            }
            List<String> names = new ArrayList<>(width);
            for (int c : features) {
                names.add(header.get(c));
            }
            Dataset.Builder builder = Dataset.owning()
                    .features(values.toArray())
                    .featureNames(names)
                    .source(file.toString());
            float[] numeric = numericLabels(labelCells);
            if (numeric != null) {
                builder.labels(numeric);
            } else {
                List<String> classes = new ArrayList<>(new TreeSet<>(labelCells));
                Map<String, Integer> index = new HashMap<>();
                for (int i = 0; i < classes.size(); i++) {
                    index.put(classes.get(i), i);
                }
                float[] labels = new float[labelCells.size()];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = index.get(labelCells.get(i));
                }
                builder.labels(labels).classNames(classes);
            }
            return builder.build();
        }

        private void readHeader() {
            if (!records.hasNext()) {
                throw LrlabException.data(file + " is empty; expected a header row naming the columns,"
                        + " then data rows");
            }
            CSVRecord record = records.next();
            header = new ArrayList<>(record.size());
            Map<String, Integer> seen = new HashMap<>();
            for (int c = 0; c < record.size(); c++) {
                String name = record.get(c).strip();
                if (name.isEmpty()) {
                    throw LrlabException.data(at(record, c) + ": expected a column name in the header,"
                            + " found an empty cell");
                }
                Integer before = seen.putIfAbsent(name, c);
                if (before != null) {
                    throw LrlabException.data(at(record, c) + ": column name '" + name
                            + "' appears twice in the header (columns " + (before + 1) + " and " + (c + 1)
                            + "); expected distinct names");
                }
                header.add(name);
            }
        }

        private int labelIndex(String labelColumn) {
            int label = header.indexOf(labelColumn.strip());
            if (label < 0) {
                String hint = "";
                if (header.size() == 1 && (header.get(0).contains(";") || header.get(0).contains("\t"))) {
                    hint = "; the header has one column containing ';' or a tab: lrlab reads"
                            + " comma-separated files";
                }
                throw LrlabException.data("no label column '" + labelColumn + "' in " + file
                        + "; columns found: " + Dataset.describeNames(header) + hint);
            }
            return label;
        }

        private int[] featureIndices(int label, List<String> featureColumns) {
            if (featureColumns == null) {
                if (header.size() < 2) {
                    throw LrlabException.data(file + " has only the label column '" + header.get(label)
                            + "'; expected at least one feature column");
                }
                int[] features = new int[header.size() - 1];
                int k = 0;
                for (int c = 0; c < header.size(); c++) {
                    if (c != label) {
                        features[k++] = c;
                    }
                }
                return features;
            }
            if (featureColumns.isEmpty()) {
                throw LrlabException.data("expected at least one feature column for " + file + ", found none");
            }
            int[] features = new int[featureColumns.size()];
            Set<String> named = new HashSet<>();
            for (int i = 0; i < features.length; i++) {
                String name = featureColumns.get(i).strip();
                int c = header.indexOf(name);
                if (c < 0) {
                    throw LrlabException.data("no feature column '" + name + "' in " + file
                            + "; columns found: " + Dataset.describeNames(header));
                }
                if (c == label) {
                    throw LrlabException.data("column '" + name + "' of " + file
                            + " is the label column; it cannot also be a feature");
                }
                if (!named.add(name)) {
                    throw LrlabException.data("feature column '" + name + "' is named twice; expected each once");
                }
                features[i] = c;
            }
            return features;
        }

        private float number(CSVRecord record, int column) {
            String cell = record.get(column);
            String name = header.get(column);
            if (cell.isBlank()) {
                throw LrlabException.data(at(record, column) + ": expected a number in column '" + name
                        + "', found an empty cell (missing values are not supported)");
            }
            double value;
            try {
                value = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw LrlabException.data(at(record, column) + ": expected a number in column '" + name
                        + "', found " + quote(cell));
            }
            if (!Double.isFinite(value)) {
                throw LrlabException.data(at(record, column) + ": expected a finite number in column '"
                        + name + "', found " + quote(cell) + " (missing values are not supported)");
            }
            float f = (float) value;
            if (Float.isInfinite(f)) {
                throw LrlabException.data(at(record, column) + ": expected a number within float range in"
                        + " column '" + name + "', found " + quote(cell));
            }
            return f;
        }

        /** @return the labels as numbers, or null if some cell is not a finite float */
        private static float[] numericLabels(List<String> cells) {
            float[] labels = new float[cells.size()];
            for (int i = 0; i < labels.length; i++) {
                try {
                    float f = (float) Double.parseDouble(cells.get(i));
                    if (!Float.isFinite(f)) {
                        return null;
                    }
                    labels[i] = f;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return labels;
        }

        /** A cell for a one-line message: quoted, line breaks and tabs escaped, long text cut. */
        private static String quote(String cell) {
            String shown = cell.length() > 40 ? cell.substring(0, 40) + "..." : cell;
            return "'" + shown.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t") + "'";
        }

        /** {@code file:line:column} of a cell. */
        private String at(CSVRecord record, int column) {
            return at(record) + ":" + (column + 1);
        }

        /** {@code file:line} of a record: the physical line it starts on, the header being line 1. */
        private String at(CSVRecord record) {
            return file + ":" + lineOf(record.getCharacterPosition());
        }

        /**
         * The 1-based line of the first record character at or after {@code position}; the parser
         * reports a record's start before the blank lines it skips.
         */
        private long lineOf(long position) {
            int end = (int) Math.min(position, text.length());
            while (end < text.length() && (text.charAt(end) == '\n' || text.charAt(end) == '\r')) {
                end++;
            }
            long line = 1;
            for (int i = 0; i < end; i++) {
                char ch = text.charAt(i);
                if (ch == '\n' || ch == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                    line++;
                }
            }
            return line;
        }
    }
}
