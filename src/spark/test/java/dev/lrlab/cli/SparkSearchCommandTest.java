package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lrlab search --engine spark --master local[2]} against the same command without the engine, on the bundled
 * digits MLP (30 steps per trial, coarse rates 1e-4 to 1, 2 fine points): the engine is found on the class path and
 * the files are the same but for the seconds and the time stamps.
 */
class SparkSearchCommandTest {
    @TempDir
    Path dir;

    private String[] search(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("search", "models/digits-mlp", "--data",
                "data-samples/digits.csv", "--label", "label", "--steps-per-trial", "30", "--data-fraction", "0.2",
                "--from", "1e-4", "--fine-points", "2", "--out-dir", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void theSparkSearchWritesWhatTheLocalSearchWrites() throws IOException {
        CliRun local = CliRun.of(search(dir.resolve("local")));
        CliRun spark = CliRun.of(search(dir.resolve("spark"), "--engine", "spark", "--master", "local[2]"));
        assertEquals(ExitCode.OK, local.code(), local.err());
        assertEquals(ExitCode.OK, spark.code(), spark.err());
        assertEquals(local.out().replace("local", "spark"), spark.out());
        assertTrue(spark.err().contains("spark: master local[2], application local-"), spark.err());
        assertEquals(withoutSeconds(dir.resolve("local/trials.csv")), withoutSeconds(dir.resolve("spark/trials.csv")));
        try (Stream<Path> curves = Files.list(dir.resolve("local/trials"))) {
            for (Path curve : curves.toList()) {
                assertEquals(Files.readString(curve), Files.readString(dir.resolve("spark/trials").resolve(curve
                        .getFileName())));
            }
        }
        assertEquals(Files.readString(dir.resolve("local/search.svg")), Files.readString(dir.resolve("spark/search.svg")));
        JsonNode localSummary = new ObjectMapper().readTree(dir.resolve("local/summary.json").toFile());
        JsonNode sparkSummary = new ObjectMapper().readTree(dir.resolve("spark/summary.json").toFile());
        assertEquals(localSummary.get("best"), sparkSummary.get("best"));
        assertEquals(localSummary.get("compile_settings"), sparkSummary.get("compile_settings"));
        assertEquals(localSummary.get("stages"), sparkSummary.get("stages"));
    }

    @Test
    void aMasterSparkCannotParseIsAUsageError() {
        CliRun run = CliRun.of(search(dir.resolve("bad"), "--engine", "spark", "--master", "nowhere://x"));
        assertEquals(ExitCode.USAGE, run.code(), run.err());
        assertTrue(run.lastErrorLine().startsWith("lrlab: cannot start Spark on master nowhere://x: "), run.lastErrorLine());
        assertTrue(run.lastErrorLine().endsWith("; give a master such as local[2] or spark://HOST:7077"),
                run.lastErrorLine());
    }

    /** @return the table with the seconds column (the only one that differs between runs) left out */
    private static List<String> withoutSeconds(Path trials) throws IOException {
        return Files.readAllLines(trials).stream().map(line -> {
            String[] cells = line.split(",", -1);
            cells[7] = "";
            return String.join(",", cells);
        }).toList();
    }
}
