package dev.lrlab.rangetest.batch;

import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.run.RunSpec;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * How the process that runs one range test of a batch (this JVM, or a cluster task) makes its spec and sweep. A
 * {@link RunSpec} holds paths and reads the model's compile settings when built, so it does not travel; the recipe does
 * (it is {@link Serializable}), and is asked again where the test runs, once the model is on that machine's disk. The
 * data file is read where the test runs, at the path the spec names: make it absolute, on storage every machine reads.
 */
public interface RangeTestRecipe extends Serializable {

    /**
     * @param model the SavedModel folder on this machine's disk
     * @return the test's model, data and optimizer
     */
    RunSpec spec(Path model);

    /**
     * @param spec what {@link #spec} returned
     * @return the sweep
     */
    RangeTestConfig config(RunSpec spec);
}
