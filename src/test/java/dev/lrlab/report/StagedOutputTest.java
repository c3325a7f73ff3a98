package dev.lrlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedOutputTest {
    @TempDir
    Path dir;

    @Test
    void aNewTargetIsTheStagingFolderRenamed() throws IOException {
        Path target = dir.resolve("runs/range-test");
        StagedOutput out = StagedOutput.folder(target, false, "outDir");
        assertEquals(dir.resolve("runs"), out.dir().getParent());
        assertTrue(out.dir().getFileName().toString().matches("range-test\\.partial-\\d{8}-\\d{6}"), out.dir().toString());
        Files.writeString(out.resolve("range-test.csv"), "step,lr,loss\n0,0.1,2\n");
        Files.createDirectory(out.resolve("trials"));
        Files.writeString(out.resolve("trials/a.csv"), "x\n");
        out.commit();
        assertEquals(List.of(target), list(dir.resolve("runs")), "nothing but the target is left");
        assertEquals("step,lr,loss\n0,0.1,2\n", Files.readString(target.resolve("range-test.csv")));
        assertEquals("x\n", Files.readString(target.resolve("trials/a.csv")));
    }

    @Test
    void writeFolderCommitsWhatItsBodyWroteAndLeavesTheTargetAsItWasWhenTheBodyFails() throws IOException {
        Path target = Files.createDirectories(dir.resolve("out"));
        Files.writeString(target.resolve("summary.json"), "old");
        IllegalStateException failure = new IllegalStateException("plot failed");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> StagedOutput.writeFolder(target, true,
                "outDir", out -> {
                    try {
                        Files.writeString(out.resolve("summary.json"), "new");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    throw failure;
                }));
        assertTrue(thrown.getMessage().contains("plot failed"), thrown.getMessage());
        assertEquals("old", Files.readString(target.resolve("summary.json")), "a failed write leaves the old file");

        assertEquals(target, StagedOutput.writeFolder(target, true, "outDir", out -> {
            try {
                Files.writeString(out.resolve("summary.json"), "new");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        assertEquals("new", Files.readString(target.resolve("summary.json")));
    }

    @Test
    void withForceEachFileReplacesItsNamesakeAndOtherFilesStay() throws IOException {
        Path target = Files.createDirectories(dir.resolve("out/trials"));
        Files.writeString(dir.resolve("out/summary.json"), "old");
        Files.writeString(dir.resolve("out/notes.txt"), "mine");
        Files.writeString(dir.resolve("out/trials/old.csv"), "old trial");
        StagedOutput out = StagedOutput.folder(dir.resolve("out"), true, "outDir");
        Files.writeString(out.resolve("summary.json"), "new");
        Files.createDirectory(out.resolve("trials"));
        Files.writeString(out.resolve("trials/new.csv"), "new trial");
        out.commit();
        assertEquals("new", Files.readString(dir.resolve("out/summary.json")));
        assertEquals("mine", Files.readString(dir.resolve("out/notes.txt")));
        assertEquals("old trial", Files.readString(target.resolve("old.csv")));
        assertEquals("new trial", Files.readString(target.resolve("new.csv")));
        assertEquals(List.of(dir.resolve("out")), list(dir));
    }

    @Test
    void aFolderThatHoldsFilesNeedsForceAndAFileIsNoFolder() throws IOException {
        Path used = Files.createDirectories(dir.resolve("used"));
        Files.writeString(used.resolve("a.csv"), "a");
        LrlabException e = assertThrows(LrlabException.class, () -> StagedOutput.folder(used, false, "outDir"));
        assertEquals(LrlabException.Kind.OUTPUT, e.kind());
        assertEquals(used + " exists; pass `force` to overwrite or choose another `outDir`", e.getMessage());
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertEquals(file + " exists and is not a directory; choose another `outDir`",
                assertThrows(LrlabException.class, () -> StagedOutput.folder(file, true, "outDir")).getMessage());
        assertEquals("cannot write " + file.resolve("sub/run") + ": " + file + " is a file, not a folder; choose another "
                + "`outDir`", assertThrows(LrlabException.class, () -> StagedOutput.folder(file.resolve("sub/run"), true,
                "outDir")).getMessage());
        assertEquals(List.of(file, used), list(dir), "nothing was created");
    }

    /** Running as root, permission bits prove nothing; a path in /proc cannot be written by anyone. */
    @Test
    void anUnwritableLocationIsRefusedBeforeAnyWork() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        LrlabException e = assertThrows(LrlabException.class,
                () -> StagedOutput.folder(Path.of("/proc/self/lrlab-out"), false, "outDir"));
        assertEquals(LrlabException.Kind.OUTPUT, e.kind());
        assertTrue(e.getMessage().startsWith("cannot write in /proc/self: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; choose another `outDir`"), e.getMessage());
    }

    @Test
    void anUnwritableFolderIsRefusedWhenNotRoot() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE));
        try {
            Assumptions.assumeFalse(Files.isWritable(locked), "running as root: permission bits do not stop writes");
            assertThrows(LrlabException.class, () -> StagedOutput.folder(locked.resolve("run"), false, "outDir"));
        } finally {
            Files.setPosixFilePermissions(locked, Set.of(PosixFilePermission.values()));
        }
    }

    @Test
    void abandoningKeepsAFolderWithRowsAndNamesIt() throws IOException {
        StagedOutput out = StagedOutput.folder(dir.resolve("run"), false, "outDir");
        Files.writeString(out.resolve("curve.csv"), "step,loss\n0,2.5\n");
        RuntimeException e = out.abandon(new LrlabException(LrlabException.Kind.DIVERGED, "the loss became NaN at step 1"));
        assertEquals("the loss became NaN at step 1 (partial results in " + out.dir() + ")", e.getMessage());
        assertEquals(LrlabException.Kind.DIVERGED, ((LrlabException) e).kind());
        assertTrue(out.kept());
        assertEquals(List.of(out.dir()), list(dir), "the target is not created");
    }

    @Test
    void abandoningDeletesAFolderWithoutRows() throws IOException {
        StagedOutput out = StagedOutput.folder(dir.resolve("run"), false, "outDir");
        Files.writeString(out.resolve("curve.csv"), "step,loss\n");
        LrlabException failure = LrlabException.data("bad cell");
        assertSame(failure, out.abandon(failure));
        assertFalse(out.kept());
        assertEquals(List.of(), list(dir));
    }

    @Test
    void namedFilesOnlyCountAndLandBesideEachOther() throws IOException {
        Path curve = dir.resolve("c.csv");
        Path summary = dir.resolve("c.summary.json");
        Files.writeString(dir.resolve("other.csv"), "not ours");
        Files.writeString(summary, "old");
        assertEquals(summary + " exists; pass `force` to overwrite it or choose another name",
                assertThrows(LrlabException.class, () -> StagedOutput.files(List.of(curve, summary), false)).getMessage());
        StagedOutput out = StagedOutput.files(List.of(curve, summary), true);
        assertEquals(dir.resolve("c.partial-"), out.dir().resolveSibling(out.dir().getFileName().toString()
                .replaceAll("\\d{8}-\\d{6}$", "")));
        Files.writeString(out.staged(curve), "lr,loss\n");
        Files.writeString(out.staged(summary), "new");
        out.commit();
        assertEquals("new", Files.readString(summary));
        assertEquals("lr,loss\n", Files.readString(curve));
        assertEquals(List.of(curve, summary, dir.resolve("other.csv")), list(dir));
    }

    @Test
    void writtenFilesGetThePermissionsOfAnyNewFile() throws IOException {
        Path reference = Files.createFile(dir.resolve("reference"));
        Path referenceDir = Files.createDirectory(dir.resolve("reference-dir"));
        StagedOutput out = StagedOutput.folder(dir.resolve("run"), false, "outDir");
        new SummaryWriter().write(out.dir(), java.util.Map.of("a", 1), false);
        out.commit();
        assertEquals(Files.getPosixFilePermissions(referenceDir), Files.getPosixFilePermissions(dir.resolve("run")));
        assertEquals(Files.getPosixFilePermissions(reference),
                Files.getPosixFilePermissions(dir.resolve("run/summary.json")));
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }
}
