package dev.lrlab.spark;

import dev.lrlab.search.TrialEngine;
import dev.lrlab.search.TrialExecutor;
import dev.lrlab.search.TrialRecipe;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The {@code spark} engine: a Spark context for one search, on the given master, else the one {@code spark-submit}
 * set ({@code spark.master}), else {@code local[*]}. Found by {@link TrialEngine#find} through
 * {@code META-INF/services}.
 */
public final class SparkTrialEngine implements TrialEngine {
    /** The master when neither the caller nor spark-submit names one. */
    public static final String DEFAULT_MASTER = "local[*]";

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public TrialExecutor open(TrialRecipe recipe, String modelUri, Optional<String> master, Consumer<String> log) {
        JavaSparkContext spark = SparkContexts.start("lrlab search", master, log);
        log.accept("spark: tasks read the model at " + modelUri);
        return SparkTrials.owning(spark, recipe, modelUri);
    }
}
