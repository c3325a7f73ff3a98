package dev.lrlab.rangetest.batch;

import dev.lrlab.LrlabException;
import dev.lrlab.run.StopSignal;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Runs the range tests of a batch in this JVM, one after the other, each on its own copy of its model. A test whose
 * model or data cannot be read, or whose settings do not fit them, is a failed outcome with the error's message; the
 * next one runs. A stop ends the running test with what it has, and no further test starts.
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
            }
            finished.accept(i, outcome);
        }
    }

    @Override
    public void close() {
    }
}
