package dev.lrlab.rangetest.batch;

import dev.lrlab.run.StopSignal;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Runs the range tests of a batch: {@link LocalRangeTests} one after the other in this JVM, a cluster engine
 * ({@link RangeTestEngine}) as tasks. A test that fails is a {@link RangeTestOutcome#failed failed} outcome, and the
 * others go on.
 */
public interface RangeTestExecutor extends AutoCloseable {

    /**
     * Runs every job and returns when all have finished or the stop signal was set.
     *
     * @param jobs the tests
     * @param finished told, on the calling thread, of each test as it finishes: its index in {@code jobs} and its
     *     outcome; tests that were not run because of a stop are not told of
     * @param stop checked between tests (and by a running local test before every step)
     */
    void run(List<RangeTestJob> jobs, BiConsumer<Integer, RangeTestOutcome> finished, StopSignal stop);

    /** Releases what the executor holds (a cluster connection); nothing for the local one. */
    @Override
    void close();
}
