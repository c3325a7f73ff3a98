package dev.lrlab.model.inline;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Locates the shared SavedModel fixtures; tests that need them are skipped when they are absent. */
final class Fixtures {
    private Fixtures() {
    }

    static Path dir() {
        for (String candidate : List.of("../shared/fixtures", "../../shared/fixtures", "/work/shared/fixtures")) {
            Path path = Path.of(candidate);
            if (Files.isDirectory(path)) {
                return path.toAbsolutePath().normalize();
            }
        }
        assumeTrue(false, "shared fixtures not found");
        return null;
    }

    static Path model(String name) {
        Path path = dir().resolve(name);
        assumeTrue(Files.isDirectory(path), "fixture " + name + " not found");
        return path;
    }
}
