package dev.lrlab.search;

import dev.lrlab.run.RunSpec;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * How a process other than the search's own (a cluster task) makes the spec and settings of a trial. A
 * {@link RunSpec} holds paths and reads the model's compile settings when built, so it does not travel; the recipe
 * does (it is {@link Serializable}), and is asked again where the trial runs, once the model is on that machine's disk.
 * Data files are read where the trial runs, at the paths the spec names: make them absolute, on storage every
 * machine reads.
 */
public interface TrialRecipe extends Serializable {

    /**
     * @param model the SavedModel folder on this machine's disk
     * @return the trial's model, data and optimizer, the same as the search's own apart from the model's path
     */
    RunSpec spec(Path model);

    /**
     * @param spec what {@link #spec} returned
     * @return the search settings
     */
    SearchConfig config(RunSpec spec);
}
