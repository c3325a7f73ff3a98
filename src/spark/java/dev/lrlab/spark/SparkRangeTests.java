package dev.lrlab.spark;

import dev.lrlab.LrlabException;
import dev.lrlab.rangetest.batch.RangeTestExecutor;
import dev.lrlab.rangetest.batch.RangeTestJob;
import dev.lrlab.rangetest.batch.RangeTestOutcome;
import dev.lrlab.run.StopSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs each range test of a batch as a Spark job of one task ({@link RunRangeTest}), all at once, so that Spark spreads
 * them over its executors' cores. One job per test means a task that fails for good (after Spark's retries,
 * {@code spark.task.maxFailures}) fails only its test: it comes back as a {@link RangeTestOutcome#failed failed}
 * outcome with the executor's message, and the batch goes on. A stop cancels the jobs still running; their tests are
 * not reported.
 */
public final class SparkRangeTests implements RangeTestExecutor {

    private final JavaSparkContext spark;
    private final boolean ownsContext;

    private SparkRangeTests(JavaSparkContext spark, boolean ownsContext) {
        this.spark = spark;
        this.ownsContext = ownsContext;
    }

    /**
     * @param spark a running Spark context; left running by {@link #close()}
     * @return the executor
     */
    public static SparkRangeTests on(JavaSparkContext spark) {
        return new SparkRangeTests(spark, false);
    }

    /** As {@link #on}, but {@link #close()} stops the context. */
    static SparkRangeTests owning(JavaSparkContext spark) {
        return new SparkRangeTests(spark, true);
    }

    @Override
    public void run(List<RangeTestJob> jobs, BiConsumer<Integer, RangeTestOutcome> finished, StopSignal stop) {
        List<JavaFutureAction<List<RangeTestOutcome>>> running = new ArrayList<>();
        RunRangeTest task = new RunRangeTest();
        for (RangeTestJob job : jobs) {
            spark.setJobDescription("lrlab range test of " + job.modelUri());
            running.add(spark.parallelize(List.of(job), 1).map(task).collectAsync());
        }
        spark.setJobDescription(null);
        boolean[] done = new boolean[jobs.size()];
        int left = jobs.size();
        while (left > 0) {
            if (stop.isStopped()) {
                running.forEach(job -> job.cancel(true));
                return;
            }
            for (int i = 0; i < jobs.size(); i++) {
                if (!done[i] && running.get(i).isDone()) {
                    done[i] = true;
                    left--;
                    finished.accept(i, outcome(running.get(i)));
                }
            }
            if (left > 0) {
                SparkContexts.pause();
            }
        }
    }

    private static RangeTestOutcome outcome(JavaFutureAction<List<RangeTestOutcome>> job) {
        try {
            return job.get().get(0);
        } catch (ExecutionException e) {
            return RangeTestOutcome.failed(LrlabException.Kind.MODEL, SparkTrials.message(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RangeTestOutcome.failed(LrlabException.Kind.INTERRUPTED, "interrupted");
        }
    }

    @Override
    public void close() {
        if (ownsContext) {
            spark.stop();
        }
    }
}
