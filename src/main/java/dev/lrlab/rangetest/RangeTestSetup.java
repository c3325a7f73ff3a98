package dev.lrlab.rangetest;

import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import java.util.Map;
import java.util.Objects;

/**
 * What a range test ran on, kept with its {@link RangeTestResult} so that {@link RangeTestOutputs} writes the same
 * curve, plot and summary as the command line from the result alone.
 *
 * @param spec the run the test was made on
 * @param config the sweep
 * @param compileSettings the run's loss and optimizer settings with their sources ({@link PreparedRun#compileSettingsMap()})
 * @param accuracy whether the model's objective measures accuracy (a classifier): the curve then has a
 *                 {@code val_accuracy} column when the validation loss is measured
 */
public record RangeTestSetup(RunSpec spec, RangeTestConfig config, Map<String, Object> compileSettings, boolean accuracy) {

    /** Checks for nulls and copies the settings. */
    public RangeTestSetup {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(config, "config");
        compileSettings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(compileSettings));
    }

    /**
     * @param run the prepared run
     * @param config the sweep
     * @return the setup of a test of {@code config} on {@code run}
     */
    public static RangeTestSetup of(PreparedRun run, RangeTestConfig config) {
        return new RangeTestSetup(run.spec(), config, run.compileSettingsMap(),
                run.engine().objective().accuracy().isPresent());
    }
}
