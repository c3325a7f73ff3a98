package dev.lrlab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Locates the shared SavedModel fixtures ({@code ../shared/fixtures} beside the project); tests that need
 * them are skipped when they are absent.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** @return the fixtures folder, if it is beside this checkout */
    public static Optional<Path> find() {
        for (String candidate : List.of("../shared/fixtures", "../../shared/fixtures")) {
            Path path = Path.of(candidate);
            if (Files.isDirectory(path)) {
                return Optional.of(path.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /** @return the fixtures folder; the test is skipped when it is absent */
    public static Path dir() {
        Optional<Path> dir = find();
        assumeTrue(dir.isPresent(), "shared fixtures not found beside the project");
        return dir.get();
    }

    /**
     * @param name a fixture's folder or file name
     * @return its path; the test is skipped when it is absent
     */
    public static Path shared(String name) {
        Path path = dir().resolve(name);
        assumeTrue(Files.exists(path), "shared fixture " + name + " not found");
        return path;
    }

    /**
     * A model from the local corpus of real SavedModels ({@code ../corpus} beside the project: models found in
     * public repositories and kept outside it, each folder with the source's commit and licence); the test is
     * skipped when it is absent.
     *
     * @param name a path inside the corpus
     * @return its path
     */
    public static Path corpus(String name) {
        for (String candidate : List.of("../corpus", "../../corpus")) {
            Path path = Path.of(candidate).resolve(name);
            if (Files.exists(path)) {
                return path.toAbsolutePath().normalize();
            }
        }
        assumeTrue(false, "corpus model " + name + " not found beside the project");
        throw new IllegalStateException("unreachable");
    }

    /** Same as {@link #shared(String)}, for model folders. */
    public static Path model(String name) {
        return shared(name);
    }
}
