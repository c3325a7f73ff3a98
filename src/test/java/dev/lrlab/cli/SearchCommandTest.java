package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lrlab.search.SearchReport;
import dev.lrlab.search.TrialEngine;
import dev.lrlab.suggest.SuggestionMethod;
import dev.lrlab.suggest.Suggestions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lrlab search} on the bundled digits MLP, 60 steps per trial on a fifth of the training rows: once with
 * one trial at a time and once with two.
 */
class SearchCommandTest {
    @TempDir
    static Path dir;
    private static Path sequential;
    private static Path parallel;
    private static Path rangeTest;
    private static CliRun sequentialRun;
    private static CliRun parallelRun;

    static String[] search(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("search", "models/digits-mlp"));
        args.addAll(List.of(more)); // first: an option given twice takes its first value
        args.addAll(List.of("--data", "data-samples/digits.csv", "--label", "label", "--steps-per-trial", "60",
                "--data-fraction", "0.2", "--out-dir", out.toString()));
        return args.toArray(String[]::new);
    }

    @BeforeAll
    static void searchTwice() {
        sequential = dir.resolve("sequential");
        parallel = dir.resolve("parallel");
        rangeTest = ScheduleCommandTest.rangeTestSummary(dir.resolve("range"), ScheduleCommandTest.measured());
        sequentialRun = CliRun.of(search(sequential, "--range-test", rangeTest.toString()));
        parallelRun = CliRun.of(search(parallel, "--parallel", "2"));
    }

    static List<CSVRecord> trials(Path out) throws IOException {
        try (CSVParser parser = CSVParser.parse(out.resolve("trials.csv"), StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertEquals(SearchReport.TRIAL_COLUMNS, parser.getHeaderNames());
            return parser.getRecords();
        }
    }

    @Test
    void parallelTrialsGiveTheSequentialResultsBitForBit() throws IOException {
        assertEquals(ExitCode.OK, parallelRun.code(), parallelRun.err());
        List<CSVRecord> one = trials(sequential);
        List<CSVRecord> two = trials(parallel);
        assertEquals(one.size(), two.size());
        for (int i = 0; i < one.size(); i++) {
            for (String column : SearchReport.TRIAL_COLUMNS) {
                if (!column.equals("seconds")) {
                    assertEquals(one.get(i).get(column), two.get(i).get(column), column + " of trial " + i);
                }
            }
        }
        try (Stream<Path> curves = Files.list(sequential.resolve("trials"))) {
            List<Path> files = curves.toList();
            assertEquals(one.size(), files.size());
            for (Path file : files) {
                assertEquals(Files.readString(file), Files.readString(parallel.resolve("trials").resolve(file.getFileName())),
                        file.getFileName().toString());
            }
        }
    }

    @Test
    void trialsReadBackWithTheDivergedOnesStoppedEarly() throws IOException {
        assertEquals(ExitCode.OK, sequentialRun.code(), sequentialRun.err());
        List<CSVRecord> rows = trials(sequential);
        assertEquals(14, rows.size(), "8 coarse + 6 fine");
        assertEquals("coarse", rows.get(0).get("stage"));
        assertEquals(1e-7, Double.parseDouble(rows.get(0).get("lr")));
        assertEquals("fine", rows.get(8).get("stage"));
        int diverged = 0;
        for (CSVRecord row : rows) {
            boolean isDiverged = Boolean.parseBoolean(row.get("diverged"));
            long steps = Long.parseLong(row.get("steps"));
            if (isDiverged) {
                diverged++;
                assertTrue(steps < 60, row.toString());
                assertEquals("", row.get("val_loss"));
            } else {
                assertEquals(60, steps);
                assertTrue(Double.parseDouble(row.get("val_loss")) > 0);
            }
            assertTrue(Double.parseDouble(row.get("seconds")) >= 0);
        }
        assertEquals(1, diverged);
        Path curve = sequential.resolve("trials").resolve("coarse-1e-2.csv");
        List<CSVRecord> steps = ScheduleCommandTest.read(curve);
        assertEquals(60, steps.size());
        assertEquals(rows.get(5).get("final_loss"), steps.get(59).get("smoothed_loss"));
    }

    @Test
    void theSummaryNamesTheBestRateAndComparesItWithTheRangeTest() throws IOException {
        JsonNode summary = new ObjectMapper().readTree(sequential.resolve("summary.json").toFile());
        double best = summary.get("best").get("lr").asDouble();
        double bestVal = Double.POSITIVE_INFINITY;
        double bestRow = 0;
        for (CSVRecord row : trials(sequential)) {
            if (!row.get("val_loss").isEmpty() && Double.parseDouble(row.get("val_loss")) < bestVal) {
                bestVal = Double.parseDouble(row.get("val_loss"));
                bestRow = Double.parseDouble(row.get("lr"));
            }
        }
        assertEquals(bestRow, best);
        assertEquals("val_loss", summary.get("metric").asText());
        assertEquals(14, summary.get("trials").asInt());
        assertEquals(1, summary.get("diverged").asInt());
        JsonNode range = summary.get("range_test");
        assertEquals("valley", range.get("method").asText());
        assertEquals(4.6e-3, range.get("suggested_lr").asDouble());
        assertEquals(Math.log10(best / 4.6e-3), range.get("decades").asDouble(), 1e-12);
        assertTrue(Math.abs(range.get("decades").asDouble()) <= 1);
        assertEquals(rangeTest.toString(), range.get("file").asText());
        assertTrue(sequentialRun.out().contains("range test valley 4.6e-3: the search's rate is "), sequentialRun.out());
        assertTrue(Files.size(sequential.resolve("search.png")) > 0);
        assertTrue(Files.readString(sequential.resolve("search.svg")).contains("<svg"));
        assertTrue(Files.exists(sequential.resolve("summary.csv")));
        assertFalse(new ObjectMapper().readTree(parallel.resolve("summary.json").toFile()).has("range_test"),
                "no range test, no comparison");
    }

    @Test
    void badRangesAndMetricsAreUsageErrors() {
        CliRun reversed = CliRun.of(search(dir.resolve("bad"), "--from", "1", "--to", "0.1"));
        assertEquals(ExitCode.USAGE, reversed.code());
        assertEquals("lrlab: --from must be below --to, found --from 1.0 --to 0.1", reversed.lastErrorLine());
        CliRun equal = CliRun.of(search(dir.resolve("bad"), "--from", "0.1", "--to", "0.1"));
        assertEquals(ExitCode.USAGE, equal.code());
        CliRun metric = CliRun.of(search(dir.resolve("bad"), "--metric", "accuracy"));
        assertEquals(ExitCode.USAGE, metric.code());
        assertEquals("lrlab: --metric expects val_loss or loss, found 'accuracy'", metric.lastErrorLine());
        CliRun fraction = CliRun.of(search(dir.resolve("bad"), "--data-fraction", "0"));
        assertEquals("lrlab: --data-fraction must be in (0, 1], found 0.0", fraction.lastErrorLine());
        assertFalse(Files.exists(dir.resolve("bad")), "nothing is written for bad arguments");
    }

    @Test
    void engineOptionsAreCheckedBeforeAnythingIsWritten() {
        CliRun unknown = CliRun.of(search(dir.resolve("engine"), "--engine", "mapreduce"));
        assertEquals(ExitCode.USAGE, unknown.code());
        assertEquals("lrlab: --engine expects local or spark, found 'mapreduce'", unknown.lastErrorLine());
        CliRun master = CliRun.of(search(dir.resolve("engine"), "--master", "local[2]"));
        assertEquals(ExitCode.USAGE, master.code());
        assertEquals("lrlab: --master is for a cluster engine; add --engine spark, or drop it", master.lastErrorLine());
        assertFalse(Files.exists(dir.resolve("engine")), "nothing is written");
    }

    @Test
    void theSparkEngineIsNotInTheCoreBuild() {
        Assumptions.assumeTrue(TrialEngine.find("spark").isEmpty(), "this build has the Spark engine (profile spark)");
        CliRun run = CliRun.of(search(dir.resolve("spark"), "--engine", "spark"));
        assertEquals(ExitCode.USAGE, run.code());
        assertEquals("lrlab: --engine spark needs the Spark build: run target/lrlab-spark.jar with spark-submit, or "
                + "scripts/lrlab with LRLAB_SPARK=1 (README: Running trials on Spark)", run.lastErrorLine());
        assertFalse(Files.exists(dir.resolve("spark")), "nothing is written");
    }

    @Test
    void hypergradientOptimizersAreRefusedWithTheFix() {
        CliRun run = CliRun.of(search(dir.resolve("hd"), "--optimizer", "adam-hd"));
        assertEquals(ExitCode.USAGE, run.code());
        assertEquals(2, run.code().code());
        assertEquals("lrlab: search sets the learning rate of every step, but --optimizer adam-hd adapts the rate itself, "
                + "so the rates reported would not be the ones applied; use --optimizer adam, or the hypergradient "
                + "command to run adam-hd", run.err().strip(), "one line");
        assertFalse(Files.exists(dir.resolve("hd")), "nothing is written");
    }

    @Test
    void aRangeTestWithoutSuggestionsIsADataErrorBeforeAnyTraining() {
        Path empty = ScheduleCommandTest.rangeTestSummary(dir.resolve("empty-range"), Suggestions.none(SuggestionMethod.VALLEY,
                "only 7 points after skipping the first 0 and last 5; run more steps"));
        CliRun run = CliRun.of(search(dir.resolve("no-range"), "--range-test", empty.toString()));
        assertEquals(ExitCode.DATA, run.code());
        assertEquals("lrlab: " + empty + ": missing key 'suggestions.valley.lr' (the range test made no suggestions: only 7 "
                + "points after skipping the first 0 and last 5; run more steps); rerun the range test or give the rates "
                + "explicitly", run.lastErrorLine());
        assertFalse(Files.exists(dir.resolve("no-range")));
    }

    @Test
    void anExistingOutputFolderNeedsForce() {
        CliRun run = CliRun.of(search(sequential));
        assertEquals(ExitCode.OUTPUT, run.code());
        assertEquals("lrlab: " + sequential + " exists; pass --force to overwrite or choose another --out-dir",
                run.lastErrorLine());
    }
}
