package dev.lrlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {
    @TempDir
    Path dir;

    @Test
    void opensPlainAndGzippedContentAlike() throws IOException {
        byte[] content = TestData.bytes(1, 2, 3, 4, 5);
        Path plain = TestData.write(dir.resolve("plain"), content);
        Path packed = TestData.write(dir.resolve("packed"), TestData.gzip(content));
        for (Path p : new Path[] {plain, packed}) {
            try (InputStream in = DataFiles.openMaybeGzipped(p)) {
                assertArrayEquals(content, in.readAllBytes());
            }
            assertArrayEquals(TestData.bytes(1, 2, 3), DataFiles.contentHead(p, 3));
        }
        assertTrue(DataFiles.isGzip(DataFiles.head(packed, 2)));
        assertFalse(DataFiles.isGzip(DataFiles.head(plain, 2)));
        assertFalse(DataFiles.isGzip(new byte[] {0x1f}));
    }

    @Test
    void missingFilesAndDirectoriesAreDataErrors() {
        LrlabException missing = assertThrows(LrlabException.class,
                () -> DataFiles.requireReadableFile(dir.resolve("no"), "labels file"));
        assertEquals(LrlabException.Kind.DATA, missing.kind());
        assertTrue(missing.getMessage().startsWith("labels file not found: " + dir.resolve("no")));
        LrlabException folder = assertThrows(LrlabException.class,
                () -> DataFiles.requireReadableFile(dir, "data file"));
        assertEquals("data file " + dir + " is a directory; expected a file", folder.getMessage());
    }
}
