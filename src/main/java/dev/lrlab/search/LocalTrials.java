package dev.lrlab.search;

import dev.lrlab.model.VariableSnapshot;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopSignal;
import java.util.ArrayList;
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
import java.util.function.Consumer;

/**
 * Runs trials in this JVM on {@code parallel} copies of the model, each with its own graph and session, every copy
 * set to the first copy's initial variables and slots (see {@link CoarseToFineSearch}). A failing trial fails the
 * search: locally the cause (bad data, a bad model) is the same for every trial.
 */
final class LocalTrials implements TrialExecutor {
    private final SearchConfig config;
    private final List<Worker> workers;
    private final BlockingQueue<Worker> free;
    private final ExecutorService pool;
    private final AtomicBoolean failed = new AtomicBoolean();

    private LocalTrials(SearchConfig config, List<Worker> workers) {
        this.config = config;
        this.workers = workers;
        this.free = new ArrayBlockingQueue<>(workers.size(), false, workers);
        this.pool = Executors.newFixedThreadPool(config.parallel(), runnable -> {
            Thread thread = new Thread(runnable, "lrlab-search-trial");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Loads the {@code parallel} copies of the model.
     *
     * @param listener told about the first copy ({@link SearchListener#onPrepared})
     */
    static LocalTrials open(RunSpec spec, SearchConfig config, SearchListener listener) {
        List<Worker> workers = new ArrayList<>();
        try {
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
        } catch (RuntimeException | Error e) {
            workers.forEach(Worker::close);
            throw e;
        }
        return new LocalTrials(config, workers);
    }

    @Override
    public List<Optional<TrialResult>> runStage(SearchStage stage, double[] rates, Consumer<TrialResult> finished,
            StopSignal stop) {
        List<Future<Optional<TrialResult>>> futures = new ArrayList<>();
        for (double lr : rates) {
            futures.add(pool.submit(() -> trial(stage, lr, finished, stop)));
        }
        List<Optional<TrialResult>> results = new ArrayList<>();
        for (Future<Optional<TrialResult>> future : futures) {
            results.add(await(future));
        }
        return results;
    }

    private Optional<TrialResult> trial(SearchStage stage, double lr, Consumer<TrialResult> finished, StopSignal stop)
            throws InterruptedException {
        Worker worker = free.take();
        try {
            Optional<TrialResult> result = SearchTrial.run(worker.run(), worker.initial(), stage, lr, config,
                    () -> stop.isStopped() || failed.get());
            result.ifPresent(finished);
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

    /** Waits for running trials (they stop at their next step once the search failed), then closes the models. */
    @Override
    public void close() {
        failed.set(true);
        pool.shutdownNow();
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
        workers.forEach(Worker::close);
    }

    /** One copy of the model and its initial state. */
    private record Worker(PreparedRun run, VariableSnapshot initial) {
        void close() {
            initial.close();
            run.close();
        }
    }
}
