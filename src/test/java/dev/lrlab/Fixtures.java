package dev.lrlab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared SavedModel fixtures ({@code ../shared/fixtures} beside the project) and bundled files. */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * @param name a fixture's folder or file name
     * @return its path; the test is skipped when the shared fixtures are not beside this checkout
     */
    public static Path shared(String name) {
        for (String root : new String[] {"../shared/fixtures", "../../shared/fixtures", "/work/shared/fixtures"}) {
            Path candidate = Path.of(root, name);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "shared fixture " + name + " not found beside the project");
        return null;
    }
}
