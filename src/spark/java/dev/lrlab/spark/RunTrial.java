package dev.lrlab.spark;

import dev.lrlab.LrlabException;
import dev.lrlab.run.RunSpec;
import dev.lrlab.search.SearchConfig;
import dev.lrlab.search.SearchStage;
import dev.lrlab.search.TrialExecutor;
import dev.lrlab.search.TrialRecipe;
import dev.lrlab.search.TrialResult;
import org.apache.spark.api.java.function.Function;

/**
 * The task of one trial: copies the model to local disk when it is a URI, makes the spec from the recipe, runs the
 * trial ({@link TrialExecutor#trial}). A user error (an unreadable model or data, a bad setting) is the same on
 * every attempt, so it is returned as a failed trial naming the executor; anything else (out of memory, a crash)
 * is thrown, for Spark to retry the task and, after its last attempt, to report to the driver. The
 * {@link TrialResult} travels to the driver as it is (it is serializable).
 */
final class RunTrial implements Function<RunTrial.Rate, TrialResult> {
    private static final long serialVersionUID = 1L;

    private final TrialRecipe recipe;
    private final String modelUri;

    RunTrial(TrialRecipe recipe, String modelUri) {
        this.recipe = recipe;
        this.modelUri = modelUri;
    }

    /** A trial to run: its stage and rate. */
    record Rate(SearchStage stage, double lr) implements java.io.Serializable {
    }

    @Override
    public TrialResult call(Rate rate) {
        long start = System.nanoTime();
        try (ModelCopy model = ModelCopy.of(modelUri)) {
            RunSpec spec = recipe.spec(model.path());
            SearchConfig config = recipe.config(spec);
            return TrialExecutor.trial(spec, config, rate.stage(), rate.lr());
        } catch (LrlabException e) {
            return TrialResult.failed(rate.stage(), rate.lr(), (System.nanoTime() - start) / 1e9,
                    SparkContexts.where() + ": " + e.getMessage());
        }
    }
}
