package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV larger than the JVM's heap limit runs a range test with {@code --sample}: the file streams through a
 * reservoir of 2,000 rows and is never held. A JVM with {@code -Xmx64m} is started on a generated 100 MB file (the
 * bundled digits rows, repeated); the summary says how the rows were drawn.
 */
class SampleLargeCsvCliTest {
    @TempDir
    Path dir;

    @Test
    void aRangeTestSamplesACsvLargerThanTheHeap() throws Exception {
        List<String> digits = Files.readAllLines(Path.of("data-samples/digits.csv"));
        Path big = dir.resolve("big.csv");
        try (BufferedWriter out = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            out.write(digits.get(0));
            out.write('\n');
            long written = 0;
            for (int i = 0; written < 100_000_000L; i++) {
                String row = digits.get(1 + i % (digits.size() - 1));
                out.write(row);
                out.write('\n');
                written += row.length() + 1;
            }
        }
        assertTrue(Files.size(big) > 100_000_000L);
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = dir.resolve("run");
        Process process = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                "dev.lrlab.cli.Lrlab", "range-test", "models/digits-mlp", "--data", big.toString(), "--label", "label",
                "--sample", "2000", "--seed", "3", "--steps", "20", "--quiet", "--out-dir", out.toString())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                .directory(new File(System.getProperty("user.dir"))).start();
        boolean ended = process.waitFor(10, TimeUnit.MINUTES); // a safety net, not a measurement
        if (!ended) {
            process.destroyForcibly();
        }
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertTrue(ended, "still running; stderr: " + err);
        assertEquals(0, process.exitValue(), "stderr: " + err + "\nstdout: " + Files.readString(dir.resolve("stdout.txt")));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode rows = summary.get("rows");
        assertEquals("reservoir", rows.get("method").asText(), summary.toString());
        assertEquals(2000, rows.get("sample").asInt());
        assertEquals(3, rows.get("seed").asLong());
        assertEquals("a uniform sample of 2000 rows (reservoir sampling, seed 3)", rows.get("description").asText());
    }
}
