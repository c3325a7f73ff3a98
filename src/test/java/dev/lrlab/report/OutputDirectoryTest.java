package dev.lrlab.report;

import dev.lrlab.LrlabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void createsMissingDirectoryWithParents() {
        Path out = dir.resolve("runs/a/b");
        assertEquals(out, OutputDirectory.prepare(out, false));
        assertTrue(Files.isDirectory(out));
    }

    @Test
    void acceptsExistingEmptyDirectory() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        assertEquals(out, OutputDirectory.prepare(out, false));
    }

    @Test
    void refusesNonEmptyDirectoryWithoutForce() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.writeString(out.resolve("curve.csv"), "x");
        LrlabException e = assertThrows(LrlabException.class, () -> OutputDirectory.prepare(out, false));
        assertEquals(LrlabException.Kind.OUTPUT, e.kind());
        assertEquals(out + " exists; pass `force` to overwrite or choose another `outDir`", e.getMessage());
    }

    @Test
    void reusesNonEmptyDirectoryWithForceWithoutDeletingAnything() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.writeString(out.resolve("curve.csv"), "x");
        OutputDirectory.prepare(out, true);
        assertEquals("x", Files.readString(out.resolve("curve.csv")));
    }

    @Test
    void refusesAFile() throws IOException {
        Path out = Files.writeString(dir.resolve("out"), "x");
        LrlabException e = assertThrows(LrlabException.class, () -> OutputDirectory.prepare(out, true));
        assertEquals(out + " exists and is not a directory; choose another `outDir`", e.getMessage());
    }

    @Test
    void defaultPathIsKindAndTimestamp() {
        Path path = OutputDirectory.defaultPath(dir.resolve("runs"), "range-test",
                LocalDateTime.of(2026, 11, 28, 23, 15, 0));
        assertEquals(dir.resolve("runs/range-test-20261128-231500"), path);
    }

    @Test
    void defaultPathAddsCounterWhenTaken() throws IOException {
        LocalDateTime time = LocalDateTime.of(2026, 1, 2, 3, 4, 5);
        Files.createDirectories(dir.resolve("search-20260102-030405"));
        Files.createDirectories(dir.resolve("search-20260102-030405-2"));
        assertEquals(dir.resolve("search-20260102-030405-3"), OutputDirectory.defaultPath(dir, "search", time));
    }

    @Test
    void defaultPathRejectsOddKind() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutputDirectory.defaultPath(dir, "Range Test", LocalDateTime.now()));
        assertEquals("expected a run kind like 'range-test', found 'Range Test'", e.getMessage());
    }
}
