package dev.lrlab.rangetest.batch;

import dev.lrlab.LrlabException;
import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.rangetest.RangeTestOutputs;
import dev.lrlab.rangetest.RangeTestResult;
import dev.lrlab.report.OutputDirectory;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopSignal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Range tests of several models, or of several data files, into one folder: the files of each test in a folder of its
 * own, written by {@link RangeTestOutputs#write} as a single range test's are (all at once, or not at all), and the
 * batch's {@link RangeTestTable} ({@value RangeTestTable#FILE}), a row per test as it finishes. The tests run on an
 * executor: {@link LocalRangeTests} in this JVM, or a cluster engine's ({@link RangeTestEngine}); the files are
 * written here, from each test's {@link RangeTestOutcome}, so both write the same.
 *
 * <p>Folder names ({@link #folderNames}): the model folder's name, followed by {@code -} and the data file's name
 * without its extension when the batch has several data files; {@code -2}, {@code -3}, ... on the second and later of
 * a name that is already taken (two models both named {@code model}). Characters other than letters, digits,
 * {@code .}, {@code _} and {@code -} become {@code _}.
 */
public final class RangeTestBatch implements AutoCloseable {
    private final Path dir;
    private final boolean force;
    private final RangeTestTable table;
    private final UnaryOperator<String> messages;

    /**
     * One test of a batch.
     *
     * @param name the test's folder in the batch's folder
     * @param model the model as given, a path this process reads (for the summary's provenance)
     * @param data the data file as given
     * @param recipe how this process makes the spec the report names ({@code model} and {@code data} as given); the
     *     job's recipe may differ in its paths only (absolute, for a task whose working folder differs)
     * @param job what the executor runs
     */
    public record Run(String name, Path model, Path data, RangeTestRecipe recipe, RangeTestJob job) {
        /** Checks for nulls. */
        public Run {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(recipe, "recipe");
            Objects.requireNonNull(job, "job");
        }
    }

    /** What a batch did: a row per test that finished, whether one failed, whether a stop ended it. */
    public static final class Report {
        private final List<RangeTestTable.Row> rows;
        private final LrlabException.Kind firstFailure;
        private final boolean interrupted;

        private Report(List<RangeTestTable.Row> rows, LrlabException.Kind firstFailure, boolean interrupted) {
            this.rows = List.copyOf(rows);
            this.firstFailure = firstFailure;
            this.interrupted = interrupted;
        }

        /** @return one row per test that finished, in the order they finished */
        public List<RangeTestTable.Row> rows() {
            return rows;
        }

        /** @return the kind of the first failure, if a test failed */
        public Optional<LrlabException.Kind> firstFailure() {
            return Optional.ofNullable(firstFailure);
        }

        /** @return whether a stop ended the batch before every test had run to its end */
        public boolean interrupted() {
            return interrupted;
        }

        /** @return the number of tests that failed */
        public long failedCount() {
            return rows.stream().filter(RangeTestTable.Row::isFailed).count();
        }
    }

    private RangeTestBatch(Path dir, boolean force, RangeTestTable table, UnaryOperator<String> messages) {
        this.dir = dir;
        this.force = force;
        this.table = table;
        this.messages = messages;
    }

    /**
     * Checks and creates the batch's folder and starts its table, before any test runs.
     *
     * @param dir the batch's folder; created with its parents when missing
     * @param force whether a folder that holds files may receive the batch's: the table and each test's files replace
     *     those of the same name, other files stay
     * @return the batch
     * @throws LrlabException (OUTPUT) when {@code dir} is a file, holds files without force, or cannot be created
     */
    public static RangeTestBatch open(Path dir, boolean force) {
        return open(dir, force, UnaryOperator.identity());
    }

    /**
     * As {@link #open(Path, boolean)}, with the table's {@code stop} and {@code error} texts rewritten by
     * {@code messages}: a command line names its flags where the messages name settings ({@code `featureColumns`}).
     *
     * @param dir the batch's folder; created with its parents when missing
     * @param force whether a folder that holds files may receive the batch's
     * @param messages rewrites a stop reason or an error message for the table
     * @return the batch
     */
    public static RangeTestBatch open(Path dir, boolean force, UnaryOperator<String> messages) {
        OutputDirectory.prepare(dir, force);
        return new RangeTestBatch(dir, force, RangeTestTable.create(dir.resolve(RangeTestTable.FILE), force), messages);
    }

    /** @return the batch's folder */
    public Path dir() {
        return dir;
    }

    /**
     * Runs the tests on {@code executor}, and writes each test's folder and row as it finishes.
     *
     * @param runs the tests, with distinct names
     * @param executor where they run
     * @param stop asks the batch to stop: the running tests keep what they have, no other starts
     * @param finished told of each row once it and the test's folder are written
     * @return the rows and whether a test failed
     * @throws LrlabException (WRITE_FAILED) when a file cannot be written
     */
    public Report run(List<Run> runs, RangeTestExecutor executor, StopSignal stop, Consumer<RangeTestTable.Row> finished) {
        List<RangeTestTable.Row> rows = new ArrayList<>();
        LrlabException.Kind[] firstFailure = {null};
        boolean[] interrupted = {false};
        executor.run(runs.stream().map(Run::job).toList(), (index, outcome) -> {
            Run run = runs.get(index);
            RangeTestTable.Row row;
            if (outcome.failed()) {
                row = RangeTestTable.Row.failed(run.name(), run.model().toString(), run.data().toString(),
                        messages.apply(outcome.failure().get()));
                firstFailure[0] = firstFailure[0] != null ? firstFailure[0] : outcome.failureKind().orElse(
                        LrlabException.Kind.MODEL);
            } else {
                Optional<RangeTestResult> result = Optional.empty();
                String error = null;
                try {
                    RunSpec spec = run.recipe().spec(run.model());
                    RangeTestConfig config = run.recipe().config(spec);
                    result = Optional.of(outcome.toResult(spec, config));
                } catch (LrlabException e) { // the tests could read the model, this process cannot
                    error = "cannot write its report: " + e.getMessage();
                    firstFailure[0] = firstFailure[0] != null ? firstFailure[0] : e.kind();
                }
                if (result.isPresent()) {
                    RangeTestOutputs.write(dir.resolve(run.name()), result.get(), force);
                    interrupted[0] |= result.get().interrupted();
                    RangeTestTable.Row measured = RangeTestTable.Row.of(run.name(), run.model().toString(),
                            run.data().toString(), result.get());
                    row = RangeTestTable.Row.ok(measured.run(), measured.model(), measured.data(), measured.suggestions(),
                            measured.steps().getAsInt(), messages.apply(measured.stop()));
                } else {
                    row = RangeTestTable.Row.failed(run.name(), run.model().toString(), run.data().toString(),
                            messages.apply(error));
                }
            }
            table.append(row);
            rows.add(row);
            finished.accept(row);
        }, stop);
        return new Report(rows, firstFailure[0], interrupted[0] || rows.size() < runs.size());
    }

    /**
     * The folder names of the tests of {@code models} on {@code data}, models first: for models {@code a, b} and data
     * {@code x.csv, y.csv}, {@code a-x, a-y, b-x, b-y}; for one data file {@code a, b}.
     *
     * @param models the model folders as given
     * @param data the data files as given
     * @return one name per pair, distinct, in that order
     */
    public static List<String> folderNames(List<Path> models, List<Path> data) {
        Set<String> taken = new HashSet<>(Set.of(RangeTestTable.FILE));
        List<String> names = new ArrayList<>();
        for (Path model : models) {
            for (Path file : data) {
                String base = data.size() > 1 ? name(model) + "-" + stem(file) : name(model);
                String unique = base;
                for (int k = 2; taken.contains(unique.toLowerCase(Locale.ROOT)); k++) {
                    unique = base + "-" + k;
                }
                taken.add(unique.toLowerCase(Locale.ROOT));
                names.add(unique);
            }
        }
        return names;
    }

    private static String name(Path path) {
        Path name = path.toAbsolutePath().normalize().getFileName();
        return clean(name == null ? "model" : name.toString());
    }

    private static String stem(Path file) {
        String name = name(file);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String clean(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.startsWith(".") ? "_" + cleaned.substring(1) : cleaned;
    }

    /** Closes the table. */
    @Override
    public void close() {
        table.close();
    }
}
