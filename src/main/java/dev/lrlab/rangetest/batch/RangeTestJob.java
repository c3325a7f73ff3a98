package dev.lrlab.rangetest.batch;

import java.io.Serializable;
import java.util.Objects;

/**
 * One range test of a batch as it travels to the process that runs it.
 *
 * @param modelUri where that process reads the model: a path every machine has, or a URI of a file system the engine
 *     reads (the task copies the folder to its local disk first)
 * @param recipe how that process makes the test's spec and sweep
 */
public record RangeTestJob(String modelUri, RangeTestRecipe recipe) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Checks for nulls. */
    public RangeTestJob {
        Objects.requireNonNull(modelUri, "modelUri");
        Objects.requireNonNull(recipe, "recipe");
    }
}
