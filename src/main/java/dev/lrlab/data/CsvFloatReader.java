package dev.lrlab.data;

import dev.lrlab.LrlabException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * The CSV reader's path for numeric features: bytes straight to float arrays, in chunks parsed on all cores.
 *
 * <p>The file is read in blocks of {@link #BLOCK} bytes, each cut after its last line feed; each block (a chunk) is
 * tokenized and its cells parsed by {@link FloatText} on a worker, into a float array of whole rows. No string is
 * made for a numeric cell. A chunk is cut at a line feed without knowing whether it lies inside a quoted cell; a
 * chunk that ends inside quotes says so, and its open record is parsed again together with the next chunk, whose
 * own result is dropped. Chunks are taken in file order, so line numbers, the first error and the rows kept are
 * those of a sequential read. The rows of each chunk become one block of the dataset ({@link FloatRows}), so the
 * features are never copied into one big array; with a {@link RowSample} the rows go through the sample instead and
 * only the kept ones stay.
 *
 * <p>Format and messages are those of {@link CsvDatasetReader}: RFC 4180 as Commons CSV's default reads it (blank
 * lines skipped, a quote opens a quoted cell only at the start of a cell, white space allowed after the closing
 * quote), UTF-8 with an optional byte-order mark, {@code file:line:column} errors. Encoding errors (UTF-16, NUL
 * bytes, bytes that are not UTF-8) take precedence over cell errors as they do there: before any error is reported,
 * and before a file in which a chunk saw a NUL or non-ASCII byte is returned, the whole file's encoding is checked.
 */
final class CsvFloatReader {
    /** Bytes per chunk. */
    static final int BLOCK = 4 << 20;
    /** Bytes per chunk when rows are sampled: the chunks in flight are all that is held besides the sample. */
    static final int SAMPLE_BLOCK = 1 << 20;
    /** Distinct label texts of numeric labels remembered (for class names); a regression target has too many. */
    private static final int NUMERIC_TEXTS = 1 << 16;

    private final Path file;
    private final List<String> header;
    private final int[] features;
    private final int[] labels;
    private final boolean skipIncomplete;
    private final int blockSize;

    private CsvFloatReader(Path file, List<String> header, int[] features, int[] labels, boolean skipIncomplete,
                           int blockSize) {
        this.file = file;
        this.header = header;
        this.features = features;
        this.labels = labels;
        this.skipIncomplete = skipIncomplete;
        this.blockSize = blockSize;
    }

    /**
     * @param spec a CSV spec without text columns
     * @param threads the worker threads (1 parses in the calling thread)
     * @param blockSize bytes per chunk (tests use small chunks)
     * @return the dataset, with the spec's rows
     */
    static Dataset read(DataSpec spec, int threads, int blockSize) {
        Path file = spec.data();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(spec, channel, threads, blockSize);
        } catch (IOException e) {
            throw DataFiles.readFailure(file, e);
        }
    }

    private static Dataset read(DataSpec spec, FileChannel channel, int threads, int blockSize) throws IOException {
        Path file = spec.data();
        // the header: read until its record is complete
        byte[] head = new byte[Math.max(blockSize, 1 << 16)];
        int have = readFully(channel, head, 0, 0);
        boolean eof = have < head.length;
        if (have >= 2 && ((head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF
                || (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE)) {
            throw LrlabException.data(file + " is UTF-16 text; expected UTF-8: save it as UTF-8 CSV");
        }
        int start = have >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF ? 3 : 0;
        Tokenizer tokenizer = new Tokenizer(Integer.MAX_VALUE);
        int end;
        while (true) {
            tokenizer.reset(1);
            end = tokenizer.record(head, start, have, eof);
            if (end != Tokenizer.INCOMPLETE || eof) {
                break;
            }
            head = Arrays.copyOf(head, head.length * 2);
            have = readFully(channel, head, have, have);
            eof = have < head.length;
        }
        if (end == Tokenizer.FAILED) {
            throw fail(file, tokenizer.failure, 0, tokenizer.odd);
        }
        if (end == Tokenizer.NONE) {
            throw fail(file, CsvDatasetReader.emptyFile(file), tokenizer.odd);
        }
        List<String> cells = new ArrayList<>(tokenizer.count);
        for (int c = 0; c < tokenizer.count; c++) {
            cells.add(tokenizer.text(c));
        }
        List<String> header;
        CsvDatasetReader.Columns columns;
        try {
            header = CsvDatasetReader.headerNames(file, tokenizer.recordLine, cells);
            columns = CsvDatasetReader.columns(file, header, spec);
        } catch (LrlabException e) {
            throw fail(file, e, tokenizer.odd);
        }
        CsvFloatReader reader = new CsvFloatReader(file, header, columns.features(), columns.labels(),
                spec.skipIncomplete(), blockSize);
        long dataStart = end;
        int firstLine = tokenizer.line;
        return reader.readRows(channel, head, end, have, eof, dataStart, firstLine, tokenizer.odd, spec.rows(),
                threads);
    }

    /** Reads {@code buffer[at..]} from the channel at {@code position}; @return the bytes now in the buffer. */
    private static int readFully(FileChannel channel, byte[] buffer, int at, long position) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer, at, buffer.length - at);
        long pos = position;
        while (target.hasRemaining()) {
            int n = channel.read(target, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
        return target.position();
    }

    /**
     * An error, unless the file's encoding is wrong anywhere (even after the bad cell), which is reported first as
     * the string reader does; the check streams through the file once.
     */
    private static LrlabException fail(Path file, LrlabException e, boolean odd) {
        CsvDatasetReader.checkEncoding(file);
        return e;
    }

    private static LrlabException fail(Path file, Failure failure, int baseLine, boolean odd) {
        return fail(file, failure.exception(file, baseLine), odd);
    }

    /** What a chunk's parse found wrong, with its line relative to the chunk. */
    private record Failure(int line, int column, String reason, boolean malformed) {
        LrlabException exception(Path file, int baseLine) {
            int at = baseLine + line;
            if (malformed) {
                return LrlabException.data(file + ": malformed CSV: line " + at + ": " + reason);
            }
            return LrlabException.data(file + ":" + at + (column > 0 ? ":" + column : "") + ": " + reason);
        }
    }

    /** A chunk of bytes and where it starts in the file. */
    private record Chunk(byte[] bytes, int length, boolean last) {
    }

    // ---------------------------------------------------------------------------------------------------------
    // reading chunks in order

    private Dataset readRows(FileChannel channel, byte[] head, int end, int have, boolean eof, long dataStart,
                             int firstLine, boolean headerOdd, RowSample rows, int threads) throws IOException {
        Sink sink = rows.isSampled() ? new SampleSink(rows) : new AllSink(rows.maxRows());
        ExecutorService pool = threads > 1 && channel.size() - dataStart > 2L * blockSize
                ? Executors.newFixedThreadPool(threads, runnable -> {
                    Thread t = new Thread(runnable, "lrlab-csv");
                    t.setDaemon(true);
                    return t;
                }) : null;
        int window = pool == null ? 1 : threads + 1;
        boolean odd = headerOdd;
        try {
            Deque<Future<Part>> pending = new ArrayDeque<>();
            Deque<Chunk> chunks = new ArrayDeque<>();
            Deque<byte[]> free = new ArrayDeque<>(); // blocks whose chunk was taken, for reuse
            byte[] carry = Arrays.copyOfRange(head, end, have); // bytes read but not yet in a chunk
            long position = dataStart + carry.length;
            boolean atEnd = eof;
            byte[] open = null; // the open record of the last chunk taken, when it ended inside quotes
            int baseLine = firstLine;
            while (!sink.full()) {
                while (pending.size() < window && !(atEnd && carry == null)) {
                    byte[] block = carry.length < blockSize / 2 && !free.isEmpty() ? free.removeFirst()
                            : new byte[Math.max(blockSize, carry.length * 2)];
                    System.arraycopy(carry, 0, block, 0, carry.length);
                    int n = atEnd ? carry.length : readFully(channel, block, carry.length, position);
                    position += n - carry.length;
                    atEnd = atEnd || n < block.length;
                    int cut = atEnd ? n : lastLineFeed(block, n) + 1;
                    if (cut == 0) { // nothing left, or a line longer than the block: read more into a bigger one
                        carry = atEnd ? null : Arrays.copyOf(block, n);
                        continue;
                    }
                    carry = atEnd ? null : Arrays.copyOfRange(block, cut, n);
                    Chunk chunk = new Chunk(block, cut, atEnd);
                    chunks.add(chunk);
                    FutureTask<Part> task = new FutureTask<>(() -> parse(chunk.bytes(), 0, chunk.length(), chunk.last()));
                    if (pool == null) {
                        task.run();
                    } else {
                        pool.execute(task);
                    }
                    pending.add(task);
                }
                if (pending.isEmpty()) {
                    break;
                }
                Chunk chunk = chunks.removeFirst();
                Part part = get(pending.removeFirst());
                if (open != null) { // this chunk started inside a quoted cell: parse the open record with it
                    byte[] merged = Arrays.copyOf(open, open.length + chunk.length());
                    System.arraycopy(chunk.bytes(), 0, merged, open.length, chunk.length());
                    part = parse(merged, 0, merged.length, chunk.last());
                    open = null;
                }
                odd |= part.odd;
                if (part.failure != null) {
                    throw fail(file, part.failure, baseLine, odd);
                }
                if (part.open) {
                    open = Arrays.copyOfRange(part.bytes, part.tailStart, part.length);
                }
                sink.take(part, baseLine);
                baseLine += part.lineBreaks;
                if (chunk.bytes().length == blockSize) {
                    free.add(chunk.bytes());
                }
            }
            if (open != null) { // cannot happen: the last chunk fails on an unclosed quote
                throw new IllegalStateException("a quoted cell is still open at the end of " + file);
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        if (odd) {
            CsvDatasetReader.checkEncoding(file);
        }
        return sink.build();
    }

    private static Part get(Future<Part> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a CSV file", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static int lastLineFeed(byte[] bytes, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------------------------------------------------
    // one chunk

    /** The rows of one chunk, with line numbers relative to its first byte. */
    private static final class Part {
        byte[] bytes;
        int length;
        float[] features;
        float[] labels;
        int[] codes; // per row, the label's text in dictionary (one label column only), -1 when not remembered
        int[] rowLines; // per row, its line relative to the chunk
        int rows;
        int skipped;
        int lineBreaks; // line breaks in the chunk, when parsed to its end
        boolean open;
        int tailStart;
        boolean odd;
        Failure failure;
        Dictionary dictionary = new Dictionary();
        boolean numericTextsDropped;
        int numbers; // finite label cells (one label column)
        int firstNumber = -1;
        String firstNumberText;
        int firstText = -1;
        String firstTextCell;
        int firstTextColumn;
    }

    Part parse(byte[] bytes, int from, int to, boolean last) {
        Part part = new Part();
        part.bytes = bytes;
        part.length = to;
        int width = features.length;
        int labelWidth = labels.length;
        int estimate = 1; // rows: at most one per line feed, plus one
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                estimate++;
            }
        }
        part.features = new float[estimate * width];
        part.labels = new float[estimate * labelWidth];
        part.codes = labelWidth == 1 ? new int[estimate] : null;
        part.rowLines = new int[estimate];
        Tokenizer tokenizer = new Tokenizer(header.size());
        tokenizer.reset(0);
        int pos = from;
        int rowBytes = 0;
        while (true) {
            int recordStart = pos;
            int end = tokenizer.record(bytes, pos, to, last);
            if (end == Tokenizer.NONE) {
                break;
            }
            if (end == Tokenizer.FAILED) {
                part.failure = tokenizer.failure;
                break;
            }
            if (end == Tokenizer.INCOMPLETE) {
                part.open = true;
                part.tailStart = tokenizer.recordStart;
                tokenizer.line = tokenizer.recordLine;
                break;
            }
            pos = end;
            int line = tokenizer.recordLine;
            if (tokenizer.count != header.size()) {
                part.failure = new Failure(line, 0, "expected " + header.size() + " cells as in the header, found "
                        + tokenizer.count, false);
                break;
            }
            if (skipIncomplete && tokenizer.anyBlank(features, labels)) {
                part.skipped++;
                continue;
            }
            int r = part.rows;
            if (r == part.rowLines.length) {
                if (rowBytes == 0) {
                    rowBytes = Math.max(1, (end - from) / Math.max(1, r));
                }
                int more = Math.max(r + 16, (int) Math.min(Integer.MAX_VALUE - 8L,
                        (long) r + (long) (to - end) / rowBytes * 11 / 10 + 16));
                grow(part, more, width, labelWidth);
            }
            int at = r * width;
            for (int i = 0; i < width; i++) {
                int c = features[i];
                long bits = tokenizer.number(c);
                float f = bits == FloatText.NOT_A_NUMBER ? Float.NaN : Float.intBitsToFloat((int) bits);
                if (!Float.isFinite(f)) {
                    part.failure = cellFailure(tokenizer, line, c);
                    break;
                }
                part.features[at + i] = f;
            }
            if (part.failure != null) {
                break;
            }
            if (!labelRow(part, tokenizer, r, line)) {
                break;
            }
            part.rowLines[r] = line;
            part.rows++;
        }
        part.odd = tokenizer.odd;
        part.lineBreaks = tokenizer.line;
        if (part.rows < part.rowLines.length - part.rowLines.length / 64) { // trim: its rows become a block
            part.features = Arrays.copyOf(part.features, part.rows * width);
            part.labels = Arrays.copyOf(part.labels, part.rows * labelWidth);
            if (part.codes != null) {
                part.codes = Arrays.copyOf(part.codes, part.rows);
            }
            part.rowLines = Arrays.copyOf(part.rowLines, part.rows);
        }
        return part;
    }

    private static void grow(Part part, int rows, int width, int labelWidth) {
        part.features = Arrays.copyOf(part.features, rows * width);
        part.labels = Arrays.copyOf(part.labels, rows * labelWidth);
        if (part.codes != null) {
            part.codes = Arrays.copyOf(part.codes, rows);
        }
        part.rowLines = Arrays.copyOf(part.rowLines, rows);
    }

    private Failure cellFailure(Tokenizer tokenizer, int line, int column) {
        LrlabException e = CsvDatasetReader.badNumber("", header.get(column), tokenizer.text(column));
        return new Failure(line, column + 1, e.getMessage().substring(2), false); // drop the leading ": "
    }

    /** Parses the label cells of row {@code r}; @return false when one is empty (the part's failure is set). */
    private boolean labelRow(Part part, Tokenizer tokenizer, int r, int line) {
        int labelWidth = labels.length;
        for (int j = 0; j < labelWidth; j++) {
            int c = labels[j];
            byte[] source = tokenizer.source[c];
            int from = tokenizer.from[c];
            int to = tokenizer.to[c];
            boolean ascii = true;
            for (int i = from; i < to; i++) {
                if (source[i] < 0) {
                    ascii = false;
                    break;
                }
            }
            if (ascii) {
                while (from < to && Tokenizer.isSpace(source[from])) {
                    from++;
                }
                while (to > from && Tokenizer.isSpace(source[to - 1])) {
                    to--;
                }
            } else {
                source = new String(source, from, to - from, StandardCharsets.UTF_8).strip()
                        .getBytes(StandardCharsets.UTF_8);
                from = 0;
                to = source.length;
            }
            if (from == to) {
                LrlabException e = CsvDatasetReader.emptyLabel("", header.get(c));
                part.failure = new Failure(line, c + 1, e.getMessage().substring(2), false);
                return false;
            }
            long bits = FloatText.parse(source, from, to);
            float value = bits == FloatText.NOT_A_NUMBER ? Float.NaN : Float.intBitsToFloat((int) bits);
            boolean number = Float.isFinite(value);
            part.labels[r * labelWidth + j] = number ? value : Float.NaN;
            if (labelWidth > 1) {
                if (!number && part.firstText < 0) {
                    part.firstText = r;
                    part.firstTextColumn = j;
                    part.firstTextCell = new String(source, from, to - from, StandardCharsets.UTF_8);
                }
                continue;
            }
            if (number) {
                part.numbers++;
                if (part.firstNumber < 0) {
                    part.firstNumber = r;
                    part.firstNumberText = new String(source, from, to - from, StandardCharsets.UTF_8);
                }
                int code = part.dictionary.find(source, from, to);
                if (code < 0 && part.dictionary.numericKeys < NUMERIC_TEXTS) {
                    code = part.dictionary.add(source, from, to);
                    part.dictionary.numericKeys++;
                } else if (code < 0) {
                    part.numericTextsDropped = true;
                }
                part.codes[r] = code;
            } else {
                if (part.firstText < 0) {
                    part.firstText = r;
                    part.firstTextCell = new String(source, from, to - from, StandardCharsets.UTF_8);
                }
                int code = part.dictionary.find(source, from, to);
                part.codes[r] = code >= 0 ? code : part.dictionary.add(source, from, to);
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------------------
    // label texts across chunks, and the choice between numbers and class names

    /** The label cells of every row read (kept or not), in file order. */
    private final class Labels {
        private final int width;
        private final Dictionary texts = new Dictionary(); // distinct label texts of the rows read
        private boolean numericTextsDropped;
        private long rows;
        private long numbers;
        private long firstNumberLine = -1;
        private String firstNumberText;
        private long firstTextLine = -1;
        private String firstText;
        private int firstTextColumn;

        Labels(int width) {
            this.width = width;
        }

        /**
         * Counts the first {@code count} rows of a part and maps their label texts into this file's dictionary.
         *
         * @return their codes in it (one label column), -1 where a number's text is not remembered
         */
        int[] take(Part part, int count, int baseLine) {
            rows += count;
            if (width > 1) {
                if (firstTextLine < 0 && part.firstText >= 0 && part.firstText < count) {
                    firstTextLine = baseLine + part.rowLines[part.firstText];
                    firstText = part.firstTextCell;
                    firstTextColumn = part.firstTextColumn;
                }
                return null;
            }
            numericTextsDropped |= part.numericTextsDropped;
            int[] map = new int[part.dictionary.size()];
            Arrays.fill(map, -2);
            int[] codes = new int[count];
            for (int r = 0; r < count; r++) {
                boolean number = !Float.isNaN(part.labels[r]);
                int local = part.codes[r];
                if (number) {
                    numbers++;
                }
                int code = -1;
                if (local >= 0) {
                    code = map[local];
                    if (code == -2) {
                        byte[] key = part.dictionary.key(local);
                        code = texts.find(key, 0, key.length);
                        if (code < 0 && number && texts.numericKeys >= NUMERIC_TEXTS) {
                            numericTextsDropped = true;
                        } else if (code < 0) {
                            code = texts.add(key, 0, key.length);
                            texts.numericKeys += number ? 1 : 0;
                        }
                        map[local] = code;
                    }
                }
                codes[r] = code;
                if (number && firstNumberLine < 0) {
                    firstNumberLine = baseLine + part.rowLines[r];
                    firstNumberText = code >= 0 ? texts.text(code) : Float.toString(part.labels[r]);
                } else if (!number && firstTextLine < 0) {
                    firstTextLine = baseLine + part.rowLines[r];
                    firstText = texts.text(code);
                }
            }
            return codes;
        }

        /**
         * @param values the kept rows' label values (NaN where a cell is not a finite number)
         * @param codes the kept rows' label texts
         * @param builder the dataset so far
         * @return the dataset with numeric labels, or class indices and names
         * @throws LrlabException (data) when numbers and text are mixed, or several label columns hold text
         */
        Dataset finish(float[] values, int[] codes, Dataset.Builder builder) {
            List<String> labelNames = new ArrayList<>();
            for (int c : labels) {
                labelNames.add(header.get(c));
            }
            if (firstTextLine < 0) {
                return builder.labels(values).build();
            }
            if (width > 1) {
                throw LrlabException.data(file + ":" + firstTextLine + ": expected a finite number in label column "
                        + LrlabException.quoted(labelNames.get(firstTextColumn)) + ", found "
                        + LrlabException.quoted(firstText, 40) + "; several label columns"
                        + " hold numbers only; fix or remove that row");
            }
            if (firstNumberLine >= 0 && numbers * 2 >= rows) {
                throw LrlabException.data(file + ":" + firstTextLine + ": label column "
                        + LrlabException.quoted(labelNames.get(0))
                        + " holds numbers (" + LrlabException.quoted(firstNumberText, 40) + " at line " + firstNumberLine
                        + ") and " + (CsvDatasetReader.isNotANumber(firstText) ? "a missing or infinite value " : "text ")
                        + LrlabException.quoted(firstText, 40)
                        + "; expected numbers only (a regression target or class indices) or class names only:"
                        + " fix or remove that row");
            }
            if (numericTextsDropped) {
                throw LrlabException.data(file + ": label column " + LrlabException.quoted(labelNames.get(0))
                        + " holds text (" + LrlabException.quoted(firstText, 40) + " at line " + firstTextLine
                        + ") and more than " + NUMERIC_TEXTS + " distinct numbers; expected numbers only or class names"
                        + " only: fix the column");
            }
            TreeMap<String, Integer> sorted = new TreeMap<>();
            for (int code = 0; code < texts.size(); code++) {
                sorted.put(texts.text(code), code);
            }
            List<String> classes = new ArrayList<>(sorted.keySet());
            int[] rank = new int[texts.size()];
            int k = 0;
            for (int code : sorted.values()) {
                rank[code] = k++;
            }
            float[] classLabels = new float[codes.length];
            for (int i = 0; i < codes.length; i++) {
                classLabels[i] = rank[codes[i]];
            }
            return builder.labels(classLabels).classNames(classes).build();
        }
    }


    /** Where the rows go: all of them (or the first N), or a sample. */
    private abstract class Sink {
        final Labels labelState = new Labels(labels.length);
        int skipped;

        /** @return whether no more rows are wanted */
        abstract boolean full();

        /** Takes a part's rows, in file order. */
        abstract void take(Part part, int baseLine);

        /** @return the dataset of the rows kept */
        abstract Dataset build();

        Dataset.Builder builder(FloatRows rows, int[] lines) {
            List<String> names = new ArrayList<>(features.length);
            for (int c : features) {
                names.add(header.get(c));
            }
            List<String> labelNames = new ArrayList<>();
            for (int c : labels) {
                labelNames.add(header.get(c));
            }
            return Dataset.owning().featureRows(rows).featureNames(names).labelWidth(labels.length)
                    .labelNames(labelNames).lines(lines).skipped(skipped).source(file.toString());
        }

        LrlabException noRows() {
            return LrlabException.data(file + (skipped > 0 ? " has no row without an empty cell (" + skipped
                    + " skipped); expected at least one complete row" : " has a header but no data rows; expected at"
                    + " least one row"));
        }
    }

    /** Keeps every row (up to a limit), each chunk's rows as one block. */
    private final class AllSink extends Sink {
        private final long limit;
        private final List<float[]> blocks = new ArrayList<>();
        private final List<float[]> labelBlocks = new ArrayList<>();
        private final List<int[]> codeBlocks = new ArrayList<>();
        private final List<int[]> lineBlocks = new ArrayList<>();
        private final List<Integer> counts = new ArrayList<>();
        private long rows;

        AllSink(long limit) {
            this.limit = limit;
        }

        @Override
        boolean full() {
            return rows >= limit;
        }

        @Override
        void take(Part part, int baseLine) {
            int count = (int) Math.min(part.rows, limit - rows);
            skipped += part.skipped;
            if (count == 0) {
                return;
            }
            int[] codes = labelState.take(part, count, baseLine);
            int[] lines = new int[count];
            for (int r = 0; r < count; r++) {
                lines[r] = baseLine + part.rowLines[r];
            }
            blocks.add(count == part.rows ? part.features : Arrays.copyOf(part.features, count * features.length));
            labelBlocks.add(part.labels);
            codeBlocks.add(codes);
            lineBlocks.add(lines);
            counts.add(count);
            rows += count;
        }

        @Override
        Dataset build() {
            if (rows == 0) {
                throw noRows();
            }
            if (rows * Math.max(features.length, labels.length) > Integer.MAX_VALUE - 8) {
                throw LrlabException.data(file + " holds " + rows + " rows of " + features.length + " features: more"
                        + " than lrlab keeps in memory (2^31 values); read part of it with `maxRows` or `sample`");
            }
            int n = (int) rows;
            int labelWidth = labels.length;
            float[] labelValues = new float[n * labelWidth];
            int[] codes = labelWidth == 1 ? new int[n] : null;
            int[] lines = new int[n];
            int at = 0;
            int[] blockRows = new int[counts.size()];
            for (int b = 0; b < counts.size(); b++) {
                int count = counts.get(b);
                blockRows[b] = count;
                System.arraycopy(labelBlocks.get(b), 0, labelValues, at * labelWidth, count * labelWidth);
                if (codes != null) {
                    System.arraycopy(codeBlocks.get(b), 0, codes, at, count);
                }
                System.arraycopy(lineBlocks.get(b), 0, lines, at, count);
                at += count;
            }
            return labelState.finish(labelValues, codes,
                    builder(FloatRows.ofBlocks(blocks, blockRows, features.length), lines));
        }
    }

    /** Keeps a reservoir sample of the rows; see {@link RowSample}. */
    private final class SampleSink extends Sink {
        private final RowSample sample;
        private final RowSample.Reservoir reservoir;
        private final float[] values;
        private final float[] labelValues;
        private final int[] codes;
        private final int[] lines;
        private final long[] order; // the source row of each slot
        private long rows;

        SampleSink(RowSample sample) {
            this.sample = sample;
            this.reservoir = new RowSample.Reservoir(sample.sample(), sample.seed());
            int k = sample.sample();
            values = new float[Math.multiplyExact(k, features.length)];
            labelValues = new float[k * labels.length];
            codes = new int[k];
            lines = new int[k];
            order = new long[k];
        }

        @Override
        boolean full() {
            return rows >= sample.maxRows();
        }

        @Override
        void take(Part part, int baseLine) {
            int count = (int) Math.min(part.rows, sample.maxRows() - rows);
            skipped += part.skipped;
            if (count == 0) {
                return;
            }
            int[] partCodes = labelState.take(part, count, baseLine);
            int width = features.length;
            int labelWidth = labels.length;
            for (int r = 0; r < count; r++) {
                int slot = reservoir.offer();
                if (slot < 0) {
                    continue;
                }
                System.arraycopy(part.features, r * width, values, slot * width, width);
                System.arraycopy(part.labels, r * labelWidth, labelValues, slot * labelWidth, labelWidth);
                codes[slot] = partCodes != null ? partCodes[r] : -1;
                lines[slot] = baseLine + part.rowLines[r];
                order[slot] = rows + r;
            }
            rows += count;
        }

        @Override
        Dataset build() {
            if (rows == 0) {
                throw noRows();
            }
            int kept = (int) Math.min(rows, sample.sample());
            // put the slots in file order, in place: follow each cycle of the permutation with one spare row
            Integer[] byRow = new Integer[kept];
            for (int i = 0; i < kept; i++) {
                byRow[i] = i;
            }
            Arrays.sort(byRow, (a, b) -> Long.compare(order[a], order[b]));
            int width = features.length;
            int labelWidth = labels.length;
            boolean[] placed = new boolean[kept];
            float[] spare = new float[width];
            float[] spareLabels = new float[labelWidth];
            for (int start = 0; start < kept; start++) {
                if (placed[start]) {
                    continue;
                }
                // position start receives slot byRow[start], which receives slot byRow[byRow[start]], ...
                System.arraycopy(values, start * width, spare, 0, width);
                System.arraycopy(labelValues, start * labelWidth, spareLabels, 0, labelWidth);
                int spareCode = codes[start];
                int spareLine = lines[start];
                int at = start;
                while (true) {
                    placed[at] = true;
                    int from = byRow[at];
                    if (from == start) {
                        System.arraycopy(spare, 0, values, at * width, width);
                        System.arraycopy(spareLabels, 0, labelValues, at * labelWidth, labelWidth);
                        codes[at] = spareCode;
                        lines[at] = spareLine;
                        break;
                    }
                    System.arraycopy(values, from * width, values, at * width, width);
                    System.arraycopy(labelValues, from * labelWidth, labelValues, at * labelWidth, labelWidth);
                    codes[at] = codes[from];
                    lines[at] = lines[from];
                    at = from;
                }
            }
            float[] keptValues = kept == sample.sample() ? values : Arrays.copyOf(values, kept * width);
            return labelState.finish(Arrays.copyOf(labelValues, kept * labelWidth),
                    labels.length == 1 ? Arrays.copyOf(codes, kept) : null,
                    builder(FloatRows.of(keptValues), Arrays.copyOf(lines, kept)));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // bytes to cells

    /**
     * Splits records into cells as Commons CSV's default format does, counting physical lines (a line feed, a
     * carriage return and line feed, or a lone carriage return end a line). An unquoted cell is a range of the
     * input; a quoted one is unescaped into a scratch array.
     */
    static final class Tokenizer {
        static final int NONE = -1;
        static final int INCOMPLETE = -2;
        static final int FAILED = -3;
        /** A cell the scan did not read as a number: {@link FloatText} reads it. */
        static final long UNREAD = Long.MIN_VALUE + 1;
        private static final double[] POWERS_OF_TEN = new double[23];

        static {
            double p = 1;
            for (int i = 0; i < POWERS_OF_TEN.length; i++) {
                POWERS_OF_TEN[i] = p; // exact: 10^22 is the largest power of ten a double holds exactly
                p *= 10;
            }
        }

        private final int capacity;
        byte[][] source;
        int[] from;
        int[] to;
        /** Each cell's float bits when the scan read it as a plain decimal on the way, else {@link #UNREAD}. */
        long[] bits;
        int count;
        int line; // lines ended so far, plus the first line's number
        int recordLine;
        int recordStart;
        boolean odd; // a NUL or non-ASCII byte was seen
        Failure failure;
        private byte[] scratch = new byte[256];
        private long plain; // what plainDecimal read
        private int scratchLength;

        Tokenizer(int capacity) {
            this.capacity = capacity;
            int n = Math.min(capacity, 64);
            source = new byte[n][];
            from = new int[n];
            to = new int[n];
            bits = new long[n];
        }

        void reset(int firstLine) {
            line = firstLine;
            odd = false;
            failure = null;
        }

        static boolean isSpace(byte b) {
            return b == ' ' || b == '\t' || b == '\n' || b == 0x0B || b == '\f' || b == '\r' || (b >= 0x1C && b <= 0x1F);
        }

        /** @return the cell as text */
        String text(int c) {
            return new String(source[c], from[c], to[c] - from[c], StandardCharsets.UTF_8);
        }

        /** @return whether a used cell is empty or white space */
        boolean anyBlank(int[] features, int[] labels) {
            for (int c : features) {
                if (blank(c)) {
                    return true;
                }
            }
            for (int c : labels) {
                if (blank(c)) {
                    return true;
                }
            }
            return false;
        }

        private boolean blank(int c) {
            byte[] s = source[c];
            for (int i = from[c]; i < to[c]; i++) {
                if (s[i] < 0) {
                    return text(c).isBlank();
                }
                if (!isSpace(s[i])) {
                    return false;
                }
            }
            return true;
        }

        private void cell(byte[] src, int start, int end) {
            cell(src, start, end, UNREAD);
        }

        private void cell(byte[] src, int start, int end, long value) {
            if (count < capacity) {
                if (count == source.length) {
                    int n = Math.min(capacity, count * 2);
                    source = Arrays.copyOf(source, n);
                    from = Arrays.copyOf(from, n);
                    to = Arrays.copyOf(to, n);
                    bits = Arrays.copyOf(bits, n);
                }
                source[count] = src;
                from[count] = start;
                to[count] = end;
                bits[count] = value;
            }
            count++;
        }

        /**
         * @return the float bits of the cell at {@code c}: read during the scan, or now by {@link FloatText}; {@link
         *     FloatText#NOT_A_NUMBER} for text
         */
        long number(int c) {
            long value = bits[c];
            return value != UNREAD ? value : FloatText.parse(source[c], from[c], to[c]);
        }

        /**
         * Reads a plain decimal, {@code [-]digits[.digits]} with at most 18 digits, from {@code pos} while finding the
         * cell's end, so that the common cell is scanned once. Sets {@link #plain} to its float bits, exactly what
         * {@link Float#parseFloat} gives, or to {@link #UNREAD} when the text is anything else or the value needs
         * more care (then {@link FloatText} reads it). An integer converts exactly rounded; a decimal {@code w / 10^k}
         * with {@code w < 2^53} is one correctly rounded double division (Clinger's fast path), then rounded to float,
         * which is right unless that double lies exactly halfway between two floats (double rounding): such a cell
         * is left to {@link FloatText}.
         *
         * @return where the digits stopped: the cell's end when {@link #plain} is set
         */
        private int plainDecimal(byte[] bytes, int pos, int end) {
            plain = UNREAD;
            int i = pos;
            boolean negative = i < end && bytes[i] == '-';
            if (negative) {
                i++;
            }
            long w = 0;
            int digitsStart = i;
            byte b = 0;
            while (i < end && (b = bytes[i]) >= '0' && b <= '9') {
                w = w * 10 + (b - '0');
                i++;
            }
            int digits = i - digitsStart;
            int scale = 0;
            if (i < end && b == '.') {
                i++;
                int fractionStart = i;
                while (i < end && (b = bytes[i]) >= '0' && b <= '9') {
                    w = w * 10 + (b - '0');
                    i++;
                }
                scale = i - fractionStart;
                digits += scale;
            }
            if (digits == 0 || digits > 18 || i < end && (b = bytes[i]) != ',' && b != '\n' && b != '\r') {
                return i;
            }
            float f;
            if (scale == 0) {
                f = (float) w; // long to float rounds the exact integer to nearest
            } else {
                if (w >= 1L << 53) {
                    return i;
                }
                double d = w / POWERS_OF_TEN[scale];
                f = (float) d;
                if ((double) f != d) {
                    float other = d > f ? Math.nextUp(f) : Math.nextDown(f);
                    if (d - f == other - d || f - d == d - other) {
                        return i;
                    }
                }
            }
            plain = Float.floatToRawIntBits(negative ? -f : f) & 0xffffffffL;
            return i;
        }

        /**
         * Reads one record from {@code pos}, skipping blank lines first.
         *
         * @return the position after it (after its line end), {@link #NONE} when only blank lines were left,
         *     {@link #INCOMPLETE} when the bytes end inside it and more may follow, {@link #FAILED} with {@link
         *     #failure} set
         */
        int record(byte[] bytes, int pos, int end, boolean last) {
            while (pos < end && (bytes[pos] == '\n' || bytes[pos] == '\r')) {
                if (bytes[pos] == '\n' || pos + 1 >= end || bytes[pos + 1] != '\n') {
                    line++;
                }
                pos++;
            }
            if (pos >= end) {
                return NONE;
            }
            count = 0;
            scratchLength = 0;
            recordStart = pos;
            recordLine = line;
            while (true) {
                if (pos < end && bytes[pos] == '"') {
                    int start = scratchLength;
                    int quoteLine = line;
                    pos++;
                    while (true) {
                        if (pos >= end) {
                            if (!last) {
                                return INCOMPLETE;
                            }
                            failure = new Failure(quoteLine, 0, "the quoted cell starting on this line has no closing"
                                    + " quote before the end of the file", true);
                            return FAILED;
                        }
                        byte b = bytes[pos];
                        if (b == '"') {
                            if (pos + 1 < end && bytes[pos + 1] == '"') {
                                put(b);
                                pos += 2;
                                continue;
                            }
                            if (pos + 1 >= end && !last) {
                                return INCOMPLETE;
                            }
                            pos++;
                            break;
                        }
                        if (b == '\n' || b == '\r' && (pos + 1 >= end || bytes[pos + 1] != '\n')) {
                            line++;
                        }
                        odd |= b <= 0;
                        put(b);
                        pos++;
                    }
                    while (pos < end && bytes[pos] != '\n' && bytes[pos] != '\r' && bytes[pos] != ','
                            && isSpace(bytes[pos])) {
                        pos++;
                    }
                    if (pos < end && bytes[pos] != ',' && bytes[pos] != '\n' && bytes[pos] != '\r') {
                        odd |= bytes[pos] <= 0;
                        failure = new Failure(line, 0, "expected a comma or a line end after the closing quote of"
                                + " cell " + (count + 1) + ", found " + LrlabException.quoted(
                                new String(bytes, pos, 1, StandardCharsets.ISO_8859_1)), true);
                        return FAILED;
                    }
                    cell(scratch, start, scratchLength);
                } else {
                    int start = pos;
                    pos = plainDecimal(bytes, pos, end);
                    long value = plain;
                    byte b;
                    while (pos < end && (b = bytes[pos]) != ',' && b != '\n' && b != '\r') {
                        odd |= b <= 0;
                        pos++;
                    }
                    cell(bytes, start, pos, value);
                }
                if (pos >= end) {
                    if (!last) {
                        return INCOMPLETE;
                    }
                    return pos;
                }
                byte b = bytes[pos];
                if (b == ',') {
                    pos++;
                    if (pos >= end && last) { // a comma ends the file: one more, empty cell
                        cell(bytes, pos, pos);
                        return pos;
                    }
                    continue;
                }
                if (b == '\r') {
                    pos++;
                    if (pos < end && bytes[pos] == '\n') {
                        pos++;
                    } else if (pos >= end && !last) {
                        return INCOMPLETE;
                    }
                } else {
                    pos++;
                }
                line++;
                return pos;
            }
        }

        private void put(byte b) {
            if (scratchLength == scratch.length) {
                scratch = Arrays.copyOf(scratch, scratch.length * 2); // earlier cells keep the old array
            }
            scratch[scratchLength++] = b;
        }
    }

    /** Distinct byte strings, each with a code in order of arrival; open addressing on a power-of-two table. */
    static final class Dictionary {
        private byte[][] keys = new byte[16][];
        private int[] table = new int[32]; // code + 1, 0 for empty
        private int size;
        int numericKeys;

        int size() {
            return size;
        }

        byte[] key(int code) {
            return keys[code];
        }

        String text(int code) {
            return new String(keys[code], StandardCharsets.UTF_8);
        }

        int find(byte[] bytes, int from, int to) {
            int mask = table.length - 1;
            for (int i = hash(bytes, from, to) & mask; ; i = (i + 1) & mask) {
                int entry = table[i];
                if (entry == 0) {
                    return -1;
                }
                byte[] key = keys[entry - 1];
                if (Arrays.equals(key, 0, key.length, bytes, from, to)) {
                    return entry - 1;
                }
            }
        }

        int add(byte[] bytes, int from, int to) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
            }
            keys[size] = Arrays.copyOfRange(bytes, from, to);
            size++;
            if (size * 2 > table.length) {
                table = new int[table.length * 2];
                for (int code = 0; code < size; code++) {
                    insert(code);
                }
            } else {
                insert(size - 1);
            }
            return size - 1;
        }

        private void insert(int code) {
            int mask = table.length - 1;
            byte[] key = keys[code];
            int i = hash(key, 0, key.length) & mask;
            while (table[i] != 0) {
                i = (i + 1) & mask;
            }
            table[i] = code + 1;
        }

        private static int hash(byte[] bytes, int from, int to) {
            int h = 1;
            for (int i = from; i < to; i++) {
                h = 31 * h + bytes[i];
            }
            return h ^ (h >>> 16);
        }
    }
}
