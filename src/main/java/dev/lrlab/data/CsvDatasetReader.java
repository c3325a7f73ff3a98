package dev.lrlab.data;

import dev.lrlab.LrlabException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 *   <li>Encoding: UTF-8, with or without a byte-order mark (the mark is dropped). UTF-16 files (with a
 *       byte-order mark, or without one: NUL bytes at every other byte), other NUL bytes and bytes that are not
 *       UTF-8 are errors.
 *   <li>Format: RFC 4180 as Commons CSV's {@code DEFAULT} reads it (comma, double quotes, blank
 *       lines skipped). The first record is the header; names are trimmed and must be distinct and
 *       non-empty. Every row must have as many cells as the header.
 *   <li>Features: all columns but the label column, in file order, or the columns named, in the
 *       order named. Cells are parsed like {@link Double#parseDouble} (locale-independent, {@code .}
 *       as decimal point, surrounding white space allowed) and stored as floats; empty, {@code NaN}
 *       and infinite cells are errors, since lrlab does not impute missing values.
 *   <li>Labels: one column, or several (names separated by commas, or a prefix ending in {@code *})
 *       for outputs of several values, which must all hold finite numbers. A single label column whose
 *       cells are all finite numbers gives the numbers. When at least half of its cells are numbers,
 *       any other cell ({@code NaN}, {@code inf}, text) is an error naming its line: a regression
 *       target or class indices with a stray cell are never silently read as class names. Otherwise the
 *       cells are class names: the distinct names sorted lexicographically ({@link String#compareTo})
 *       become classes {@code 0, 1, ...} and {@link Dataset#classNames()} holds that list. Sorting,
 *       rather than order of first appearance, makes the mapping independent of row order (and of a
 *       split or a shuffle of the file).
 *   <li>Text columns ({@link DataSpec#textColumns()}, for string and integer model inputs): cells
 *       kept as written (stripped), an empty cell being the empty text; see {@link TextColumn}.
 *   <li>Empty cells in a numeric feature or a label column are errors, unless {@link
 *       DataSpec#skipIncomplete()} skips every row with an empty cell in a used column.
 *   <li>Each example remembers its line, so later checks can name {@code file:line}.
 *   <li>With a window ({@link DataSpec#window()}), the features are the window's series columns, read as numbers
 *       in the order named; the label column may be one of them. {@link SeriesWindows} makes the samples.
 * </ul>
 *
 * <p>Errors about a cell read {@code file:line:column: reason}, with the physical line (the header
 * is line 1) and the 1-based column index, and name the column, e.g. {@code data.csv:17:3: expected
 * a number in column 'age', found 'abc'}.
 */
public final class CsvDatasetReader {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
    private static final String SKIP_HINT = "; fill it, or skip rows with empty cells (`skipIncomplete`)";

    private final int threads;

    /** A reader that parses big files on every core. */
    public CsvDatasetReader() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** @param threads threads that parse chunks of a big file (1: the calling thread only) */
    CsvDatasetReader(int threads) {
        this.threads = Math.max(1, threads);
    }

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
        return read(DataSpec.builder().setData(file).optLabelColumn(labelColumn).optFeatureColumns(featureColumns).build());
    }

    /**
     * Reads the file as the spec says: its label column(s), feature columns, the columns kept as text, and
     * whether rows with an empty cell are skipped ({@link Dataset#skippedRows()} counts them).
     *
     * @param spec a CSV spec: its label column must be present
     * @return the dataset
     * @throws LrlabException (data) for a missing file, an unknown column, a bad cell or an empty table
     */
    public Dataset read(DataSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Path file = spec.data();
        String labelColumn = spec.labelColumn().orElseThrow(() -> new IllegalArgumentException("no label column"));
        DataFiles.requireReadableFile(file, "CSV file");
        if (spec.textColumns().isEmpty() && !spec.allText()) {
            return CsvFloatReader.read(spec, threads,
                    spec.rows().isSampled() ? CsvFloatReader.SAMPLE_BLOCK : CsvFloatReader.BLOCK);
        }
        return readText(spec, labelColumn);
    }

    /**
     * Text columns: Commons CSV streams the file, and only the rows {@link DataSpec#rows()} keeps are held (a
     * reservoir sample of a file larger than memory included), while every row read is checked and feeds the text
     * dictionaries and class names.
     */
    private Dataset readText(DataSpec spec, String labelColumn) {
        Path file = spec.data();
        java.nio.charset.CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        Dataset dataset;
        try (java.io.InputStream in = withoutByteOrderMark(Files.newInputStream(file));
             LineCounter counter = new LineCounter(new java.io.InputStreamReader(in, strict));
             CSVParser parser = CSVParser.parse(counter, FORMAT)) {
            Table table = new Table(file, parser.iterator(), counter);
            if (spec.window().isPresent()) { // the series, as numbers; a series may also be the label
                dataset = table.read(labelColumn, spec.window().get().series(), java.util.Set.of(), false, false, true,
                        RowSample.ALL);
            } else {
                dataset = table.read(labelColumn, spec.featureColumns().orElse(null), spec.textColumns(),
                        spec.allText(), spec.skipIncomplete(), false, spec.rows());
            }
            if (counter.sawNul()) {
                checkEncoding(file); // names the NUL byte, or the UTF-16 text it is part of
            }
            return dataset;
        } catch (LrlabException e) {
            checkEncoding(file); // a wrong encoding anywhere in the file is reported first, as CsvFloatReader does
            throw e;
        } catch (IOException e) {
            checkEncoding(file); // bytes that are not UTF-8 (a UTF-16 byte-order mark included) end the decoding here
            throw DataFiles.readFailure(file, e);
        } catch (UncheckedIOException e) {
            checkEncoding(file);
            // Commons CSV reports malformed quoting this way, wrapping a CSVException.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new LrlabException(LrlabException.Kind.DATA,
                    file + ": malformed CSV: " + cause.getMessage(), e);
        }
    }

    /** The stream past a UTF-8 byte-order mark, if it starts with one. */
    private static java.io.InputStream withoutByteOrderMark(java.io.InputStream in) throws IOException {
        java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(in, 1 << 16);
        buffered.mark(3);
        byte[] head = buffered.readNBytes(3);
        if (head.length < 3 || (head[0] & 0xff) != 0xEF || (head[1] & 0xff) != 0xBB || (head[2] & 0xff) != 0xBF) {
            buffered.reset();
        }
        return buffered;
    }

    /** The error for a file without a header. */
    static LrlabException emptyFile(Path file) {
        return LrlabException.data(file + " is empty; expected a header row naming the columns, then data rows");
    }

    /**
     * @param file the CSV file, for messages
     * @param line the header's line
     * @param cells the header's cells as written
     * @return the column names, stripped
     * @throws LrlabException (data) for an empty or repeated name, naming {@code file:line:column}
     */
    static List<String> headerNames(Path file, long line, List<String> cells) {
        List<String> header = new ArrayList<>(cells.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < cells.size(); c++) {
            String name = cells.get(c).strip();
            String at = file + ":" + line + ":" + (c + 1);
            if (name.isEmpty()) {
                throw LrlabException.data(at + ": expected a column name in the header, found an empty cell");
            }
            Integer before = seen.putIfAbsent(name, c);
            if (before != null) {
                throw LrlabException.data(at + ": column name " + LrlabException.quoted(name)
                        + " appears twice in the header (columns " + (before + 1) + " and " + (c + 1)
                        + "); expected distinct names");
            }
            header.add(name);
        }
        return header;
    }

    /**
     * The columns a spec reads from a header, as the reader resolves them.
     *
     * @param features the feature (or series) columns, in the order wanted
     * @param labels the label columns; with a window one may also be a series column
     */
    record Columns(int[] features, int[] labels) {
    }

    /**
     * @param file the CSV file, for messages
     * @param header the column names
     * @param spec the spec: its label column, feature columns or window series
     * @return the columns to read
     * @throws LrlabException (data) for an unknown, repeated or conflicting column
     */
    static Columns columns(Path file, List<String> header, DataSpec spec) {
        Table table = new Table(file, null, null);
        table.header = header;
        String labelColumn = spec.labelColumn().orElseThrow(() -> new IllegalArgumentException("no label column"));
        if (spec.window().isPresent()) {
            table.role = "series";
            int[] series = table.featureIndices(new int[0], spec.window().get().series());
            return new Columns(series, table.labelIndices(labelColumn));
        }
        int[] labels = table.labelIndices(labelColumn);
        return new Columns(table.featureIndices(labels, spec.featureColumns().orElse(null)), labels);
    }

    /**
     * The error for a feature cell that is not a finite float, worded as for every CSV cell.
     *
     * @param at {@code file:line:column}
     * @param name the column's name
     * @param cell the cell as written
     * @return the error: empty cell, not a number, not finite, or beyond float range
     */
    static LrlabException badNumber(String at, String name, String cell) {
        if (cell.isBlank()) {
            return LrlabException.data(at + ": expected a number in column " + LrlabException.quoted(name)
                    + ", found an empty cell" + SKIP_HINT);
        }
        double value;
        try {
            value = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return LrlabException.data(at + ": expected a number in column " + LrlabException.quoted(name)
                    + ", found " + LrlabException.quoted(cell, 40));
        }
        if (!Double.isFinite(value)) {
            return LrlabException.data(at + ": expected a finite number in column "
                    + LrlabException.quoted(name) + ", found " + LrlabException.quoted(cell, 40)
                    + " (missing values are not supported: fill or remove that row)");
        }
        return LrlabException.data(at + ": expected a number within float range in"
                + " column " + LrlabException.quoted(name) + ", found " + LrlabException.quoted(cell, 40));
    }

    /** The error for an empty label cell. */
    static LrlabException emptyLabel(String at, String name) {
        return LrlabException.data(at + ": expected a label in column " + LrlabException.quoted(name)
                + ", found an empty cell" + SKIP_HINT);
    }

    /**
     * Checks a whole file's encoding in one streaming pass, as {@link #read(DataSpec)} does before it parses: the
     * same errors for UTF-16, NUL bytes and bytes that are not UTF-8, without holding the file.
     *
     * @param file the file
     * @throws LrlabException (data) naming the problem
     */
    static void checkEncoding(Path file) {
        long[] zeros = new long[2];
        long first = -1;
        long total = 0;
        boolean utf8 = true;
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] block = new byte[1 << 16];
            ByteBuffer pending = ByteBuffer.allocate((1 << 16) + 8);
            int n;
            boolean head = true;
            while ((n = in.readNBytes(block, 0, block.length)) > 0) {
                int start = 0;
                if (head) {
                    head = false;
                    if (n >= 2 && ((block[0] & 0xff) == 0xFE && (block[1] & 0xff) == 0xFF
                            || (block[0] & 0xff) == 0xFF && (block[1] & 0xff) == 0xFE)) {
                        throw LrlabException.data(file + " is UTF-16 text; expected UTF-8: save it as UTF-8 CSV");
                    }
                    if (n >= 3 && (block[0] & 0xff) == 0xEF && (block[1] & 0xff) == 0xBB && (block[2] & 0xff) == 0xBF) {
                        start = 3;
                    }
                }
                for (int i = 0; i < n; i++) {
                    if (block[i] == 0) {
                        zeros[(int) ((total + i) % 2)]++;
                        first = first < 0 ? total + i : first;
                    }
                }
                total += n;
                if (utf8) {
                    pending.put(block, start, n - start).flip();
                    chars.clear();
                    while (true) {
                        java.nio.charset.CoderResult result = decoder.decode(pending, chars, false);
                        if (result.isError()) {
                            utf8 = false;
                            break;
                        }
                        if (result.isOverflow()) {
                            chars.clear();
                            continue;
                        }
                        break;
                    }
                    pending.compact();
                }
            }
            if (utf8) {
                pending.flip();
                chars.clear();
                utf8 = !decoder.decode(pending, chars, true).isError() && !pending.hasRemaining();
            }
        } catch (IOException e) {
            throw DataFiles.readFailure(file, e);
        }
        if (first >= 0) {
            long half = total / 2;
            if (half > 0 && Math.max(zeros[0], zeros[1]) * 3 >= half) {
                throw LrlabException.data(file + " is UTF-16 text (" + (zeros[1] > zeros[0] ? "little" : "big")
                        + "-endian, without a byte-order mark); expected UTF-8: save it as UTF-8 CSV");
            }
            throw LrlabException.data(file + " holds a NUL byte (at byte " + first + "), which a text CSV never has;"
                    + " expected a UTF-8 CSV file");
        }
        if (!utf8) {
            throw LrlabException.data(file + " is not UTF-8 text; expected a UTF-8 CSV file: save it as UTF-8");
        }
    }

    /** The state of reading one file. */
    private static final class Table {
        private final Path file;
        private final Iterator<CSVRecord> records;
        private final LineCounter lineCounter;
        private List<String> header;
        private String role = "feature"; // what the chosen columns are, for messages: feature or series

        Table(Path file, Iterator<CSVRecord> records, LineCounter lineCounter) {
            this.file = file;
            this.records = records;
            this.lineCounter = lineCounter;
        }

        Dataset read(String labelColumn, List<String> featureColumns, Set<String> textColumns, boolean allText,
                     boolean skipIncomplete, boolean labelMayBeFeature, RowSample selection) {
            readHeader();
            role = labelMayBeFeature ? "series" : "feature";
            int[] series = labelMayBeFeature ? featureIndices(new int[0], featureColumns) : null; // named first
            int[] labels = labelIndices(labelColumn);
            int[] features = series != null ? series : featureIndices(labels, featureColumns);
            int width = features.length;
            boolean[] text = new boolean[width];
            List<TextValues> dictionaries = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                text[i] = allText || textColumns.contains(header.get(features[i]));
                dictionaries.add(text[i] ? new TextValues() : null);
            }

            KeptRows kept = new KeptRows(selection, width);
            LabelTally tally = new LabelTally(labels.length);
            int skipped = 0;
            float[] row = new float[width];
            while (!kept.full() && records.hasNext()) {
                CSVRecord record = records.next();
                if (record.size() != header.size()) {
                    throw LrlabException.data(at(record) + ": expected " + header.size()
                            + " cells as in the header, found " + record.size());
                }
                int line = lineCounter.lineOf(record.getCharacterPosition());
                if (skipIncomplete && hasEmptyCell(record, features, labels)) {
                    skipped++;
                    continue;
                }
                for (int i = 0; i < width; i++) {
                    int c = features[i];
                    row[i] = text[i] ? dictionaries.get(i).code(record.get(c).strip(), line) : number(record, c);
                }
                String[] cells = new String[labels.length];
                for (int i = 0; i < labels.length; i++) {
                    cells[i] = record.get(labels[i]).strip();
                    if (cells[i].isEmpty()) {
                        throw emptyLabel(at(record, labels[i]), header.get(labels[i]));
                    }
                }
                tally.count(cells, line);
                kept.offer(row, cells, line);
            }
            if (kept.offered() == 0) {
                throw LrlabException.data(file + (skipped > 0 ? " has no row without an empty cell (" + skipped
                        + " skipped); expected at least one complete row" : " has a header but no data rows; expected at"
                        + " least one row"));
            }
            List<String> names = new ArrayList<>(width);
            Map<String, TextColumn> textByName = new HashMap<>();
            for (int i = 0; i < width; i++) {
                names.add(header.get(features[i]));
                if (text[i]) {
                    textByName.put(header.get(features[i]), dictionaries.get(i).column());
                }
            }
            List<String> labelNames = new ArrayList<>();
            for (int c : labels) {
                labelNames.add(header.get(c));
            }
            kept.putInFileOrder();
            List<String[]> labelCells = kept.labelCells();
            int[] lineArray = kept.lines();
            Dataset.Builder builder = Dataset.owning()
                    .features(kept.features())
                    .featureNames(names)
                    .textColumns(textByName)
                    .labelWidth(labels.length)
                    .labelNames(labelNames)
                    .lines(lineArray)
                    .skipped(skipped)
                    .source(file.toString());
            int labelWidth = labels.length;
            if (tally.firstText == null) {
                return builder.labels(parseLabels(labelCells, labelWidth)).build();
            }
            if (labelWidth > 1) {
                throw LrlabException.data(file + ":" + tally.firstTextLine + ": expected a finite number in label column "
                        + LrlabException.quoted(labelNames.get(tally.firstTextColumn)) + ", found "
                        + quote(tally.firstText) + "; several label columns"
                        + " hold numbers only; fix or remove that row");
            }
            if (tally.firstNumber != null && tally.numbers * 2 >= tally.rows) {
                String word = tally.firstText;
                throw LrlabException.data(file + ":" + tally.firstTextLine + ": label column "
                        + LrlabException.quoted(labelNames.get(0))
                        + " holds numbers (" + quote(tally.firstNumber) + " at line " + tally.firstNumberLine + ") and "
                        + (isNotANumber(word) ? "a missing or infinite value " : "text ") + quote(word)
                        + "; expected numbers only (a regression target or class indices) or class names only:"
                        + " fix or remove that row");
            }
            if (tally.tooManyNames) {
                throw LrlabException.data(file + ": label column " + LrlabException.quoted(labelNames.get(0))
                        + " holds class names and more than " + LabelTally.MAX_NAMES + " distinct numbers; expected"
                        + " numbers only (a regression target or class indices) or class names only");
            }
            List<String> classes = new ArrayList<>(tally.names);
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < classes.size(); i++) {
                index.put(classes.get(i), i);
            }
            float[] classLabels = new float[labelCells.size()];
            for (int i = 0; i < classLabels.length; i++) {
                classLabels[i] = index.get(labelCells.get(i)[0]);
            }
            return builder.labels(classLabels).classNames(classes).build();
        }

        private static boolean hasEmptyCell(CSVRecord record, int[] features, int[] labels) {
            for (int c : features) {
                if (record.get(c).isBlank()) {
                    return true;
                }
            }
            for (int c : labels) {
                if (record.get(c).isBlank()) {
                    return true;
                }
            }
            return false;
        }

        private void readHeader() {
            if (!records.hasNext()) {
                throw emptyFile(file);
            }
            CSVRecord record = records.next();
            List<String> cells = new ArrayList<>(record.size());
            record.forEach(cells::add);
            header = headerNames(file, lineOf(record.getCharacterPosition()), cells);
        }

        /** Resolves a label name, comma-separated names, or a prefix ending in {@code *}, to columns. */
        private int[] labelIndices(String labelColumn) {
            String spec = labelColumn.strip();
            List<Integer> found = new ArrayList<>();
            if (spec.endsWith("*")) {
                String prefix = spec.substring(0, spec.length() - 1);
                for (int c = 0; c < header.size(); c++) {
                    if (header.get(c).startsWith(prefix)) {
                        found.add(c);
                    }
                }
                if (found.isEmpty()) {
                    throw LrlabException.data("no column of " + file + " starts with " + LrlabException.quoted(prefix)
                            + " (label columns "
                            + spec + "); columns found: " + Dataset.describeNames(header));
                }
            } else if (header.contains(spec)) {
                found.add(header.indexOf(spec)); // a column whose name holds a comma, e.g. 'diagnosis(1=m, 0=b)'
            } else {
                for (String name : spec.contains(",") ? List.of(spec.split(",")) : List.of(spec)) {
                    int c = labelIndex(name);
                    if (found.contains(c)) {
                        throw LrlabException.data("label column " + LrlabException.quoted(name.strip())
                                + " is named twice; expected each once");
                    }
                    found.add(c);
                }
            }
            return found.stream().mapToInt(Integer::intValue).toArray();
        }

        private int labelIndex(String labelColumn) {
            int label = header.indexOf(labelColumn.strip());
            if (label < 0) {
                String hint = "";
                if (header.size() == 1 && (header.get(0).contains(";") || header.get(0).contains("\t"))) {
                    hint = "; the header has one column containing ';' or a tab: lrlab reads"
                            + " comma-separated files";
                }
                throw LrlabException.data("no label column " + LrlabException.quoted(labelColumn.strip()) + " in " + file
                        + "; columns found: " + Dataset.describeNames(header) + hint);
            }
            return label;
        }

        private int[] featureIndices(int[] labels, List<String> featureColumns) {
            Set<Integer> labelSet = new HashSet<>();
            for (int c : labels) {
                labelSet.add(c);
            }
            if (featureColumns == null) {
                if (header.size() <= labels.length) {
                    throw LrlabException.data(file + " has only the label column" + (labels.length == 1 ? " "
                            + LrlabException.quoted(header.get(labels[0])) : "s") + "; expected at least one feature column");
                }
                int[] features = new int[header.size() - labels.length];
                int k = 0;
                for (int c = 0; c < header.size(); c++) {
                    if (!labelSet.contains(c)) {
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
                    throw LrlabException.data("no " + role + " column " + LrlabException.quoted(name) + " in " + file
                            + "; columns found: " + Dataset.describeNames(header));
                }
                if (labelSet.contains(c)) {
                    throw LrlabException.data("column " + LrlabException.quoted(name) + " of " + file
                            + " is a label column; it cannot also be a feature");
                }
                if (!named.add(name)) {
                    throw LrlabException.data(role + " column " + LrlabException.quoted(name)
                            + " is named twice; expected each once");
                }
                features[i] = c;
            }
            return features;
        }

        private float number(CSVRecord record, int column) {
            String cell = record.get(column);
            float f;
            try {
                f = Float.parseFloat(cell); // exactly as written, not rounded twice through a double
            } catch (NumberFormatException e) {
                f = Float.NaN;
            }
            if (!Float.isFinite(f)) {
                throw badNumber(at(record, column), header.get(column), cell);
            }
            return f;
        }

        /** @return the label cells as numbers, row-major, NaN where a cell is not a finite float */
        private static float[] parseLabels(List<String[]> cells, int width) {
            float[] labels = new float[cells.size() * width];
            for (int i = 0; i < cells.size(); i++) {
                for (int j = 0; j < width; j++) {
                    float f = parseOrNaN(cells.get(i)[j]);
                    labels[i * width + j] = Float.isFinite(f) ? f : Float.NaN;
                }
            }
            return labels;
        }


        private static float parseOrNaN(String cell) {
            try {
                return Float.parseFloat(cell);
            } catch (NumberFormatException e) {
                return Float.NaN;
            }
        }

        /** A cell for a one-line message: quoted, line breaks and tabs escaped, long text cut. */
        private static String quote(String cell) {
            return LrlabException.quoted(cell, 40);
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
            return lineCounter.lineOf(position);
        }
    }

    /** The distinct cells of a column read as text, in order of first appearance, with their first lines. */
    private static final class TextValues {
        private final Map<String, Integer> codes = new HashMap<>();
        private final List<String> values = new ArrayList<>();
        private final java.util.stream.IntStream.Builder firstLines = java.util.stream.IntStream.builder();

        float code(String cell, int line) {
            Integer code = codes.get(cell);
            if (code == null) {
                code = values.size();
                codes.put(cell, code);
                values.add(cell);
                firstLines.add(line);
            }
            return code;
        }

        TextColumn column() {
            return new TextColumn(values, firstLines.build().toArray());
        }
    }

    /**
     * Passes the file's characters to the CSV parser and turns record positions into 1-based line numbers (the header
     * being line 1), holding only the characters read ahead of the record last asked about. A record's line is that
     * of its first character at or after the position the parser reports, since the parser reports a record's start
     * before the blank lines it skips. Positions are asked in increasing order; asking again for the record last
     * asked about gives its line again.
     */
    private static final class LineCounter extends java.io.Reader {
        private final java.io.Reader in;
        private final StringBuilder pending = new StringBuilder(); // characters from `start` on, read by the parser
        private long start; // the file position of pending's first character
        private int counted; // characters of pending already counted
        private int line = 1;
        private boolean sawNul;

        LineCounter(java.io.Reader in) {
            this.in = in;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                if (counted > (1 << 16) && counted * 2 > pending.length()) { // drop what is counted, now and then
                    pending.delete(0, counted);
                    start += counted;
                    counted = 0;
                }
                pending.append(buffer, offset, n);
                for (int i = offset; i < offset + n && !sawNul; i++) {
                    sawNul = buffer[i] == 0;
                }
            }
            return n;
        }

        /** @return whether a NUL character was read: never part of a text CSV ({@link #checkEncoding} says why) */
        boolean sawNul() {
            return sawNul;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        int lineOf(long recordStart) {
            int end = (int) (recordStart - start);
            if (end <= counted) {
                return line;
            }
            end = Math.min(end, pending.length());
            while (end < pending.length() && (pending.charAt(end) == '\n' || pending.charAt(end) == '\r')) {
                end++;
            }
            for (int i = counted; i < end; i++) {
                char ch = pending.charAt(i);
                if (ch == '\n' || ch == '\r' && (i + 1 >= pending.length() || pending.charAt(i + 1) != '\n')) {
                    line++;
                }
            }
            counted = end;
            return line;
        }
    }

    /**
     * The rows kept while the file streams by: every row read, the first {@link RowSample#maxRows()}, or a reservoir
     * sample of them (the same draws as {@link RowSample#indices}, so a sample equals the whole read's selection).
     */
    private static final class KeptRows {
        private final RowSample selection;
        private final int width;
        private final RowSample.Reservoir reservoir;
        private float[] features = new float[0];
        private final List<String[]> labelCells = new ArrayList<>();
        private int[] lines = new int[16];
        private long[] order = new long[16]; // the source row of each slot, when sampling
        private long offered;

        KeptRows(RowSample selection, int width) {
            this.selection = selection;
            this.width = width;
            this.reservoir = selection.isSampled() ? new RowSample.Reservoir(selection.sample(), selection.seed()) : null;
        }

        boolean full() {
            return offered >= selection.maxRows();
        }

        long offered() {
            return offered;
        }

        void offer(float[] row, String[] cells, int line) {
            long source = offered++;
            int slot = reservoir == null ? labelCells.size() : reservoir.offer();
            if (slot < 0) {
                return;
            }
            if (slot == labelCells.size()) {
                labelCells.add(cells);
                int rows = labelCells.size();
                if (rows > lines.length) {
                    lines = Arrays.copyOf(lines, rows * 2);
                    order = Arrays.copyOf(order, rows * 2);
                }
                if ((long) rows * width > features.length) {
                    features = Arrays.copyOf(features, Math.toIntExact(Math.max(16L, (long) rows * width * 3 / 2)));
                }
            } else {
                labelCells.set(slot, cells);
            }
            System.arraycopy(row, 0, features, slot * width, width);
            lines[slot] = line;
            order[slot] = source;
        }

        /** Sorts a reservoir's slots back into file order. */
        void putInFileOrder() {
            int rows = labelCells.size();
            if (reservoir == null) {
                return;
            }
            Integer[] bySource = new Integer[rows];
            for (int i = 0; i < rows; i++) {
                bySource[i] = i;
            }
            Arrays.sort(bySource, (a, b) -> Long.compare(order[a], order[b]));
            float[] sortedFeatures = new float[rows * width];
            List<String[]> sortedCells = new ArrayList<>(rows);
            int[] sortedLines = new int[rows];
            for (int i = 0; i < rows; i++) {
                int slot = bySource[i];
                System.arraycopy(features, slot * width, sortedFeatures, i * width, width);
                sortedCells.add(labelCells.get(slot));
                sortedLines[i] = lines[slot];
            }
            features = sortedFeatures;
            labelCells.clear();
            labelCells.addAll(sortedCells);
            lines = sortedLines;
        }

        float[] features() {
            return Arrays.copyOf(features, labelCells.size() * width);
        }

        List<String[]> labelCells() {
            return labelCells;
        }

        int[] lines() {
            return Arrays.copyOf(lines, labelCells.size());
        }
    }

    /**
     * What the label cells of every row read hold, kept or not: whether they are numbers or class names, where the
     * first of each is, and the distinct names, so that a sample's classes are the whole file's.
     */
    private static final class LabelTally {
        /** Distinct numbers remembered as possible class names beside text; a regression target has many more. */
        static final int MAX_NAMES = 100_000;
        private final int width;
        private final TreeSet<String> names = new TreeSet<>();
        private int numberNames;
        private boolean tooManyNames;
        private long rows;
        private long numbers;
        private String firstText;
        private int firstTextLine;
        private int firstTextColumn;
        private String firstNumber;
        private int firstNumberLine;

        LabelTally(int width) {
            this.width = width;
        }

        void count(String[] cells, int line) {
            rows++;
            for (int j = 0; j < width; j++) {
                boolean number = Float.isFinite(Table.parseOrNaN(cells[j]));
                if (!number && firstText == null) {
                    firstText = cells[j];
                    firstTextLine = line;
                    firstTextColumn = j;
                }
                if (width > 1) {
                    continue;
                }
                if (number) {
                    numbers++;
                    if (firstNumber == null) {
                        firstNumber = cells[j];
                        firstNumberLine = line;
                    }
                    if (!tooManyNames && !names.contains(cells[j])) {
                        tooManyNames = ++numberNames > MAX_NAMES;
                        names.add(cells[j]);
                    }
                } else {
                    names.add(cells[j]);
                }
            }
        }
    }

    /**
     * @param cell a label cell that did not parse as a finite float
     * @return whether it parses as a number that is NaN or infinite ({@code NaN}, {@code inf}, 1e999), or says so
     */
    static boolean isNotANumber(String cell) {
        try {
            Double.parseDouble(cell);
            return true;
        } catch (NumberFormatException e) {
            return cell.equalsIgnoreCase("inf") || cell.equalsIgnoreCase("-inf") || cell.equalsIgnoreCase("nan");
        }
    }
}
