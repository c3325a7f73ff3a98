package dev.lrlab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies a folder (a bundled model) so that a test can change or break the copy. */
public final class TestFolders {
    private TestFolders() {
    }

    /**
     * @param from the folder to copy
     * @param to where the copy goes; created, with every subfolder and file of {@code from}
     * @return {@code to}
     */
    public static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }
}
