package dev.lrlab.spark;

import dev.lrlab.LrlabException;
import dev.lrlab.search.TrialEngine;
import dev.lrlab.search.TrialExecutor;
import dev.lrlab.search.TrialRecipe;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
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
        SparkConf conf = new SparkConf().setAppName("lrlab search");
        master.ifPresent(conf::setMaster);
        if (!conf.contains("spark.master")) {
            conf.setMaster(DEFAULT_MASTER);
        }
        JavaSparkContext spark;
        try {
            spark = new JavaSparkContext(conf);
        } catch (Exception e) { // Spark throws SparkException, a checked exception Java does not see declared
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
            throw LrlabException.usage("cannot start Spark on master " + conf.get("spark.master") + ": " + why
                    + "; give a master such as local[2] or spark://HOST:7077");
        }
        spark.setLogLevel("WARN");
        log.accept("spark: master " + spark.master() + ", application " + spark.sc().applicationId()
                + ", tasks read the model at " + modelUri);
        return SparkTrials.owning(spark, recipe, modelUri);
    }
}
