package dev.lrlab.search;

import dev.lrlab.model.VariableSnapshot;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopSignal;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the trials of a coarse-to-fine search run: on copies of the model in this JVM (the default,
 * {@link CoarseToFineSearch#run(RunSpec, SearchConfig, SearchListener, StopSignal)}), or as tasks of
 * a cluster engine (the Spark build's {@code dev.lrlab.spark.SparkTrials}). The search plans the stages; an executor
 * only runs the rates it is given. Every trial must start from the model's initial weights with fresh optimizer
 * slots and see the same batches, so that where it ran does not change its result ({@link #trial}).
 */
public interface TrialExecutor extends AutoCloseable {

    /**
     * Runs the trials of one stage.
     *
     * @param stage the stage
     * @param rates its learning rates, ascending
     * @param finished told about each trial as it finishes (from one thread at a time), in the order they finish
     * @param stop when set, trials not yet finished are abandoned
     * @return one entry per rate, in the order of {@code rates}; an entry is empty when the stop came before that trial
     *     finished. A trial that could not run is a {@link TrialResult#failed failed} result, not an exception, when
     *     the executor can tell (a cluster task that failed); the search goes on without it
     */
    List<Optional<TrialResult>> runStage(SearchStage stage, double[] rates, Consumer<TrialResult> finished,
            StopSignal stop);

    /** Frees the executor's models or cluster resources. */
    @Override
    void close();

    /**
     * Runs one trial on a model of its own: loads it, takes the trial's steps, closes it. This is what a remote
     * executor's task does; the result is bit for bit the one a local search gets for the same rate, since a local
     * trial also starts from the loaded weights and fresh slots.
     *
     * @param spec the model, data and optimizer (the model at a path this process can read)
     * @param config the search settings
     * @param stage the trial's stage
     * @param lr its rate
     * @return the trial
     * @throws dev.lrlab.LrlabException when the model or the data cannot be read
     */
    static TrialResult trial(RunSpec spec, SearchConfig config, SearchStage stage, double lr) {
        try (PreparedRun run = PreparedRun.open(spec, config.dataFraction());
                VariableSnapshot initial = run.snapshot()) {
            return SearchTrial.run(run, initial, stage, lr, config, () -> false).orElseThrow();
        }
    }
}
