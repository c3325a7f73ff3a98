package dev.lrlab.search;

import dev.lrlab.LrlabException;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopSignal;
import dev.lrlab.run.TrainingSubset;
import dev.lrlab.train.OptimizerKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Coarse-to-fine learning-rate search: short training runs ("trials") at constant rates, first across whole
 * decades, then between the best coarse rate's neighbours, optionally once more around the best fine rate
 * (rates: {@link SearchGrid}). Every trial starts from the same initial weights with fresh optimizer slots
 * and sees the same batches in the same order, on the same deterministic share of the training rows
 * ({@link TrainingSubset}); only its rate differs. A trial is stopped early when its loss diverges
 * ({@link TrialResult.Divergence}). Trials are ranked by {@link SearchConfig#metric()}; diverged trials rank
 * last. A rate an earlier stage already tried is not run again.
 *
 * <h2>Parallel trials</h2>
 * With {@code parallel = N} the model is loaded N times, each copy with its own graph and session
 * (sessions are not shared between threads), and every copy is set to the first copy's initial
 * variables and slots. Each trial runs on one copy, from start to end. Results are the same as with
 * {@code parallel = 1}: a trial's arithmetic depends only on its copy's graph, its starting values and its
 * batches, which are identical for every copy; TensorFlow's CPU kernels split their work by the size of
 * the thread pool, not by the load, so running sessions side by side does not change the summation order.
 * The tests check this bit for bit on the bundled digits model. On a GPU ({@link RunSpec#device()}) every copy is
 * placed on that one GPU, each session taking its memory as it needs it: TensorFlow fixes which GPUs a process's
 * sessions see once per process, so copies in one JVM cannot be spread over several GPUs ({@code GpuTest} checks the
 * trials there against a sequential search, with {@code TF_DETERMINISTIC_OPS=1}). To spread them, run the search on
 * {@link WorkerTrials}: one worker process per GPU, trial k on GPU k mod G ({@link dev.lrlab.device.DeviceSpread}).
 *
 * <h2>Other executors</h2>
 * The stages are planned here; the trials of a stage can run elsewhere through a {@link TrialExecutor}
 * (the Spark build runs each as a Spark task that loads the model itself). Such a trial starts from the loaded
 * weights with fresh slots, like a local one, so its result is the same bit for bit.
 */
public final class CoarseToFineSearch {
    private CoarseToFineSearch() {
    }

    /**
     * Runs the search with its trials in this JVM ({@code parallel} copies of the model).
     *
     * @param spec the model, data and optimizer
     * @param config the search settings
     * @param listener hears about stages and finished trials
     * @param stop checked before every step of every trial; when set, the finished trials are returned
     * @return the trials and the best one
     * @throws LrlabException for bad data or a bad model, or when {@code val_loss} is asked for without
     *                        validation rows; (USAGE) for a hypergradient optimizer, whose rate is not the trial's
     */
    public static SearchResult run(RunSpec spec, SearchConfig config, SearchListener listener, StopSignal stop) {
        check(spec, config);
        try (LocalTrials trials = LocalTrials.open(spec, config, listener)) {
            return new Stages(config, trials, listener, stop).run();
        }
    }

    /**
     * Runs the search with its trials on another executor (e.g. a cluster's tasks). The model is loaded here once
     * first, to check it and the data before any trial is sent, and to tell the listener
     * ({@link SearchListener#onPrepared}); then the stages run as in the local search, each trial by {@code trials}.
     * A trial the executor reports as {@link TrialResult#failed failed} is kept in the result, ranked last, and the
     * search goes on.
     *
     * @param spec the model, data and optimizer, as this process reads them
     * @param config the search settings ({@code parallel} is the executor's business and is not used here)
     * @param trials where the trials run; not closed here
     * @param listener hears about stages and finished trials
     * @param stop passed to the executor; when set, the finished trials are returned
     * @return the trials and the best one
     * @throws LrlabException as {@link #run(RunSpec, SearchConfig, SearchListener, StopSignal)}
     */
    public static SearchResult run(RunSpec spec, SearchConfig config, TrialExecutor trials, SearchListener listener,
            StopSignal stop) {
        check(spec, config);
        try (PreparedRun first = PreparedRun.open(spec, config.dataFraction())) {
            listener.onPrepared(first);
        }
        return new Stages(config, trials, listener, stop).run();
    }

    private static void check(RunSpec spec, SearchConfig config) {
        OptimizerKind kind = spec.optimizer().kind();
        if (kind.isHypergradient()) {
            throw LrlabException.usage("a search gives each trial a fixed rate, but the optimizer " + kind.cliName()
                    + " adapts its own, so trials would be ranked by rates never applied; use "
                    + kind.fixedRateKind().cliName() + ", or TrainRun for hypergradient descent");
        }
        if (config.metric() == SearchMetric.VAL_LOSS && spec.validationFraction() == 0) {
            throw LrlabException.usage("`metric` val_loss needs validation rows; give `validationFraction` above 0 or use "
                    + "`metric` loss");
        }
    }

    /** The stages of one search, sharing the executor and the trials found so far. */
    private static final class Stages {
        private final SearchConfig config;
        private final TrialExecutor executor;
        private final SearchListener listener;
        private final StopSignal stop;
        private final List<TrialResult> trials = new ArrayList<>();

        Stages(SearchConfig config, TrialExecutor executor, SearchListener listener, StopSignal stop) {
            this.config = config;
            this.executor = executor;
            this.listener = listener;
            this.stop = stop;
        }

        SearchResult run() {
            double coarseRatio = SearchGrid.coarseRatio(config.perDecade());
            if (!runStage(SearchStage.COARSE, SearchGrid.coarse(config.from(), config.to(), config.perDecade()))) {
                return result(SearchStage.COARSE);
            }
            Optional<TrialResult> best = SearchResult.bestOf(trials, config.metric());
            if (best.isEmpty()) {
                return result(null);
            }
            if (!runStage(SearchStage.FINE, SearchGrid.around(best.get().lr(), coarseRatio, config.finePoints()))) {
                return result(SearchStage.FINE);
            }
            if (config.thirdStage()) {
                double fineRatio = SearchGrid.refinedRatio(coarseRatio, config.finePoints());
                best = SearchResult.bestOf(trials, config.metric());
                if (!runStage(SearchStage.THIRD, SearchGrid.around(best.get().lr(), fineRatio, config.finePoints()))) {
                    return result(SearchStage.THIRD);
                }
            }
            return result(null);
        }

        private SearchResult result(SearchStage interruptedIn) {
            SearchResult.Builder result = SearchResult.builder().setConfig(config).optTrials(trials);
            SearchResult.bestOf(trials, config.metric()).ifPresent(result::optBest);
            if (interruptedIn != null) {
                result.optInterruption("interrupted by " + stop.reason() + " during the " + interruptedIn.label()
                        + " stage; the " + trials.size() + " finished trials are kept");
            }
            return result.build();
        }

        /** @return false when a stop was asked for before every trial of the stage finished */
        private boolean runStage(SearchStage stage, double[] candidates) {
            double[] rates = Arrays.stream(candidates).filter(lr -> trials.stream().noneMatch(t -> t.lr() == lr))
                    .toArray();
            synchronized (listener) {
                listener.onStage(stage, rates.clone());
            }
            List<Optional<TrialResult>> results = executor.runStage(stage, rates, trial -> {
                synchronized (listener) {
                    listener.onTrial(trial);
                }
            }, stop);
            boolean complete = true;
            for (Optional<TrialResult> result : results) {
                if (result.isPresent()) {
                    trials.add(result.get());
                } else {
                    complete = false;
                }
            }
            return complete;
        }
    }
}
