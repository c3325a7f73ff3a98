package dev.lrlab.search;

import dev.lrlab.LrlabException;
import dev.lrlab.model.VariableSnapshot;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopSignal;
import dev.lrlab.run.TrainingSubset;
import dev.lrlab.train.OptimizerKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * sessions see once per process, so the copies cannot be spread over several GPUs ({@code GpuTest} checks the trials
 * there against a sequential search, with {@code TF_DETERMINISTIC_OPS=1}).
 */
public final class CoarseToFineSearch {
    private CoarseToFineSearch() {
    }

    /**
     * Runs the search.
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
        List<Worker> workers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(config.parallel(), runnable -> {
            Thread thread = new Thread(runnable, "lrlab-search-trial");
            thread.setDaemon(true);
            return thread;
        });
        AtomicBoolean finished = new AtomicBoolean();
        try {
            openWorkers(spec, config, workers, listener);
            return new Stages(config, workers, pool, listener, stop, finished).run();
        } finally {
            finished.set(true);
            pool.shutdownNow();
            awaitTermination(pool);
            for (Worker worker : workers) {
                worker.close();
            }
        }
    }

    /** Waits for running trials (they stop at their next step once the search failed) before models close. */
    private static void awaitTermination(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void openWorkers(RunSpec spec, SearchConfig config, List<Worker> workers, SearchListener listener) {
        PreparedRun first = PreparedRun.open(spec, config.dataFraction());
        workers.add(new Worker(first, first.snapshot()));
        listener.onPrepared(first);
        for (int i = 1; i < config.parallel(); i++) {
            PreparedRun copy = PreparedRun.open(spec, config.dataFraction());
            try {
                copy.restore(workers.get(0).initial());
                workers.add(new Worker(copy, copy.snapshot()));
            } catch (RuntimeException e) {
                copy.close();
                throw e;
            }
        }
    }

    /** One copy of the model and its initial state. */
    private record Worker(PreparedRun run, VariableSnapshot initial) {
        void close() {
            initial.close();
            run.close();
        }
    }

    /** The stages of one search, sharing the workers and the trials found so far. */
    private static final class Stages {
        private final SearchConfig config;
        private final BlockingQueue<Worker> free;
        private final ExecutorService pool;
        private final SearchListener listener;
        private final StopSignal stop;
        private final AtomicBoolean failed;
        private final List<TrialResult> trials = new ArrayList<>();

        Stages(SearchConfig config, List<Worker> workers, ExecutorService pool, SearchListener listener, StopSignal stop,
                AtomicBoolean failed) {
            this.failed = failed;
            this.config = config;
            this.free = new ArrayBlockingQueue<>(workers.size(), false, workers);
            this.pool = pool;
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
            Optional<String> interruption = interruptedIn == null ? Optional.empty()
                    : Optional.of("interrupted by " + stop.reason() + " during the " + interruptedIn.label()
                            + " stage; the " + trials.size() + " finished trials are kept");
            return new SearchResult(config, trials, SearchResult.bestOf(trials, config.metric()), interruption);
        }

        /** @return false when a stop was asked for before every trial of the stage finished */
        private boolean runStage(SearchStage stage, double[] candidates) {
            double[] rates = Arrays.stream(candidates).filter(lr -> trials.stream().noneMatch(t -> t.lr() == lr))
                    .toArray();
            synchronized (listener) {
                listener.onStage(stage, rates.clone());
            }
            List<Future<Optional<TrialResult>>> futures = new ArrayList<>();
            for (double lr : rates) {
                futures.add(pool.submit(() -> trial(stage, lr)));
            }
            boolean complete = true;
            for (Future<Optional<TrialResult>> future : futures) {
                Optional<TrialResult> result = await(future);
                if (result.isPresent()) {
                    trials.add(result.get());
                } else {
                    complete = false;
                }
            }
            return complete;
        }

        private Optional<TrialResult> trial(SearchStage stage, double lr) throws InterruptedException {
            Worker worker = free.take();
            try {
                Optional<TrialResult> result = SearchTrial.run(worker.run(), worker.initial(), stage, lr, config,
                        () -> stop.isStopped() || failed.get());
                if (result.isPresent()) {
                    synchronized (listener) {
                        listener.onTrial(result.get());
                    }
                }
                return result;
            } catch (RuntimeException | Error e) {
                failed.set(true);
                throw e;
            } finally {
                free.put(worker);
            }
        }

        private Optional<TrialResult> await(Future<Optional<TrialResult>> future) {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.set(true);
                throw new IllegalStateException("interrupted while waiting for a trial", e);
            } catch (ExecutionException e) {
                failed.set(true);
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("a trial failed: " + e.getCause(), e.getCause());
            }
        }
    }
}
