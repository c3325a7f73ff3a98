package dev.lrlab.run;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lrlab.data.DataSpec;
import dev.lrlab.data.Dataset;
import dev.lrlab.data.Split;
import dev.lrlab.model.SavedModel;
import dev.lrlab.train.StepEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What {@link PreparedRun} opened before its constructor threw is closed: the step engine (its graph and
 * session). The model, engine and split are mocks, so the test sees each close and can make the constructor
 * fail where a real run would only fail on a full heap.
 */
class PreparedRunCleanupTest {
    @Test
    void aConstructorThatRunsOutOfMemoryClosesTheEngine() {
        RunSpec spec = RunSpec.builder().setModel(Path.of("models/digits-mlp"))
                .setData(DataSpec.csv(Path.of("data-samples/digits.csv"), "label")).build();
        SavedModel model = mock(SavedModel.class);
        StepEngine engine = mock(StepEngine.class);
        Split split = mock(Split.class);
        when(split.train()).thenThrow(new OutOfMemoryError("Java heap space")); // the batch buffer's allocation

        assertThrows(OutOfMemoryError.class, () -> PreparedRun.create(spec, model, mock(Dataset.class), split, engine));
        verify(engine).close();
        verify(model, never()).close(); // open() loaded it and closes it
    }
}
