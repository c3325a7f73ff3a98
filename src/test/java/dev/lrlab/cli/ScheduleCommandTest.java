package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.report.SummaryWriter;
import dev.lrlab.schedule.LearningRateSchedule;
import dev.lrlab.schedule.ScheduleSpec;
import dev.lrlab.suggest.CyclicBounds;
import dev.lrlab.suggest.Suggestion;
import dev.lrlab.suggest.SuggestionMethod;
import dev.lrlab.suggest.Suggestions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleCommandTest {
    @TempDir
    Path dir;

    static List<CSVRecord> read(Path csv) throws IOException {
        try (CSVParser parser = CSVParser.parse(csv, StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertTrue(parser.getHeaderNames().contains("lr"));
            return parser.getRecords();
        }
    }

    /** A range test's summary.json as the range-test command writes it: {"suggestions": Suggestions.toMap()}. */
    static Path rangeTestSummary(Path dir, Suggestions suggestions) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        new SummaryWriter().write(dir, Map.of("suggestions", suggestions.toMap()), true);
        return dir.resolve(SummaryWriter.JSON_FILE);
    }

    static Suggestions measured() {
        return new Suggestions(List.of(new Suggestion(SuggestionMethod.VALLEY, 4.6e-3, 66, 8.42)), SuggestionMethod.VALLEY,
                new CyclicBounds(1e-3, 6e-3, 91, 5.83), "");
    }

    @Test
    void writesTheOneCycleScheduleWithItsMomentumExactly() throws IOException {
        Path csv = dir.resolve("lr.csv");
        CliRun run = CliRun.of("schedule", "onecycle:max=0.1", "--steps", "50", "--out", csv.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertEquals("schedule: " + csv + "\n", run.out());
        LearningRateSchedule schedule = ScheduleSpec.parse("onecycle:max=0.1", 50);
        List<CSVRecord> rows = read(csv);
        assertEquals(50, rows.size());
        for (int i = 0; i < 50; i++) {
            assertEquals(Integer.toString(i), rows.get(i).get("step"));
            assertEquals(schedule.learningRate(i), Double.parseDouble(rows.get(i).get("lr")));
            assertEquals(schedule.momentum(i).getAsDouble(), Double.parseDouble(rows.get(i).get("momentum")));
        }
        assertEquals(0.1 / 25, Double.parseDouble(rows.get(0).get("lr")), 1e-15);
        assertEquals(0.95, Double.parseDouble(rows.get(0).get("momentum")), 1e-15);
    }

    @Test
    void leavesTheMomentumEmptyWhenTheScheduleDoesNotCycleIt() throws IOException {
        Path csv = dir.resolve("lr.csv");
        assertEquals(ExitCode.OK, CliRun.of("schedule", "triangular:base=1e-3,max=6e-3,step=4", "--steps", "9", "--out",
                csv.toString()).code());
        assertEquals("step,lr,momentum\n0,0.001,\n1,0.0022500000000000003,\n2,0.0035,\n3,0.00475,\n4,0.006,\n5,0.00475,\n6,0.0035,\n"
                + "7,0.0022500000000000003,\n8,0.001,\n", Files.readString(csv));
    }

    @Test
    void drawsPngOrSvgByTheFileName() throws IOException {
        Path png = dir.resolve("lr.png");
        Path svg = dir.resolve("lr.svg");
        assertEquals(ExitCode.OK, CliRun.of("schedule", "onecycle:max=0.1", "--steps", "20", "--out", dir.resolve("a.csv").toString(),
                "--plot", png.toString()).code());
        assertEquals(ExitCode.OK, CliRun.of("schedule", "cosine:max=0.1", "--steps", "20", "--out", dir.resolve("b.csv").toString(),
                "--plot", svg.toString()).code());
        byte[] magic = Files.readAllBytes(png);
        assertEquals((byte) 0x89, magic[0]);
        assertEquals("PNG", new String(magic, 1, 3, StandardCharsets.US_ASCII));
        assertTrue(Files.readString(svg).contains("<svg"));
    }

    @Test
    void fillsBaseAndMaxFromARangeTestAndTheSpecWins() throws IOException {
        Path summary = rangeTestSummary(dir.resolve("range"), measured());
        Path csv = dir.resolve("lr.csv");
        assertEquals(ExitCode.OK, CliRun.of("schedule", "triangular:step=4", "--steps", "5", "--out", csv.toString(),
                "--from-range-test", summary.toString()).code());
        List<CSVRecord> rows = read(csv);
        assertEquals(1e-3, Double.parseDouble(rows.get(0).get("lr")));
        assertEquals(6e-3, Double.parseDouble(rows.get(4).get("lr")));
        assertEquals(ExitCode.OK, CliRun.of("schedule", "triangular:step=4,max=0.01", "--steps", "5", "--out", csv.toString(),
                "--from-range-test", summary.toString(), "--force").code());
        double peak = Double.parseDouble(read(csv).get(4).get("lr"));
        assertEquals(ScheduleSpec.parse("triangular:base=1e-3,max=0.01,step=4", 5).learningRate(4), peak);
        assertEquals(0.01, peak, 1e-17);
    }

    @Test
    void aRangeTestWithoutBoundsIsADataErrorNamingFileKeyAndReason() {
        Path summary = rangeTestSummary(dir.resolve("range"), Suggestions.none(SuggestionMethod.VALLEY,
                "only 7 points after skipping the first 0 and last 5; run more steps"));
        CliRun run = CliRun.of("schedule", "triangular:step=4", "--steps", "5", "--out", dir.resolve("lr.csv").toString(),
                "--from-range-test", summary.toString());
        assertEquals(ExitCode.DATA, run.code());
        assertEquals("lrlab: " + summary + ": missing key 'suggestions.cyclic.base_lr' (the range test made no suggestions: "
                + "only 7 points after skipping the first 0 and last 5; run more steps); rerun the range test or give the "
                + "rates explicitly", run.lastErrorLine());
    }

    @Test
    void aSummaryWithoutSuggestionsIsADataError() throws IOException {
        Path summary = dir.resolve("summary.json");
        Files.writeString(summary, "{\"metric\": \"loss\"}");
        CliRun run = CliRun.of("schedule", "triangular:step=4", "--steps", "5", "--out", dir.resolve("lr.csv").toString(),
                "--from-range-test", summary.toString());
        assertEquals(ExitCode.DATA, run.code());
        assertEquals("lrlab: " + summary + ": missing key 'suggestions'; pass the summary.json a range test wrote",
                run.lastErrorLine());
    }

    @Test
    void badInputsAreUsageErrorsWithTheSpecParsersMessage() {
        Path csv = dir.resolve("lr.csv");
        CliRun bad = CliRun.of("schedule", "bogus:lr=1", "--steps", "5", "--out", csv.toString());
        assertEquals(ExitCode.USAGE, bad.code());
        assertEquals("lrlab: SPEC: unknown schedule 'bogus'; expected one of constant, step, exp, cosine, triangular, "
                + "triangular2, exp_range, cyclic, onecycle (optionally after warmup=N+)", bad.lastErrorLine());
        CliRun missingKey = CliRun.of("schedule", "triangular:step=4", "--steps", "5", "--out", csv.toString());
        assertEquals(ExitCode.USAGE, missingKey.code());
        assertTrue(missingKey.lastErrorLine().startsWith("lrlab: SPEC: triangular: "), missingKey.err());
        assertEquals("lrlab: --steps N is required: the schedule's total number of steps",
                CliRun.of("schedule", "onecycle:max=0.1", "--out", csv.toString()).lastErrorLine());
        assertEquals("lrlab: --steps must be a whole number of at least 1, found 0",
                CliRun.of("schedule", "onecycle:max=0.1", "--steps", "0", "--out", csv.toString()).lastErrorLine());
        assertEquals("lrlab: --out FILE is required: the CSV to write",
                CliRun.of("schedule", "onecycle:max=0.1", "--steps", "5").lastErrorLine());
    }

    @Test
    void refusesToOverwriteWithoutForce() throws IOException {
        Path csv = dir.resolve("lr.csv");
        Files.writeString(csv, "keep");
        CliRun run = CliRun.of("schedule", "onecycle:max=0.1", "--steps", "5", "--out", csv.toString());
        assertEquals(ExitCode.OUTPUT, run.code());
        assertEquals("lrlab: " + csv + " exists; pass --force to overwrite it or choose another name", run.lastErrorLine());
        assertEquals("keep", Files.readString(csv));
    }
}
