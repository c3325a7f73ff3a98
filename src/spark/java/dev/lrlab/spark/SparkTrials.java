package dev.lrlab.spark;

import dev.lrlab.run.StopSignal;
import dev.lrlab.search.SearchStage;
import dev.lrlab.search.TrialExecutor;
import dev.lrlab.search.TrialRecipe;
import dev.lrlab.search.TrialResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs each trial of a stage as a Spark job of one task ({@link RunTrial}), all of a stage's jobs at once, so that
 * Spark spreads them over its executors' cores. One job per trial means a task that fails for good (after Spark's
 * retries, {@code spark.task.maxFailures}) fails only its trial: it comes back as a
 * {@link TrialResult#failed failed} trial with the executor's message, and the search goes on. Trials are
 * deterministic, so a retried task returns what the first attempt would have.
 */
public final class SparkTrials implements TrialExecutor {

    private final JavaSparkContext spark;
    private final boolean ownsContext;
    private final RunTrial task;

    private SparkTrials(JavaSparkContext spark, boolean ownsContext, TrialRecipe recipe, String modelUri) {
        this.spark = spark;
        this.ownsContext = ownsContext;
        this.task = new RunTrial(recipe, modelUri);
    }

    /**
     * @param spark a running Spark context; left running by {@link #close()}
     * @param recipe how a task makes its trial's spec and settings
     * @param modelUri where the tasks read the model: a path every executor has, or a Hadoop URI (copied by each task)
     * @return the executor
     */
    public static SparkTrials on(JavaSparkContext spark, TrialRecipe recipe, String modelUri) {
        return new SparkTrials(spark, false, recipe, modelUri);
    }

    /** As {@link #on}, but {@link #close()} stops the context. */
    static SparkTrials owning(JavaSparkContext spark, TrialRecipe recipe, String modelUri) {
        return new SparkTrials(spark, true, recipe, modelUri);
    }

    @Override
    public List<Optional<TrialResult>> runStage(SearchStage stage, double[] rates, Consumer<TrialResult> finished,
            StopSignal stop) {
        List<JavaFutureAction<List<TrialResult>>> jobs = new ArrayList<>();
        long start = System.nanoTime();
        for (double lr : rates) {
            spark.setJobDescription("lrlab " + stage.label() + " trial, lr " + lr);
            jobs.add(spark.parallelize(List.of(new RunTrial.Rate(stage, lr)), 1).map(task).collectAsync());
        }
        spark.setJobDescription(null);
        TrialResult[] results = new TrialResult[rates.length];
        int left = rates.length;
        while (left > 0) {
            if (stop.isStopped()) {
                jobs.forEach(job -> job.cancel(true));
                break;
            }
            for (int i = 0; i < rates.length; i++) {
                if (results[i] == null && jobs.get(i).isDone()) {
                    results[i] = result(jobs.get(i), stage, rates[i], start);
                    finished.accept(results[i]);
                    left--;
                }
            }
            if (left > 0) {
                SparkContexts.pause();
            }
        }
        return Arrays.stream(results).map(Optional::ofNullable).toList();
    }

    private static TrialResult result(JavaFutureAction<List<TrialResult>> job, SearchStage stage, double lr,
            long start) {
        try {
            return job.get().get(0);
        } catch (ExecutionException e) {
            return TrialResult.failed(stage, lr, (System.nanoTime() - start) / 1e9, message(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TrialResult.failed(stage, lr, (System.nanoTime() - start) / 1e9, "interrupted");
        }
    }

    /**
     * @param failure what a failed Spark job threw
     * @return its first line, from the executor's part on ({@code Lost task 0.0 ... (HOST executor 1): CAUSE})
     */
    static String message(Throwable failure) {
        String text = String.valueOf(failure.getMessage());
        String first = text.lines().findFirst().orElse(text);
        int cause = first.indexOf("most recent failure: ");
        return cause >= 0 ? first.substring(cause + "most recent failure: ".length()) : first;
    }

    @Override
    public void close() {
        if (ownsContext) {
            spark.stop();
        }
    }
}
