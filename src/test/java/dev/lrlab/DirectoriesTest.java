package dev.lrlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {
    @TempDir
    Path dir;

    @Test
    void movesANewFolderWhereNothingWas() throws IOException {
        Path finished = Files.createDirectory(dir.resolve(".model.tmp"));
        Files.writeString(finished.resolve("saved_model.pb"), "new");
        Directories.moveIntoPlace(finished, dir.resolve("model"));
        assertEquals(List.of(dir.resolve("model")), list(dir));
        assertEquals("new", Files.readString(dir.resolve("model/saved_model.pb")));
    }

    @Test
    void replacesAnExistingFolderAndLeavesNothingOfTheOldOne() throws IOException {
        Path target = Files.createDirectories(dir.resolve("model/variables"));
        Files.writeString(target.resolve("variables.index"), "old");
        Path finished = Files.createDirectory(dir.resolve(".model.tmp"));
        Files.writeString(finished.resolve("saved_model.pb"), "new");
        Directories.moveIntoPlace(finished, dir.resolve("model"));
        assertEquals(List.of(dir.resolve("model")), list(dir));
        assertEquals(List.of(dir.resolve("model/saved_model.pb")), list(dir.resolve("model")));
    }

    @Test
    void deleteRecursivelyRemovesATreeAndIgnoresAMissingPath() throws IOException {
        Directories.deleteRecursively(dir.resolve("nothing"));
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/b/c.txt"), "x");
        Directories.deleteRecursively(dir.resolve("a"));
        assertEquals(List.of(), list(dir));
    }

    @Test
    void deleteQuietlyRemovesATreeAndAcceptsNullOrMissing() throws IOException {
        Directories.deleteQuietly(null);
        Directories.deleteQuietly(dir.resolve("nothing"));
        Files.createDirectories(dir.resolve("a/b"));
        Directories.deleteQuietly(dir.resolve("a"));
        assertFalse(Files.exists(dir.resolve("a")));
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }
}
