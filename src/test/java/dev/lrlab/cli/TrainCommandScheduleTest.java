package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.schedule.LearningRateSchedule;
import dev.lrlab.schedule.ScheduleSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scheduled training of the bundled digits MLP, end to end through the command line. */
class TrainCommandScheduleTest {
    @TempDir
    Path dir;

    private CliRun train(String schedule, int steps, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "models/digits-mlp", "--data",
                "data-samples/digits.csv", "--label", "label", "--optimizer", "momentum", "--steps", Integer.toString(steps),
                "--schedule", schedule, "--out", dir.resolve("curve.csv").toString(), "--force", "--quiet"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Every row's lr and momentum are the schedule's values for that step (the rate is fed as a float). */
    private void assertCurveFollows(LearningRateSchedule schedule, int steps) throws IOException {
        List<CSVRecord> rows = ScheduleCommandTest.read(dir.resolve("curve.csv"));
        assertEquals(steps, rows.size());
        for (int i = 0; i < steps; i++) {
            CSVRecord row = rows.get(i);
            assertEquals(i, Integer.parseInt(row.get("step")));
            assertEquals((float) schedule.learningRate(i), (float) Double.parseDouble(row.get("lr")), "lr at step " + i);
            assertEquals(schedule.momentum(i).getAsDouble(), Double.parseDouble(row.get("momentum")), "momentum at step " + i);
        }
    }

    @Test
    void triangular2FeedsItsRateAndMomentumEveryStep() throws IOException {
        String spec = "triangular2:base=1e-3,max=6e-3,step=10,momentum=0.8-0.9";
        CliRun run = train(spec, 45);
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertCurveFollows(ScheduleSpec.parse(spec, 45), 45);
        List<CSVRecord> rows = ScheduleCommandTest.read(dir.resolve("curve.csv"));
        assertEquals(0.9, Double.parseDouble(rows.get(0).get("momentum")));
        assertEquals(0.8, Double.parseDouble(rows.get(10).get("momentum")));
        assertEquals(0.0035, Double.parseDouble(rows.get(30).get("lr")), 1e-9, "the second cycle peaks at half height");
    }

    @Test
    void oneCycleFeedsItsRateAndMomentumEveryStep() throws IOException {
        CliRun run = train("onecycle:max=0.05", 40);
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertCurveFollows(ScheduleSpec.parse("onecycle:max=0.05", 40), 40);
    }

    @Test
    void fillsTheScheduleFromARangeTest() throws IOException {
        Path summary = ScheduleCommandTest.rangeTestSummary(dir.resolve("range"), ScheduleCommandTest.measured());
        CliRun run = train("triangular:step=5,momentum=0.85-0.95", 11, "--from-range-test", summary.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertCurveFollows(ScheduleSpec.parse("triangular:step=5,momentum=0.85-0.95", 11, Map.of("base", 1e-3, "max", 6e-3)), 11);
    }

    @Test
    void aRangeTestWithoutAScheduleIsAUsageError() {
        Path summary = ScheduleCommandTest.rangeTestSummary(dir.resolve("range"), ScheduleCommandTest.measured());
        CliRun run = CliRun.of("train", "models/digits-mlp", "--data", "data-samples/digits.csv", "--label", "label",
                "--steps", "3", "--out", dir.resolve("curve.csv").toString(), "--from-range-test", summary.toString());
        assertEquals(ExitCode.USAGE, run.code());
        assertEquals("lrlab: --from-range-test fills a schedule's base and max; give --schedule too, e.g. --schedule "
                + "triangular:step=200", run.lastErrorLine());
    }

    @Test
    void aBadScheduleIsAUsageError() {
        CliRun run = train("onecycle:max=-1", 5);
        assertEquals(ExitCode.USAGE, run.code());
        assertTrue(run.lastErrorLine().startsWith("lrlab: --schedule: onecycle: "), run.err());
    }
}
