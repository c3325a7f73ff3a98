package dev.lrlab.spark;

import dev.lrlab.rangetest.batch.RangeTestEngine;
import dev.lrlab.rangetest.batch.RangeTestExecutor;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code spark} engine of range-test batches: a Spark context for one batch, on the given master, else the one
 * {@code spark-submit} set, else {@link SparkTrialEngine#DEFAULT_MASTER}. Found by {@link RangeTestEngine#find} through
 * {@code META-INF/services}.
 */
public final class SparkRangeTestEngine implements RangeTestEngine {

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public RangeTestExecutor open(Optional<String> master, Consumer<String> log) {
        return SparkRangeTests.owning(SparkContexts.start("lrlab range tests", master, log));
    }
}
