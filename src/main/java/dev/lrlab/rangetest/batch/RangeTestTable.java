package dev.lrlab.rangetest.batch;

import dev.lrlab.LrlabException;
import dev.lrlab.rangetest.RangeTestResult;
import dev.lrlab.suggest.Suggestion;
import dev.lrlab.suggest.SuggestionMethod;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A batch's {@value #FILE}: one row per range test, written and flushed as each test finishes (so the rows are in
 * the order the tests finished, and a batch that is stopped keeps the rows it has). Columns: {@code run} (the test's
 * folder), {@code model} and {@code data} as given, {@code status} ({@value #OK} or {@value #FAILED}), the rate each
 * suggestion method picked ({@code valley}, {@code slide}, {@code minimum}, {@code steep}; empty when it picked none,
 * written with {@link Double#toString} so that reading gives the same double), {@code steps} run, {@code stop} (why
 * the test ended) and {@code error} (why it failed). Not thread-safe.
 */
public final class RangeTestTable implements AutoCloseable {
    /** The file's name in the batch's folder. */
    public static final String FILE = "range-tests.csv";
    /** {@code status} of a test that ran. */
    public static final String OK = "ok";
    /** {@code status} of a test that failed. */
    public static final String FAILED = "failed";
    /** The header. */
    public static final List<String> COLUMNS = List.of("run", "model", "data", "status", "valley", "slide", "minimum",
            "steep", "steps", "stop", "error");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    private final Path file;
    private final CSVPrinter printer;

    /** One test of a batch: a row of the table. */
    public static final class Row {
        private final String run;
        private final String model;
        private final String data;
        private final String status;
        private final Map<SuggestionMethod, Double> suggestions;
        private final OptionalInt steps;
        private final String stop;
        private final String error;

        private Row(String run, String model, String data, String status, Map<SuggestionMethod, Double> suggestions,
                OptionalInt steps, String stop, String error) {
            this.run = Objects.requireNonNull(run, "run");
            this.model = Objects.requireNonNull(model, "model");
            this.data = Objects.requireNonNull(data, "data");
            this.status = Objects.requireNonNull(status, "status");
            EnumMap<SuggestionMethod, Double> copy = new EnumMap<>(SuggestionMethod.class);
            copy.putAll(suggestions);
            this.suggestions = Collections.unmodifiableMap(copy);
            this.steps = steps;
            this.stop = Objects.requireNonNull(stop, "stop");
            this.error = Objects.requireNonNull(error, "error");
        }

        /**
         * @param run the test's folder name
         * @param model the model as given
         * @param data the data file as given
         * @param result what the test measured
         * @return the row of a test that ran
         */
        public static Row of(String run, String model, String data, RangeTestResult result) {
            Map<SuggestionMethod, Double> rates = new EnumMap<>(SuggestionMethod.class);
            for (Suggestion s : result.suggestions().all()) {
                rates.put(s.method(), s.lr());
            }
            return ok(run, model, data, rates, result.stepsRun(), result.stopDescription());
        }

        /**
         * @param run the test's folder name
         * @param model the model as given
         * @param data the data file as given
         * @param suggestions the rate each method picked, only the methods that picked one
         * @param steps steps run
         * @param stop why the test ended ({@link RangeTestResult#stopDescription()})
         * @return the row of a test that ran
         */
        public static Row ok(String run, String model, String data, Map<SuggestionMethod, Double> suggestions, int steps,
                String stop) {
            return new Row(run, model, data, OK, suggestions, OptionalInt.of(steps), stop, "");
        }

        /**
         * @param run the test's folder name
         * @param model the model as given
         * @param data the data file as given
         * @param error why the test failed, one line
         * @return the row of a test that failed
         */
        public static Row failed(String run, String model, String data, String error) {
            return new Row(run, model, data, FAILED, Map.of(), OptionalInt.empty(), "", error);
        }

        /** @return the test's folder name in the batch's folder */
        public String run() {
            return run;
        }

        /** @return the model as given */
        public String model() {
            return model;
        }

        /** @return the data file as given */
        public String data() {
            return data;
        }

        /** @return {@link #OK} or {@link #FAILED} */
        public String status() {
            return status;
        }

        /** @return the rate each method picked, only the methods that picked one */
        public Map<SuggestionMethod, Double> suggestions() {
            return suggestions;
        }

        /** @return steps run; empty when the test failed */
        public OptionalInt steps() {
            return steps;
        }

        /** @return why the test ended; empty when it failed */
        public String stop() {
            return stop;
        }

        /** @return why the test failed; empty when it ran */
        public String error() {
            return error;
        }

        /** @return whether the test failed */
        public boolean isFailed() {
            return status.equals(FAILED);
        }

        /**
         * @param method a suggestion method
         * @return the rate it picked, if it picked one
         */
        public OptionalDouble suggestion(SuggestionMethod method) {
            Double lr = suggestions.get(method);
            return lr == null ? OptionalDouble.empty() : OptionalDouble.of(lr);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Row row && run.equals(row.run) && model.equals(row.model) && data.equals(row.data)
                    && status.equals(row.status) && suggestions.equals(row.suggestions) && steps.equals(row.steps)
                    && stop.equals(row.stop) && error.equals(row.error);
        }

        @Override
        public int hashCode() {
            return Objects.hash(run, model, data, status, suggestions, steps, stop, error);
        }

        @Override
        public String toString() {
            return "Row[run=" + run + ", model=" + model + ", data=" + data + ", status=" + status + ", suggestions="
                    + suggestions + ", steps=" + steps + ", stop=" + stop + ", error=" + error + "]";
        }
    }

    private RangeTestTable(Path file, CSVPrinter printer) {
        this.file = file;
        this.printer = printer;
    }

    /**
     * Creates the file and writes its header.
     *
     * @param file where to write; its folder must exist
     * @param force whether an existing file is replaced
     * @return the open table
     * @throws LrlabException (OUTPUT) when the file exists without force; (WRITE_FAILED) when it cannot be written
     */
    public static RangeTestTable create(Path file, boolean force) {
        if (!force && Files.exists(file)) {
            throw LrlabException.output(file + " exists; pass `force` to overwrite or choose another `outDir`");
        }
        try {
            Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            RangeTestTable table = new RangeTestTable(file, new CSVPrinter(writer, FORMAT));
            table.write(COLUMNS);
            return table;
        } catch (IOException e) {
            throw LrlabException.writeFailed(file, e);
        }
    }

    /**
     * Writes a row and flushes it to the file.
     *
     * @param row the test
     * @throws LrlabException (WRITE_FAILED) when the file cannot be written
     */
    public void append(Row row) {
        List<String> cells = new ArrayList<>(List.of(row.run(), row.model(), row.data(), row.status()));
        for (SuggestionMethod method : SuggestionMethod.values()) {
            OptionalDouble lr = row.suggestion(method);
            cells.add(lr.isPresent() ? Double.toString(lr.getAsDouble()) : "");
        }
        cells.add(row.steps().isPresent() ? Integer.toString(row.steps().getAsInt()) : "");
        cells.add(row.stop());
        cells.add(row.error());
        write(cells);
    }

    private void write(List<String> cells) {
        try {
            printer.printRecord(cells);
            printer.flush();
        } catch (IOException e) {
            throw LrlabException.writeFailed(file, e);
        }
    }

    /**
     * @param file a batch's {@value #FILE}
     * @return its rows, in file order
     * @throws LrlabException (DATA) when the file cannot be read or is not such a table
     */
    public static List<Row> read(Path file) {
        CSVFormat format = FORMAT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, format)) {
            if (!parser.getHeaderNames().equals(COLUMNS)) {
                throw LrlabException.data(file + " is not a batch's range-test table: expected the columns " + COLUMNS
                        + ", found " + parser.getHeaderNames());
            }
            List<Row> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                Map<SuggestionMethod, Double> rates = new EnumMap<>(SuggestionMethod.class);
                for (SuggestionMethod method : SuggestionMethod.values()) {
                    String cell = record.get(method.methodName());
                    if (!cell.isEmpty()) {
                        rates.put(method, Double.parseDouble(cell));
                    }
                }
                String steps = record.get("steps");
                rows.add(new Row(record.get("run"), record.get("model"), record.get("data"), record.get("status"), rates,
                        steps.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(steps)),
                        record.get("stop"), record.get("error")));
            }
            return rows;
        } catch (IOException | IllegalArgumentException e) {
            throw LrlabException.data("cannot read " + file + " as a batch's range-test table: "
                    + LrlabException.firstLine(e));
        }
    }

    @Override
    public void close() {
        try {
            printer.close();
        } catch (IOException e) {
            throw LrlabException.writeFailed(file, e);
        }
    }
}
