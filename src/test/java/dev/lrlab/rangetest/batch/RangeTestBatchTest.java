package dev.lrlab.rangetest.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a batch names its tests' folders. */
class RangeTestBatchTest {

    private static List<Path> paths(String... names) {
        return java.util.Arrays.stream(names).map(Path::of).toList();
    }

    @Test
    void oneDataFileNamesEachFolderAfterItsModel() {
        assertEquals(List.of("iris-mlp", "digits-mlp"), RangeTestBatch.folderNames(paths("models/iris-mlp",
                "models/digits-mlp/"), paths("data.csv")));
    }

    @Test
    void severalDataFilesAddTheFileNameWithoutItsExtensionModelsFirst() {
        assertEquals(List.of("a-x", "a-y.part", "b-x", "b-y.part"), RangeTestBatch.folderNames(paths("m/a", "m/b"),
                paths("d/x.csv", "d/y.part.npy")));
    }

    @Test
    void aNameTakenAlreadyGetsTheNextFreeNumber() {
        // the second "model" would be model-2, which a folder of that name already took: it is model-3
        assertEquals(List.of("model", "model-2", "model-3"), RangeTestBatch.folderNames(paths("a/model", "model-2",
                "b/model"), paths("data.csv")));
        assertEquals(List.of("Model", "model-2"), RangeTestBatch.folderNames(paths("a/Model", "b/model"),
                paths("data.csv")), "names that differ only in case collide on case-insensitive file systems");
    }

    @Test
    void charactersAFolderNameShouldNotHoldBecomeUnderscores() {
        assertEquals(List.of("my_model__v1_", "_hidden", "range-tests.csv-2"), RangeTestBatch.folderNames(
                paths("my model (v1)", ".hidden", "range-tests.csv"), paths("data.csv")));
    }
}
