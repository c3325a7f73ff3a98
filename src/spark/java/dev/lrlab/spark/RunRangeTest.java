package dev.lrlab.spark;

import dev.lrlab.LrlabException;
import dev.lrlab.rangetest.batch.RangeTestJob;
import dev.lrlab.rangetest.batch.RangeTestOutcome;
import dev.lrlab.run.StopSignal;
import org.apache.spark.api.java.function.Function;

/**
 * The task of one range test of a batch: copies the model to local disk when it is a URI, runs the test with the
 * recipe's spec and sweep ({@link RangeTestOutcome#run}) and returns its outcome. A user error (an unreadable model or
 * data, a bad setting) is the same on every attempt, so it is returned as a failed outcome naming the executor;
 * anything else (out of memory, a crash) is thrown, for Spark to retry the task and, after its last attempt, to report
 * to the driver.
 */
final class RunRangeTest implements Function<RangeTestJob, RangeTestOutcome> {
    private static final long serialVersionUID = 1L;

    @Override
    public RangeTestOutcome call(RangeTestJob job) {
        try (ModelCopy model = ModelCopy.of(job.modelUri())) {
            return RangeTestOutcome.run(job.recipe(), model.path(), new StopSignal());
        } catch (LrlabException e) {
            return RangeTestOutcome.failed(e.kind(), SparkContexts.where() + ": " + e.getMessage());
        }
    }
}
