package dev.lrlab.rangetest.batch;

import dev.lrlab.LrlabException;
import dev.lrlab.run.StopSignal;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Runs the range tests of a batch in this JVM, one after the other, each on its own copy of its model. A test whose
 * model or data cannot be read, or whose settings do not fit them, is a failed outcome with the error's message; the
 * next one runs. So is a test that fails for a reason that is not the user's (an internal error, kind {@code
 * INTERNAL}). A stop ends the running test with what it has, and no further test starts.
 */
public final class LocalRangeTests implements RangeTestExecutor {

    @Override
    public void run(List<RangeTestJob> jobs, BiConsumer<Integer, RangeTestOutcome> finished, StopSignal stop) {
        for (int i = 0; i < jobs.size() && !stop.isStopped(); i++) {
            RangeTestJob job = jobs.get(i);
            RangeTestOutcome outcome;
            try {
                outcome = RangeTestOutcome.run(job.recipe(), Path.of(job.modelUri()), stop);
            } catch (LrlabException e) {
                outcome = RangeTestOutcome.failed(e.kind(), e.getMessage());
            } catch (RuntimeException e) {
                // not the user's doing (a TensorFlow op failing inside a step, a bug): this test fails as internal,
                // as the Spark engine's task would, and the other models of the batch still run
                outcome = RangeTestOutcome.failed(LrlabException.Kind.INTERNAL,
                        "internal error: " + String.valueOf(e).lines().findFirst().orElse(""));
            }
            finished.accept(i, outcome);
        }
    }

    @Override
    public void close() {
    }
}
