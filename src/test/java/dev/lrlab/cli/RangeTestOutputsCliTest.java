package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lrlab.LrlabException;
import dev.lrlab.data.DataSpec;
import dev.lrlab.rangetest.RangeTest;
import dev.lrlab.rangetest.RangeTestOutputs;
import dev.lrlab.rangetest.RangeTestResult;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RangeTestOutputs} from Java writes what {@code lrlab range-test} writes: the command goes through it. */
class RangeTestOutputsCliTest {
    @TempDir
    Path dir;

    @Test
    void javaDefaultsWriteTheFilesOfTheBundledDemoByteForByteButTheClock() throws IOException {
        Path cli = dir.resolve("cli");
        CliRun run = CliRun.of("range-test", "--out-dir", cli.toString(), "--quiet");
        assertEquals(ExitCode.OK, run.code(), run.err());

        Path java = dir.resolve("java");
        try (PreparedRun prepared = PreparedRun.open(RunSpec.builder().setModel(Path.of("models/digits-mlp"))
                .setData(DataSpec.csv(Path.of("data-samples/digits.csv"), "label")).build())) {
            RangeTestResult result = RangeTest.run(prepared);
            assertEquals(java, RangeTestOutputs.write(java, result));
        }
        assertEquals(List.of("range-test.csv", "range-test.png", "range-test.svg", "summary.csv", "summary.json"),
                list(java));
        assertEquals(list(cli), list(java));
        for (String name : List.of("range-test.csv", "range-test.png")) {
            assertArrayEquals(Files.readAllBytes(cli.resolve(name)), Files.readAllBytes(java.resolve(name)), name);
        }
        // JFreeSVG prefixes its ids with System.nanoTime(): two runs of the command differ there too
        assertEquals(svgWithoutIdPrefix(cli.resolve("range-test.svg")), svgWithoutIdPrefix(java.resolve("range-test.svg")));
        assertEquals(withoutClock(cli.resolve("summary.json")), withoutClock(java.resolve("summary.json")));
    }

    @Test
    void aFolderThatHoldsFilesIsRefusedAndLeftAsItWas() throws IOException {
        Path taken = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(taken.resolve("notes.txt"), "mine");
        RangeTestResult result;
        try (PreparedRun prepared = PreparedRun.open(RunSpec.builder().setModel(Path.of("models/iris-mlp"))
                .setData(DataSpec.csv(Path.of("data-samples/iris.csv"), "species")).build())) {
            result = RangeTest.run(prepared);
        }
        LrlabException e = assertThrows(LrlabException.class, () -> RangeTestOutputs.write(taken, result));
        assertEquals(dev.lrlab.LrlabException.Kind.OUTPUT, e.kind());
        assertEquals(List.of("notes.txt"), list(taken));
        assertEquals(List.of("taken"), list(dir));
        RangeTestOutputs.write(taken, result, true);
        assertEquals(List.of("notes.txt", "range-test.csv", "range-test.png", "range-test.svg", "summary.csv",
                "summary.json"), list(taken));
    }

    private static String svgWithoutIdPrefix(Path svg) throws IOException {
        String text = Files.readString(svg);
        java.util.regex.Matcher prefix = java.util.regex.Pattern.compile("id='(_\\d+)").matcher(text);
        return prefix.find() ? text.replace(prefix.group(1), "_ID") : text;
    }

    private static List<String> list(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The summary without what the clock decides: wall time, speed, and the provenance's time stamp. */
    private static ObjectNode withoutClock(Path summary) throws IOException {
        ObjectNode node = (ObjectNode) new ObjectMapper().readTree(summary.toFile());
        node.remove(List.of("wall_time_s", "steps_per_second"));
        ((ObjectNode) node.get("provenance")).remove("time");
        return node;
    }
}
