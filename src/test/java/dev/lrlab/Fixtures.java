package dev.lrlab;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Locates the data that lives outside the project: the shared SavedModel fixtures ({@code ../shared/fixtures}
 * beside the project), the local corpus ({@code ../corpus}) and Debian's Fashion-MNIST files. Every test that
 * needs one of them goes through {@link #require}: in a developer's clone without them the test is skipped;
 * where the system property {@value #REQUIRE_PROPERTY} names the set (a comma-separated list of
 * {@value #SHARED}, {@value #FASHION_MNIST}, {@value #CORPUS}; {@code .ci/run} sets it through the
 * {@code LRLAB_REQUIRE_FIXTURES} environment variable and the pom), the test fails instead and names what is
 * missing, so a CI run cannot pass by skipping.
 */
public final class Fixtures {
    /** The system property listing the fixture sets whose absence fails a test instead of skipping it. */
    public static final String REQUIRE_PROPERTY = "lrlab.requireFixtures";
    /** The shared SavedModels in {@code ../shared/fixtures}. */
    public static final String SHARED = "shared";
    /** Debian's dataset-fashion-mnist files. */
    public static final String FASHION_MNIST = "fashion-mnist";
    /** The local corpus of real SavedModels in {@code ../corpus}. */
    public static final String CORPUS = "corpus";
    /** Where Debian's dataset-fashion-mnist installs its IDX files. */
    public static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private Fixtures() {
    }

    /**
     * @return the fixture sets named by {@value #REQUIRE_PROPERTY}; empty when it is unset or blank
     */
    public static Set<String> required() {
        String value = System.getProperty(REQUIRE_PROPERTY, "");
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Skips the running test when {@code present} is false, or fails it when {@code set} is required.
     *
     * @param set one of {@value #SHARED}, {@value #FASHION_MNIST}, {@value #CORPUS}
     * @param present whether the data the test needs is there
     * @param what what is missing, in words that name the path
     */
    public static void require(String set, boolean present, String what) {
        if (present) {
            return;
        }
        if (required().contains(set)) {
            fail(what + " (required: " + REQUIRE_PROPERTY + "=" + System.getProperty(REQUIRE_PROPERTY) + ")");
        }
        assumeTrue(false, what);
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

    /** @return the fixtures folder; the test is skipped (or fails, see {@link #require}) when it is absent */
    public static Path dir() {
        Optional<Path> dir = find();
        require(SHARED, dir.isPresent(), "shared fixtures not found at ../shared/fixtures beside the project ("
                + Path.of("").toAbsolutePath() + ")");
        return dir.get();
    }

    /**
     * @param name a fixture's folder or file name
     * @return its path; the test is skipped (or fails, see {@link #require}) when it is absent
     */
    public static Path shared(String name) {
        Path path = dir().resolve(name);
        require(SHARED, Files.exists(path), "shared fixture " + path + " not found");
        return path;
    }

    /**
     * A model from the local corpus of real SavedModels ({@code ../corpus} beside the project: models found in
     * public repositories and kept outside it, each folder with the source's commit and licence); the test is
     * skipped (or fails, see {@link #require}) when it is absent.
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
        require(CORPUS, false, "corpus model ../corpus/" + name + " not found beside the project");
        throw new IllegalStateException("unreachable");
    }

    /**
     * @param name a file of Debian's dataset-fashion-mnist, e.g. {@code t10k-images-idx3-ubyte.gz}
     * @return its path; the test is skipped (or fails, see {@link #require}) when it is absent
     */
    public static Path fashionMnist(String name) {
        Path path = FASHION_MNIST_DIR.resolve(name);
        require(FASHION_MNIST, Files.isRegularFile(path),
                path + " not found (install Debian's dataset-fashion-mnist)");
        return path;
    }

    /** Same as {@link #shared(String)}, for model folders. */
    public static Path model(String name) {
        return shared(name);
    }
}
