package dev.lrlab.search;

import dev.lrlab.run.PreparedRun;
/**
 * Hears about a coarse-to-fine search as it goes. The search calls it from one thread at a time (under a
 * lock), so an implementation need not be thread-safe; with {@code parallel > 1} trials are reported in the
 * order they finish, which is not the order of their rates.
 */
public interface SearchListener {
    /** A listener that ignores everything. */
    SearchListener NONE = new SearchListener() { };

    /**
     * @param stage the stage about to run
     * @param rates its learning rates, ascending, without rates an earlier stage already tried
     */
    default void onStage(SearchStage stage, double[] rates) {
    }

    /**
     * Called once, when the first copy of the model is loaded and its training step built, before any trial.
     *
     * @param run the loaded run: its loss and optimizer settings ({@link PreparedRun#lossSetting()},
     *     {@link PreparedRun#compileSettingsMap()}); do not step it
     */
    default void onPrepared(PreparedRun run) {
    }

    /** @param trial a trial that just finished */
    default void onTrial(TrialResult trial) {
    }
}
