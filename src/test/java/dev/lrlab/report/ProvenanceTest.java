package dev.lrlab.report;

import dev.lrlab.LrlabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvenanceTest {
    @TempDir
    Path dir;

    /** SHA-256("abc") from FIPS 180-2, appendix B.1. */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T22:15:00.123Z"), ZoneOffset.ofHours(1));

    @Test
    void hashesSavedModelPb() throws IOException {
        Files.write(dir.resolve("saved_model.pb"), "abc".getBytes(StandardCharsets.US_ASCII));
        // SHA-256("abc") from FIPS 180-2, appendix B.1
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Provenance.savedModelSha256(dir));
    }

    @Test
    void missingSavedModelIsAModelError() {
        LrlabException e = assertThrows(LrlabException.class, () -> Provenance.savedModelSha256(dir));
        assertEquals(LrlabException.Kind.MODEL, e.kind());
        assertEquals("no saved_model.pb in " + dir + "; pass a SavedModel directory", e.getMessage());
    }

    @Test
    void builderFillsEverything() throws IOException {
        Files.write(dir.resolve("saved_model.pb"), "abc".getBytes(StandardCharsets.US_ASCII));
        Path train = Files.writeString(dir.resolve("train.csv"), "abc");
        Path valid = Files.writeString(dir.resolve("valid.csv"), "");
        Provenance p = Provenance.builder()
                .optModel(dir)
                .addData(train)
                .addData(valid)
                .optSeed(42)
                .setting("start_lr", 1e-7)
                .settings(Map.of("steps", 100))
                .optClock(CLOCK)
                .optTensorflowVersion("9.9.9")
                .build();
        assertEquals("dev", p.lrlabVersion());
        assertEquals("9.9.9", p.tensorflowVersion());
        assertEquals(System.getProperty("java.version"), p.javaVersion());
        assertEquals(System.getProperty("os.name"), p.osName());
        assertEquals(System.getProperty("os.arch"), p.osArch());
        assertEquals("2026-11-28T23:15:00+01:00", p.time());
        assertEquals(dir.toString(), p.modelPath());
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", p.modelSha256());
        assertNull(p.modelVariablesSha256(), "no variables folder");
        assertEquals(List.of(train.toString(), valid.toString()), p.dataPaths());
        assertEquals(List.of(new Provenance.DataFile(train.toString(), ABC), new Provenance.DataFile(valid.toString(),
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")), p.dataFiles());
        assertEquals(42L, p.seed());
        assertEquals(List.of("start_lr", "steps"), List.copyOf(p.settings().keySet()));
    }

    @Test
    void toMapHasSnakeCaseKeysInOrder() {
        Provenance p = Provenance.builder().optClock(CLOCK).optTensorflowVersion("2.18.0").build();
        Map<String, Object> map = p.toMap();
        assertEquals(List.of("lrlab_version", "tensorflow_version", "java_version", "os_name", "os_arch", "time",
                "model_path", "model_sha256", "model_variables_sha256", "data_paths", "data_files", "seed", "settings"),
                List.copyOf(map.keySet()));
        assertNull(map.get("model_path"));
        assertNull(map.get("seed"));
        assertEquals(List.of(), map.get("data_paths"));
        assertTrue(new SummaryWriter().toCsv(map).contains("\ntensorflow_version,2.18.0\n"));
        assertEquals(new SummaryWriter().toJson(map), new SummaryWriter().toJson(p), "the record's JSON is the map's");
    }

    @Test
    void hashesTheVariablesInFileNameOrderAsOneStream() throws IOException {
        Path variables = Files.createDirectories(dir.resolve("variables"));
        Files.writeString(variables.resolve("variables.data-00000-of-00001"), "a");
        Files.writeString(variables.resolve("variables.index"), "bc");
        assertEquals(ABC, Provenance.variablesSha256(dir), "the data shard sorts before the index: \"a\" + \"bc\"");
        Files.writeString(variables.resolve("variables.data-00000-of-00001"), "b");
        Files.writeString(variables.resolve("variables.index"), "ac");
        assertNotEquals(ABC, Provenance.variablesSha256(dir), "other weights, other digest");
    }

    @Test
    void aModelWithoutVariablesHasNoVariablesDigest() {
        assertNull(Provenance.variablesSha256(dir));
    }

    @Test
    void equalDataFilesHaveEqualDigestsAndOthersDiffer() throws IOException {
        Path a = Files.writeString(dir.resolve("a.csv"), "x,y\n1,2\n");
        Path b = Files.writeString(dir.resolve("b.csv"), "x,y\n1,2\n");
        Path c = Files.writeString(dir.resolve("c.csv"), "x,y\n1,3\n");
        assertEquals(Provenance.fileSha256(a), Provenance.fileSha256(b));
        assertNotEquals(Provenance.fileSha256(a), Provenance.fileSha256(c));
        Provenance p = Provenance.builder().addData(a).addData(dir).optTensorflowVersion("x").build();
        assertNull(p.dataFiles().get(1).sha256(), "a folder is not hashed");
    }

    @Test
    void asksTensorFlowForItsVersion() {
        Provenance p = Provenance.builder().optClock(CLOCK).build();
        assertTrue(p.tensorflowVersion().matches("\\d+\\.\\d+\\.\\d+.*"), p.tensorflowVersion());
    }
}
