package dev.lrlab.report;

import dev.lrlab.LrlabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesBytesAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("a.bin");
        AtomicFiles.write(target, new byte[] {1, 2, 3}, false);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals(List.of(target), list(dir));
    }

    @Test
    void writesStringAsUtf8() throws IOException {
        Path target = dir.resolve("a.txt");
        AtomicFiles.writeString(target, "loss ≈ 0.5\n", false);
        assertArrayEquals("loss ≈ 0.5\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
    }

    @Test
    void refusesExistingFileWithoutForce() throws IOException {
        Path target = dir.resolve("a.txt");
        Files.writeString(target, "old");
        LrlabException e = assertThrows(LrlabException.class, () -> AtomicFiles.writeString(target, "new", false));
        assertEquals(LrlabException.Kind.OUTPUT, e.kind());
        assertEquals(target + " exists; pass `force` to overwrite or choose another file",
                e.getMessage());
        assertEquals("old", Files.readString(target));
    }

    @Test
    void replacesExistingFileWithForce() throws IOException {
        Path target = dir.resolve("a.txt");
        Files.writeString(target, "old");
        AtomicFiles.writeString(target, "new", true);
        assertEquals("new", Files.readString(target));
        assertEquals(List.of(target), list(dir));
    }

    @Test
    void failedWriterKeepsOldContentAndRemovesTemporaryFile() throws IOException {
        Path target = dir.resolve("a.txt");
        Files.writeString(target, "old");
        LrlabException e = assertThrows(LrlabException.class, () -> AtomicFiles.write(target, true, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals(LrlabException.Kind.WRITE_FAILED, e.kind());
        assertEquals("cannot write a.txt in " + dir + ": IOException disk full; check the disk and that the folder is "
                + "writable", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), list(dir));
    }

    /** /dev/full fails every write with ENOSPC, which Java reports as "No space left on device". */
    @Test
    void aFullDiskIsAWriteFailureNamingTheFolderAndTheFile() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")), "needs /dev/full");
        Path target = dir.resolve("summary.json");
        LrlabException e = assertThrows(LrlabException.class, () -> AtomicFiles.write(target, false, out -> {
            try (var full = Files.newOutputStream(Path.of("/dev/full"), java.nio.file.StandardOpenOption.WRITE)) {
                full.write("{}".getBytes(StandardCharsets.UTF_8));
            }
        }));
        assertEquals(LrlabException.Kind.WRITE_FAILED, e.kind());
        assertEquals("no space left on device in " + dir + " while writing summary.json; free space or choose another "
                + "output location", e.getMessage());
        assertEquals(List.of(), list(dir), "the temporary file is removed");
    }

    /**
     * The same ENOSPC where there is no /dev/full: a writer (a Mockito mock) that writes half a file, then fails
     * as FileOutputStream does on a full disk. The writer is called once (no retry) and an older file survives.
     */
    @Test
    void aWriterFailingWithNoSpaceLeftKeepsTheOldFileAndIsNotRetried() throws IOException {
        Path target = dir.resolve("range-test.csv");
        Files.writeString(target, "old rows");
        AtomicFiles.StreamWriter writer = mock(AtomicFiles.StreamWriter.class);
        doAnswer(call -> {
            call.<OutputStream>getArgument(0).write("step,lr\n".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        }).when(writer).writeTo(any());

        LrlabException e = assertThrows(LrlabException.class, () -> AtomicFiles.write(target, true, writer));
        assertEquals(LrlabException.Kind.WRITE_FAILED, e.kind());
        assertEquals("no space left on device in " + dir + " while writing range-test.csv; free space or choose "
                + "another output location", e.getMessage());
        verify(writer, times(1)).writeTo(any());
        assertEquals("old rows", Files.readString(target));
        assertEquals(List.of(target), list(dir), "the temporary file is removed");
    }

    @Test
    void temporaryFilesGetThePermissionsOfAnyNewFile() throws IOException {
        Path reference = Files.createFile(dir.resolve("reference"));
        Path target = dir.resolve("a.txt");
        AtomicFiles.write(target, false, out -> assertEquals(Files.getPosixFilePermissions(reference),
                Files.getPosixFilePermissions(onlyTemporary())));
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(target));
    }

    private Path onlyTemporary() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).findFirst().orElseThrow();
        }
    }

    @Test
    void missingParentIsAWriteFailure() {
        Path target = dir.resolve("missing/a.txt");
        LrlabException e = assertThrows(LrlabException.class, () -> AtomicFiles.writeString(target, "x", false));
        assertEquals(LrlabException.Kind.WRITE_FAILED, e.kind());
        assertTrue(e.getMessage().startsWith("cannot write a.txt in " + dir.resolve("missing") + ": "), e.getMessage());
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }
}
