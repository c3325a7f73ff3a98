package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.Fixtures;
import dev.lrlab.rangetest.batch.RangeTestTable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lrlab range-test MODEL_DIR... --engine spark --master local[2]}: one Spark task per test; each folder and row
 * as the test alone writes them ({@link RangeTestBatchCliTest#assertSameAsAlone}), and the unreadable model a failed
 * row with the executor's message while the other tests run.
 */
class SparkRangeTestCommandTest {
    @TempDir
    Path temp;

    @Test
    void twoModelsAndAnUnreadableOneAsSparkTasks() throws IOException {
        Path broken = RangeTestBatchCliTest.brokenModel(temp);
        Path out = temp.resolve("spark");
        CliRun spark = CliRun.of("range-test", "models/iris-mlp", "models/iris-two-inputs", broken.toString(), "--data",
                RangeTestBatchCliTest.DATA, "--label", "species", "--steps", "60", "--engine", "spark", "--master",
                "local[2]", "--out-dir", out.toString());

        Path table = out.resolve(RangeTestTable.FILE);
        assertEquals(ExitCode.MODEL, spark.code(), spark.err());
        assertEquals("lrlab: 1 of 3 range tests failed; the error column of " + table + " says why",
                spark.lastErrorLine());
        assertTrue(spark.err().contains("spark: master local[2], application local-"), spark.err());
        List<RangeTestTable.Row> rows = new ArrayList<>(RangeTestTable.read(table)); // in the order they finished
        rows.sort(java.util.Comparator.comparing(RangeTestTable.Row::run));
        assertEquals(List.of("broken", "iris-mlp", "iris-two-inputs"), rows.stream().map(RangeTestTable.Row::run).toList());
        RangeTestTable.Row failed = rows.get(0);
        assertEquals(RangeTestTable.FAILED, failed.status());
        assertEquals("executor driver on " + InetAddress.getLocalHost().getHostName() + ": "
                + RangeTestBatchCliTest.brokenMessage(broken), failed.error());
        assertFalse(Files.exists(out.resolve("broken")), "a failed test has no folder");
        for (RangeTestTable.Row row : rows.subList(1, 3)) {
            assertEquals(RangeTestTable.OK, row.status());
            RangeTestBatchCliTest.assertSameAsAlone(row, out.resolve(row.run()), temp.resolve("alone-" + row.run()),
                    "--data", RangeTestBatchCliTest.DATA, "--label", "species", "--steps", "60");
        }
    }

    @Test
    void aFixtureOnTwoDataFilesAsSparkTasks() throws IOException {
        Path model = Fixtures.shared("keras_heart_mlp");
        Path data = Fixtures.shared("keras_heart_mlp.csv");
        Path half = temp.resolve("heart-half.csv");
        List<String> lines = Files.readAllLines(data);
        Files.write(half, lines.subList(0, 1 + (lines.size() - 1) / 2));
        Path out = temp.resolve("heart");
        CliRun spark = CliRun.of("range-test", model.toString(), "--data", data.toString(), "--data", half.toString(),
                "--label", "target", "--optimizer", "sgd", "--steps", "40", "--engine", "spark", "--master", "local[2]",
                "--out-dir", out.toString());

        assertEquals(ExitCode.OK, spark.code(), spark.err());
        List<RangeTestTable.Row> rows = new ArrayList<>(RangeTestTable.read(out.resolve(RangeTestTable.FILE)));
        rows.sort(java.util.Comparator.comparing(RangeTestTable.Row::data));
        assertEquals(List.of(data.toString(), half.toString()).stream().sorted().toList(),
                rows.stream().map(RangeTestTable.Row::data).toList());
        for (RangeTestTable.Row row : rows) {
            assertEquals(RangeTestTable.OK, row.status(), row.toString());
            RangeTestBatchCliTest.assertSameAsAlone(row, out.resolve(row.run()), temp.resolve("alone-" + row.run()),
                    "--data", row.data(), "--label", "target", "--optimizer", "sgd", "--steps", "40");
        }
    }
}
