package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lrlab.Fixtures;
import dev.lrlab.rangetest.RangeTestOutputs;
import dev.lrlab.rangetest.batch.RangeTestEngine;
import dev.lrlab.rangetest.batch.RangeTestTable;
import dev.lrlab.run.StopSignal;
import dev.lrlab.suggest.SuggestionMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lrlab range-test MODEL_DIR... --data FILE...} in this JVM: each test's folder holds what
 * {@code lrlab range-test MODEL_DIR --data FILE} writes alone, {@code range-tests.csv} holds its suggestions, and a
 * model that cannot be read is a failed row while the others run. The bundled iris models both read
 * {@code iris-two-inputs.csv} (iris-mlp takes its four feature columns as {@code x}).
 */
class RangeTestBatchCliTest {
    static final String DATA = "data-samples/iris-two-inputs.csv";

    @TempDir
    Path temp;

    /** A folder that looks like a SavedModel but whose graph is a line of text. */
    static Path brokenModel(Path parent) throws IOException {
        Path broken = Files.createDirectories(parent.resolve("broken"));
        Files.writeString(broken.resolve("saved_model.pb"), "x\n");
        return broken;
    }

    static String brokenMessage(Path broken) {
        return broken.resolve("saved_model.pb") + " is truncated or damaged (it holds no meta graph); copy the model "
                + "folder again from where it was saved, or re-export the model";
    }

    @Test
    void eachTestWritesWhatItWritesAloneAndTheBrokenModelIsAFailedRow() throws IOException {
        Path broken = brokenModel(temp);
        Path out = temp.resolve("batch");
        CliRun batch = CliRun.of("range-test", "models/iris-mlp", "models/iris-two-inputs", broken.toString(), "--data",
                DATA, "--label", "species", "--steps", "60", "--out-dir", out.toString());

        Path table = out.resolve(RangeTestTable.FILE);
        assertEquals(ExitCode.MODEL, batch.code(), batch.err());
        assertEquals("lrlab: 1 of 3 range tests failed; the error column of " + table + " says why",
                batch.lastErrorLine());
        List<RangeTestTable.Row> rows = RangeTestTable.read(table);
        assertEquals(List.of("iris-mlp", "iris-two-inputs", "broken"), rows.stream().map(RangeTestTable.Row::run).toList());
        for (RangeTestTable.Row row : rows.subList(0, 2)) {
            assertEquals(RangeTestTable.OK, row.status());
            assertEquals(DATA, row.data());
            assertEquals("", row.error());
            assertSameAsAlone(row, out.resolve(row.run()), temp.resolve("alone-" + row.run()), "--data", DATA, "--label",
                    "species", "--steps", "60");
        }
        RangeTestTable.Row failed = rows.get(2);
        assertEquals(RangeTestTable.FAILED, failed.status());
        assertEquals(broken.toString(), failed.model());
        assertEquals(brokenMessage(broken), failed.error());
        assertTrue(failed.suggestions().isEmpty() && failed.steps().isEmpty(), failed.toString());
        assertFalse(Files.exists(out.resolve("broken")), "a failed test has no folder");
        assertTrue(batch.out().contains("broken: failed: " + brokenMessage(broken) + "\n"), batch.out());
        assertTrue(batch.out().startsWith("iris-mlp: valley "), batch.out());
    }

    /**
     * Runs the row's test alone and checks the batch's folder and row against it: the same suggestions (read back
     * from the CSV as the same doubles), steps, curve, plot and summary but for the times.
     */
    static void assertSameAsAlone(RangeTestTable.Row row, Path folder, Path aloneDir, String... options)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("range-test", row.model()));
        args.addAll(List.of(options));
        args.addAll(List.of("--out-dir", aloneDir.toString()));
        CliRun alone = CliRun.of(args.toArray(String[]::new));
        assertEquals(ExitCode.OK, alone.code(), alone.err());
        JsonNode expected = new ObjectMapper().readTree(aloneDir.resolve("summary.json").toFile());
        JsonNode actual = new ObjectMapper().readTree(folder.resolve("summary.json").toFile());
        for (SuggestionMethod method : SuggestionMethod.values()) {
            JsonNode rule = expected.get("suggestions").get(method.methodName());
            OptionalDouble lr = row.suggestion(method);
            assertEquals(rule == null || rule.isNull() ? OptionalDouble.empty() : OptionalDouble.of(rule.get("lr")
                    .asDouble()), lr, row.run() + " " + method);
        }
        assertTrue(row.suggestion(SuggestionMethod.VALLEY).isPresent(), row.toString());
        assertEquals(expected.get("steps_run").asInt(), row.steps().getAsInt());
        for (String field : new String[] {"suggestions", "compile_settings", "settings", "stop", "model", "data"}) {
            assertEquals(expected.get(field), actual.get(field), row.run() + " " + field);
        }
        assertEquals(Files.readString(aloneDir.resolve(RangeTestOutputs.CSV)), Files.readString(folder.resolve(
                RangeTestOutputs.CSV)));
        assertEquals(Files.readString(aloneDir.resolve(RangeTestOutputs.SVG)), Files.readString(folder.resolve(
                RangeTestOutputs.SVG)));
        for (String file : RangeTestOutputs.FILES) {
            assertTrue(Files.isRegularFile(folder.resolve(file)), folder.resolve(file).toString());
        }
    }

    @Test
    void oneModelOnSeveralDataFilesNamesEachFolderAfterBoth() throws IOException {
        Path model = Fixtures.shared("keras_heart_mlp");
        Path data = Fixtures.shared("keras_heart_mlp.csv");
        Path half = temp.resolve("heart-half.csv");
        List<String> lines = Files.readAllLines(data);
        Files.write(half, lines.subList(0, 1 + (lines.size() - 1) / 2));
        Path out = temp.resolve("heart");
        String[] options = {"--label", "target", "--optimizer", "sgd", "--steps", "40"};
        List<String> args = new ArrayList<>(List.of("range-test", model.toString(), "--data", data.toString(), "--data",
                half.toString(), "--out-dir", out.toString()));
        args.addAll(List.of(options));
        CliRun batch = CliRun.of(args.toArray(String[]::new));

        assertEquals(ExitCode.OK, batch.code(), batch.err());
        List<RangeTestTable.Row> rows = RangeTestTable.read(out.resolve(RangeTestTable.FILE));
        assertEquals(List.of("keras_heart_mlp-keras_heart_mlp", "keras_heart_mlp-heart-half"),
                rows.stream().map(RangeTestTable.Row::run).toList());
        assertSameAsAlone(rows.get(0), out.resolve(rows.get(0).run()), temp.resolve("alone-full"),
                concat(new String[] {"--data", data.toString()}, options));
        assertSameAsAlone(rows.get(1), out.resolve(rows.get(1).run()), temp.resolve("alone-half"),
                concat(new String[] {"--data", half.toString()}, options));
    }

    private static String[] concat(String[] a, String[] b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    @Test
    void aFolderThatHoldsFilesNeedsForceAndKeepsItsOtherFiles() throws IOException {
        Path out = Files.createDirectories(temp.resolve("kept"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        String[] args = {"range-test", "models/iris-mlp", "models/iris-mlp", "--data", DATA, "--label", "species",
                "--steps", "20", "--out-dir", out.toString()};

        CliRun refused = CliRun.of(args);
        assertEquals(ExitCode.OUTPUT, refused.code(), refused.err());
        assertEquals("lrlab: " + out + " exists; pass --force to overwrite or choose another --out-dir",
                refused.lastErrorLine());
        assertEquals(List.of("notes.txt"), names(out));

        List<String> forced = new ArrayList<>(List.of(args));
        forced.add("--force");
        CliRun run = CliRun.of(forced.toArray(String[]::new));
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertEquals(List.of("iris-mlp", "iris-mlp-2", "notes.txt", RangeTestTable.FILE), names(out));
        List<RangeTestTable.Row> rows = RangeTestTable.read(out.resolve(RangeTestTable.FILE));
        assertEquals(rows.get(0).suggestions(), rows.get(1).suggestions(), "the same model twice, the same test");
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
    }

    private static List<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aStopBeforeTheFirstTestStartsNoneAndKeepsTheTable() throws IOException {
        StopSignal stop = new StopSignal();
        stop.stop("SIGINT");
        Path out = temp.resolve("stopped");
        CliRun run = CliRun.of(stop, "range-test", "models/iris-mlp", "models/iris-two-inputs", "--data", DATA, "--label",
                "species", "--out-dir", out.toString());
        assertEquals(ExitCode.INTERRUPTED, run.code(), run.err());
        assertEquals("lrlab: stopped after 0 of 2 range tests; what finished is in " + out, run.lastErrorLine());
        assertEquals(List.of(), RangeTestTable.read(out.resolve(RangeTestTable.FILE)));
        assertEquals(List.of(RangeTestTable.FILE), names(out));
    }

    @Test
    void dataThatDoesNotFitIsADataFailureWhoseRowNamesTheFlag() {
        Path out = temp.resolve("misfit");
        CliRun run = CliRun.of("range-test", "models/digits-mlp", "--data", DATA, "--label", "species", "--engine",
                "local", "--out-dir", out.toString());
        assertEquals(ExitCode.DATA, run.code(), run.err());
        List<RangeTestTable.Row> rows = RangeTestTable.read(out.resolve(RangeTestTable.FILE));
        assertEquals(1, rows.size(), "--engine makes a batch of one");
        assertEquals("digits-mlp", rows.get(0).run());
        assertEquals("model input x [-1,64] takes 64 values per example, but the data has 4 feature columns; use "
                + "--features to choose the columns", rows.get(0).error());
    }

    @Test
    void settingsThatFitNoModelAreRefusedBeforeTheFirstTest() {
        Path out = temp.resolve("bad-batch");
        CliRun run = CliRun.of("range-test", "models/iris-mlp", "models/iris-two-inputs", "--data", DATA, "--label",
                "species", "--batch-size", "0", "--out-dir", out.toString());
        assertEquals(ExitCode.USAGE, run.code(), run.err());
        assertEquals("lrlab: --batch-size must be a whole number of at least 1, found 0", run.lastErrorLine());
        assertFalse(Files.exists(out), "refused before any output");
    }

    @Test
    void clusterOptionsNeedTheClusterEngine() {
        CliRun run = CliRun.of("range-test", "models/iris-mlp", "--data", DATA, "--label", "species", "--master",
                "local[2]", "--out-dir", temp.resolve("x").toString());
        assertEquals(ExitCode.USAGE, run.code(), run.err());
        assertEquals("lrlab: --master is for a cluster engine; add --engine spark, or drop it", run.lastErrorLine());

        CliRun several = CliRun.of("range-test", "models/iris-mlp", "models/iris-two-inputs", "--data", DATA, "--label",
                "species", "--executor-models", "hdfs://nn/models", "--out-dir", temp.resolve("y").toString());
        assertEquals(ExitCode.USAGE, several.code(), several.err());
        assertEquals("lrlab: --executor-models is for a cluster engine; add --engine spark, or drop it",
                several.lastErrorLine());
        assertFalse(Files.exists(temp.resolve("y")), "refused before any output");
    }

    @Test
    void theSparkEngineNeedsTheSparkBuild() {
        Assumptions.assumeTrue(RangeTestEngine.find("spark").isEmpty(), "this build has the Spark engine (profile spark)");
        CliRun run = CliRun.of("range-test", "models/iris-mlp", "--data", DATA, "--label", "species", "--engine", "spark",
                "--out-dir", temp.resolve("x").toString());
        assertEquals(ExitCode.USAGE, run.code(), run.err());
        assertEquals("lrlab: --engine spark needs the Spark build: run target/lrlab-spark.jar with spark-submit, or "
                + "scripts/lrlab with LRLAB_SPARK=1 (README: Running trials on Spark)", run.lastErrorLine());
    }

    @Test
    void severalDataFilesCannotShareOneLabelsFile() {
        CliRun run = CliRun.of("range-test", "models/digits-mlp", "--data", "a.idx", "--data", "b.idx", "--labels",
                "l.idx", "--out-dir", temp.resolve("x").toString());
        assertEquals(ExitCode.USAGE, run.code(), run.err());
        assertEquals("lrlab: --labels pairs with one --data file, found 2; run one batch per images file",
                run.lastErrorLine());
    }
}
