package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --threads}, {@code --xla} and the time-to-first-step line of {@code --verbose}. */
class SessionOptionsCliTest {
    @TempDir
    Path dir;

    @Test
    void threadsAndXlaRunTheDemoLogTheSettingsAndRecordThemInTheSummary() throws Exception {
        Path plain = dir.resolve("plain");
        CliRun reference = CliRun.of("range-test", "--steps", "10", "--no-stop", "--out-dir", plain.toString(), "--quiet");
        assertEquals(ExitCode.OK, reference.code(), reference.err());
        Path tuned = dir.resolve("tuned");
        CliRun run = CliRun.of("range-test", "--steps", "10", "--no-stop", "--threads", "1,2", "--xla", "--verbose",
                "--out-dir", tuned.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.err().contains("\ntensorflow: threads 1/2 (intra-op/inter-op), xla on\n"), run.err());
        assertTrue(Pattern.compile("\ntime to first step \\(seconds since lrlab's main\\): model and data \\d+\\.\\d\\d s, "
                + "first step \\d+\\.\\d\\d s\n").matcher(run.err()).find(), run.err());
        JsonNode summary = new ObjectMapper().readTree(tuned.resolve("summary.json").toFile());
        assertEquals("threads 1/2 (intra-op/inter-op), xla on", summary.get("provenance").get("settings").get("session").asText());
        JsonNode plainSummary = new ObjectMapper().readTree(plain.resolve("summary.json").toFile());
        assertTrue(plainSummary.get("provenance").get("settings").get("session") == null, "defaults are not recorded");
        // XLA fuses the ops, which may move the last bits; the losses stay those of the same model on the same batches
        List<String> expected = Files.readAllLines(plain.resolve("range-test.csv"));
        List<String> actual = Files.readAllLines(tuned.resolve("range-test.csv"));
        assertEquals(expected.size(), actual.size());
        for (int i = 1; i < expected.size(); i++) {
            double want = Double.parseDouble(expected.get(i).split(",")[2]);
            double got = Double.parseDouble(actual.get(i).split(",")[2]);
            assertEquals(want, got, 1e-4 * Math.abs(want), "step " + (i - 1));
        }
    }

    @Test
    void withoutVerboseTheTimeToFirstStepIsNotLogged() {
        CliRun run = CliRun.of("range-test", "--steps", "10", "--no-stop", "--out-dir", dir.resolve("out").toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(!run.err().contains("time to first step"), run.err());
        assertTrue(!run.err().contains("tensorflow: "), "default session options are not logged: " + run.err());
    }

    @Test
    void badThreadCountsAreUsageErrorsNamingTheFlag() {
        CliRun text = CliRun.of("range-test", "--threads", "two", "--out-dir", dir.resolve("a").toString());
        assertEquals(ExitCode.USAGE, text.code());
        assertEquals("lrlab: --threads takes whole numbers, N or N,M (0: TensorFlow's choice), found two", text.lastErrorLine());
        CliRun three = CliRun.of("range-test", "--threads", "1,2,3", "--out-dir", dir.resolve("b").toString());
        assertEquals(ExitCode.USAGE, three.code());
        assertEquals("lrlab: --threads takes N or N,M (threads per op, threads for independent ops), found 1,2,3",
                three.lastErrorLine());
        CliRun negative = CliRun.of("range-test", "--threads", "-1", "--out-dir", dir.resolve("c").toString());
        assertEquals(ExitCode.USAGE, negative.code());
        assertEquals("lrlab: --threads must be 0 (TensorFlow's choice) to 1024, found -1", negative.lastErrorLine());
    }
}
