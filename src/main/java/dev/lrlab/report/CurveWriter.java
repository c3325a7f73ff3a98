package dev.lrlab.report;

import dev.lrlab.ExitCode;
import dev.lrlab.LrlabException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    private final CSVPrinter printer;
    private boolean closed;

    private CurveWriter(Path file, List<Column> columns, CSVPrinter printer) {
        this.file = file;
        this.columns = columns;
        this.printer = printer;
    }

    /**
     * Creates the file and writes the header row.
     *
     * @param file the CSV file; its parent directory must exist
     * @param columns the columns in order, at least one, names distinct
     * @param force whether an existing file may be overwritten
     * @return an open writer; close it
     * @throws LrlabException (OUTPUT) when the file exists without force or cannot be written
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
        Writer writer = null;
        try {
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, force
                    ? new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                                                StandardOpenOption.WRITE}
                    : new StandardOpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE});
            CSVFormat format = CSVFormat.DEFAULT.builder()
                    .setHeader(names.toArray(String[]::new))
                    .setRecordSeparator("\n")
                    .get();
            CSVPrinter printer = new CSVPrinter(writer, format);
            printer.flush();
            return new CurveWriter(file, copy, printer);
        } catch (IOException e) {
            closeQuietly(writer);
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
     * @throws LrlabException (OUTPUT) when writing fails
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
     * @throws LrlabException (OUTPUT) when writing fails
     */
    public void writeRow(OptionalDouble... values) {
        if (closed) {
            throw new IllegalStateException("curve writer for " + file + " is closed");
        }
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " values (" + header()
                    + "), found " + values.length);
        }
        List<String> cells = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            cells.add(values[i].isPresent() ? format(columns.get(i), values[i].getAsDouble()) : "");
        }
        try {
            printer.printRecord(cells);
            printer.flush();
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
            printer.close(true);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    static String format(Column column, double value) {
        if (!column.integer() || !Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value != Math.rint(value) || Math.abs(value) > 0x1p53) {
            throw new IllegalArgumentException("expected a whole number in column '" + column.name()
                    + "', found " + value);
        }
        return Long.toString((long) value);
    }

    private String header() {
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(c.name()));
        return String.join(",", names);
    }

    private static LrlabException failure(Path file, IOException e) {
        return new LrlabException(ExitCode.OUTPUT, "cannot write " + file + ": " + AtomicFiles.describe(e)
                + "; check the disk has space and the directory is writable", e);
    }

    private static void closeQuietly(Writer writer) {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException ignored) {
            // the original failure is reported
        }
    }
}
