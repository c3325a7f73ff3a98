package dev.lrlab.report;

import dev.lrlab.LrlabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SummaryWriterTest {
    @TempDir
    Path dir;

    private final SummaryWriter writer = new SummaryWriter();

    private static Map<String, Object> summary() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("start_lr", 1e-7);
        settings.put("steps", 100);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("zeta", "first");
        map.put("alpha", 2.5);
        map.put("settings", settings);
        map.put("lrs", List.of(0.001, 0.01));
        map.put("diverged", false);
        map.put("seed", null);
        map.put("best", Double.NaN);
        map.put("note", "a, \"quoted\" text");
        map.put("empty", List.of());
        return map;
    }

    @Test
    void jsonIsPrettyAndKeepsOrder() {
        assertEquals("{\n"
                + "  \"zeta\" : \"first\",\n"
                + "  \"alpha\" : 2.5,\n"
                + "  \"settings\" : {\n"
                + "    \"start_lr\" : 1.0E-7,\n"
                + "    \"steps\" : 100\n"
                + "  },\n"
                + "  \"lrs\" : [ 0.001, 0.01 ],\n"
                + "  \"diverged\" : false,\n"
                + "  \"seed\" : null,\n"
                + "  \"best\" : \"NaN\",\n"
                + "  \"note\" : \"a, \\\"quoted\\\" text\",\n"
                + "  \"empty\" : [ ]\n"
                + "}\n", writer.toJson(summary()));
    }

    @Test
    void csvFlattensNestedMapsAndLists() {
        assertEquals("key,value\n"
                + "zeta,first\n"
                + "alpha,2.5\n"
                + "settings.start_lr,1.0E-7\n"
                + "settings.steps,100\n"
                + "lrs.0,0.001\n"
                + "lrs.1,0.01\n"
                + "diverged,false\n"
                + "seed,\n"
                + "best,NaN\n"
                + "note,\"a, \"\"quoted\"\" text\"\n"
                + "empty,[]\n", writer.toCsv(summary()));
    }

    record Result(String method, double lr, List<Integer> steps, Map<String, Object> extra) {
    }

    @Test
    void recordComponentsKeepDeclarationOrder() {
        Result result = new Result("valley", 0.003, List.of(1, 2), Map.of("k", "v"));
        assertEquals("{\n  \"method\" : \"valley\",\n  \"lr\" : 0.003,\n  \"steps\" : [ 1, 2 ],\n"
                + "  \"extra\" : {\n    \"k\" : \"v\"\n  }\n}\n", writer.toJson(result));
        assertEquals("key,value\nmethod,valley\nlr,0.003\nsteps.0,1\nsteps.1,2\nextra.k,v\n", writer.toCsv(result));
    }

    @Test
    void writesBothFiles() throws IOException {
        writer.write(dir, summary(), false);
        assertEquals(writer.toJson(summary()), Files.readString(dir.resolve("summary.json")));
        assertEquals(writer.toCsv(summary()), Files.readString(dir.resolve("summary.csv")));
        assertEquals(List.of("summary.csv", "summary.json"), Arrays.stream(dir.toFile().list()).sorted().toList());
    }

    @Test
    void refusesExistingSummaryWithoutForceAndWritesNothing() throws IOException {
        Files.writeString(dir.resolve("summary.csv"), "old");
        LrlabException e = assertThrows(LrlabException.class, () -> writer.write(dir, summary(), false));
        assertEquals(LrlabException.Kind.OUTPUT, e.kind());
        assertEquals(dir.resolve("summary.csv") + " exists; pass `force` to overwrite or choose another file",
                e.getMessage());
        assertEquals(List.of("summary.csv"), Arrays.asList(dir.toFile().list()));
    }

    @Test
    void replacesWithForce() throws IOException {
        Files.writeString(dir.resolve("summary.json"), "old");
        writer.write(dir, Map.of("a", 1), true);
        assertEquals("{\n  \"a\" : 1\n}\n", Files.readString(dir.resolve("summary.json")));
    }

    @Test
    void scalarSummaryBecomesOneValueRow() {
        assertEquals(Map.of("value", "3"), writer.flatten(3));
    }
}
