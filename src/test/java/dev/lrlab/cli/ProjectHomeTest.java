package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrlab.LrlabException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectHomeTest {
    @Test
    void withoutThePropertyTheCurrentDirectoryIsTheHome() {
        // Maven runs tests in the project root, where models/ and data-samples/ are.
        assertEquals(Path.of(""), ProjectHome.resolve(null));
        assertEquals(Path.of(""), ProjectHome.resolve(" "));
    }

    @Test
    void thePropertyNamesTheHome() {
        Path root = Path.of("").toAbsolutePath();
        assertEquals(root, ProjectHome.resolve(root.toString()));
    }

    @Test
    void aHomeWithoutTheBundledFilesIsAnErrorThatSaysWhatToDo(@TempDir Path dir) {
        LrlabException e = assertThrows(LrlabException.class, () -> ProjectHome.resolve(dir.toString()));
        assertEquals(LrlabException.Kind.SETTING, e.kind());
        assertEquals("the bundled models/digits-mlp and data-samples/digits.csv are not in " + dir + "; run from the "
                + "lrlab folder, set -Dlrlab.home=DIR, or pass MODEL_DIR --data FILE --label COLUMN", e.getMessage());
    }
}
