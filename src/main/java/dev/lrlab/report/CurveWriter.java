package dev.lrlab.report;

import dev.lrlab.LrlabException;
import org.apache.commons.csv.CSVFormat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Writes a curve (one row per step) as CSV while a run goes on: a header row, then rows of numbers,
 * each flushed to the file as soon as it is written so that a crash keeps every finished row.
 *
 * <p>Numbers use {@code '.'} decimals whatever the locale: real columns are written with
 * {@link Double#toString(double)} (enough digits to read back the same double, e.g. {@code 0.001},
 * {@code 1.0E-5}, {@code NaN}, {@code Infinity}); integer columns (step, epoch) are written as whole
 * numbers ({@code 12}, not {@code 12.0}). A missing value is an empty cell. Lines end with {@code \n}.
 *
 * <p>Each row goes to the operating system in one {@code write} call before {@link #writeRow} returns (a
 * killed process keeps it; this is not an {@code fsync}). Rows are formatted into a reused buffer rather than
 * through a CSV printer and a character encoder: numbers never need quoting, and a training loop writes a
 * row per step, where the printer's path cost about 50 us more per row (measured in
 * {@code scripts/bench/range-test}, 2% of a step of a small MLP). The header goes through Commons CSV, which
 * quotes names that need it.
 *
 * <pre>{@code
 * try (CurveWriter out = CurveWriter.create(dir.resolve("curve.csv"),
 *         List.of(Column.integer("step"), Column.real("lr"), Column.real("loss")), force)) {
 *     out.writeRow(0, 1e-7, 2.31);
 * }
 * }</pre>
 */
public final class CurveWriter implements AutoCloseable {

    /**
     * A column of the curve file.
     *
     * @param name the header cell
     * @param integer whether values are whole numbers written without a decimal point
     */
    public record Column(String name, boolean integer) {
        /** @throws IllegalArgumentException when the name is blank */
        public Column {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("expected a column name, found '" + name + "'");
            }
        }

        /** @return a column of real numbers */
        public static Column real(String name) {
            return new Column(name, false);
        }

        /** @return a column of whole numbers */
        public static Column integer(String name) {
            return new Column(name, true);
        }
    }

    private final Path file;
    private final List<Column> columns;
    private final FileChannel channel;
    private final StringBuilder row = new StringBuilder(128);
    private ByteBuffer bytes = ByteBuffer.allocate(256);
    private boolean closed;

    private CurveWriter(Path file, List<Column> columns, FileChannel channel) {
        this.file = file;
        this.columns = columns;
        this.channel = channel;
    }

    /**
     * Creates the file and writes the header row.
     *
     * @param file the CSV file; its parent directory must exist
     * @param columns the columns in order, at least one, names distinct
     * @param force whether an existing file may be overwritten
     * @return an open writer; close it
     * @throws LrlabException (OUTPUT) when the file exists without force; (WRITE_FAILED) when it cannot be written
     * @throws IllegalArgumentException when there are no columns or two share a name
     */
    public static CurveWriter create(Path file, List<Column> columns, boolean force) {
        List<Column> copy = List.copyOf(columns);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("expected at least one column, found none");
        }
        List<String> names = new ArrayList<>();
        for (Column c : copy) {
            if (names.contains(c.name())) {
                throw new IllegalArgumentException("expected distinct column names, found '" + c.name() + "' twice");
            }
            names.add(c.name());
        }
        AtomicFiles.refuseExisting(file, force);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, force
                    ? new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                                                StandardOpenOption.WRITE}
                    : new StandardOpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE});
            String header = CSVFormat.DEFAULT.format((Object[]) names.toArray(String[]::new)) + "\n";
            writeFully(channel, ByteBuffer.wrap(header.getBytes(StandardCharsets.UTF_8)));
            return new CurveWriter(file, copy, channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw failure(file, e);
        }
    }

    /** @return the columns, in order */
    public List<Column> columns() {
        return columns;
    }

    /**
     * Writes one row and flushes it.
     *
     * @param values one value per column; NaN and infinities are written as {@code NaN}, {@code Infinity}
     * @throws IllegalArgumentException when the count is wrong or an integer column gets a fractional value
     * @throws LrlabException (WRITE_FAILED) when writing fails
     */
    public void writeRow(double... values) {
        OptionalDouble[] boxed = new OptionalDouble[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = OptionalDouble.of(values[i]);
        }
        writeRow(boxed);
    }

    /**
     * Writes one row in which some values may be missing ({@link OptionalDouble#empty()} becomes an empty cell),
     * and flushes it.
     *
     * @param values one value per column
     * @throws IllegalArgumentException when the count is wrong or an integer column gets a fractional value
     * @throws LrlabException (WRITE_FAILED) when writing fails
     */
    public void writeRow(OptionalDouble... values) {
        if (closed) {
            throw new IllegalStateException("curve writer for " + file + " is closed");
        }
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " values (" + header()
                    + "), found " + values.length);
        }
        row.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                row.append(',');
            }
            if (values[i].isPresent()) {
                append(columns.get(i), values[i].getAsDouble());
            }
        }
        row.append('\n');
        if (bytes.capacity() < row.length()) {
            bytes = ByteBuffer.allocate(2 * row.length());
        }
        bytes.clear();
        for (int i = 0; i < row.length(); i++) {
            bytes.put((byte) row.charAt(i)); // digits, signs, '.', 'E', NaN, Infinity, ',': all ASCII
        }
        bytes.flip();
        try {
            writeFully(channel, bytes);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /** Flushes and closes the file; closing twice does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /** Appends a value as {@link Double#toString(double)}, or as a whole number in an integer column. */
    private void append(Column column, double value) {
        if (!column.integer() || !Double.isFinite(value)) {
            row.append(value);
            return;
        }
        if (value != Math.rint(value) || Math.abs(value) > 0x1p53) {
            throw new IllegalArgumentException("expected a whole number in column '" + column.name()
                    + "', found " + value);
        }
        row.append((long) value);
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private String header() {
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(c.name()));
        return String.join(",", names);
    }

    private static LrlabException failure(Path file, IOException e) {
        return LrlabException.writeFailed(file, e);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the original failure is reported
        }
    }
}
