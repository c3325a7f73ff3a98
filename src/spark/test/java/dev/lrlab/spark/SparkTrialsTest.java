package dev.lrlab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.data.DataSpec;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopSignal;
import dev.lrlab.search.CoarseToFineSearch;
import dev.lrlab.search.SearchConfig;
import dev.lrlab.search.SearchListener;
import dev.lrlab.search.SearchReport;
import dev.lrlab.search.SearchResult;
import dev.lrlab.search.TrialRecipe;
import dev.lrlab.search.TrialResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Searches on the bundled digits MLP, run by Spark in {@code local[2]} (two tasks at once, each loading the model),
 * against the same search run locally on one copy of the model.
 */
class SparkTrialsTest {
    /** 6 coarse rates from 1e-5 to 1 and 2 fine ones, 30 steps each. */
    static final SearchConfig CONFIG = SearchConfig.builder().optFrom(1e-5).optTo(1).optFinePoints(2).optStepsPerTrial(30)
            .optDataFraction(0.2).build();
    private static JavaSparkContext spark;

    /**
     * The digits search's recipe from {@code from} to {@code to} (else {@link #CONFIG}), with absolute data paths (the
     * executor's working folder may differ); settings travel as numbers, {@link SearchConfig} is not serializable.
     */
    record Digits(double from, double to, String data) implements TrialRecipe {
        Digits() {
            this(CONFIG.from(), CONFIG.to());
        }

        Digits(double from, double to) {
            this(from, to, Path.of("data-samples/digits.csv").toAbsolutePath().toString());
        }

        SearchConfig config() {
            return CONFIG.toBuilder().optFrom(from).optTo(to).build();
        }

        @Override
        public RunSpec spec(Path model) {
            return RunSpec.builder().setModel(model).setData(DataSpec.csv(Path.of(data), "label")).build();
        }

        @Override
        public SearchConfig config(RunSpec spec) {
            return config();
        }
    }

    static String digitsModel() {
        return Path.of("models/digits-mlp").toAbsolutePath().toString();
    }

    @BeforeAll
    static void start() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName("SparkTrialsTest")
                .set("spark.ui.enabled", "false"));
        spark.setLogLevel("WARN");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Every value but the wall-clock seconds, bit for bit, in the same order; the report's CSV too. */
    static void assertSameTrials(List<TrialResult> expected, List<TrialResult> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            TrialResult e = expected.get(i);
            TrialResult a = actual.get(i);
            assertEquals(e.stage(), a.stage());
            assertEquals(e.lr(), a.lr());
            assertEquals(e.finalLoss(), a.finalLoss(), 0.0);
            assertEquals(e.bestLoss(), a.bestLoss(), 0.0);
            assertEquals(e.valLoss(), a.valLoss(), 0.0);
            assertEquals(e.divergence(), a.divergence());
            assertEquals(e.steps(), a.steps());
            assertArrayEquals(e.losses(), a.losses(), 0.0);
            assertArrayEquals(e.smoothedLosses(), a.smoothedLosses(), 0.0);
            assertEquals(e.failure(), a.failure());
        }
        assertEquals(SearchReport.trialsCsv(withoutSeconds(expected)), SearchReport.trialsCsv(withoutSeconds(actual)));
    }

    private static List<TrialResult> withoutSeconds(List<TrialResult> trials) {
        return trials.stream().map(t -> {
            TrialResult.Builder trial = TrialResult.builder().setStage(t.stage()).setLr(t.lr()).optFinalLoss(t.finalLoss())
                    .optBestLoss(t.bestLoss()).optValLoss(t.valLoss()).optSteps(t.steps()).optLosses(t.losses())
                    .optSmoothedLosses(t.smoothedLosses());
            t.divergence().ifPresent(trial::optDivergence);
            t.failure().ifPresent(trial::optFailure);
            return trial.build();
        }).toList();
    }

    @Test
    void localTwoEqualsTheLocalSequentialSearch() {
        Digits recipe = new Digits();
        RunSpec spec = recipe.spec(Path.of(digitsModel()));
        SearchResult local = CoarseToFineSearch.run(spec, CONFIG, SearchListener.NONE, new StopSignal());
        List<TrialResult> heard = new ArrayList<>();
        SearchResult remote;
        try (SparkTrials trials = SparkTrials.on(spark, recipe, digitsModel())) {
            remote = CoarseToFineSearch.run(spec, CONFIG, trials, new SearchListener() {
                @Override
                public void onTrial(TrialResult trial) {
                    heard.add(trial);
                }
            }, new StopSignal());
        }
        assertEquals(8, local.trials().size(), "6 coarse and 2 fine trials");
        assertSameTrials(local.trials(), remote.trials());
        assertEquals(local.best().get().lr(), remote.best().get().lr());
        assertEquals(local.trials().size(), heard.size());
        assertTrue(local.trials().stream().anyMatch(TrialResult::diverged), "the search reaches rates that diverge");
    }

    /** A task whose first attempt dies (a lost executor, say) is retried by Spark and gives the same trial. */
    record FailingFirstAttempt(Digits digits) implements TrialRecipe {
        @Override
        public RunSpec spec(Path model) {
            if (TaskContext.get().attemptNumber() == 0) {
                throw new IllegalStateException("attempt 0 lost");
            }
            return digits.spec(model);
        }

        @Override
        public SearchConfig config(RunSpec spec) {
            return digits.config(spec);
        }
    }

    @Test
    void aRetriedTaskGivesTheSameTrial() {
        Digits digits = new Digits(1e-2, 1e-1);
        SearchConfig config = digits.config();
        RunSpec spec = digits.spec(Path.of(digitsModel()));
        SearchResult local = CoarseToFineSearch.run(spec, config, SearchListener.NONE, new StopSignal());
        try (SparkTrials trials = SparkTrials.on(spark, new FailingFirstAttempt(digits), digitsModel())) {
            SearchResult remote = CoarseToFineSearch.run(spec, config, trials, SearchListener.NONE, new StopSignal());
            assertSameTrials(local.trials(), remote.trials());
        }
    }

    @Test
    void aModelTheExecutorCannotReadFailsItsTrialsAndTheSearchGoesOn() {
        Digits recipe = new Digits(1e-2, 1e-1);
        RunSpec spec = recipe.spec(Path.of(digitsModel()));
        try (SparkTrials trials = SparkTrials.on(spark, recipe, "/nonexistent/digits-mlp")) {
            SearchResult result = CoarseToFineSearch.run(spec, recipe.config(), trials, SearchListener.NONE,
                    new StopSignal());
            assertEquals(2, result.trials().size(), "two coarse trials, both failed; no fine stage without a best");
            assertTrue(result.best().isEmpty());
            for (TrialResult trial : result.trials()) {
                String failure = trial.failure().orElseThrow();
                assertTrue(failure.startsWith("executor driver on "), failure);
                assertTrue(failure.contains("/nonexistent/digits-mlp"), failure);
            }
            String csv = SearchReport.trialsCsv(result.trials());
            assertTrue(csv.lines().skip(1).allMatch(line -> line.contains(",false,0,") && line.contains("/nonexistent")),
                    csv);
        }
    }

    @Test
    void theFailureMessageIsTheExecutorsPart() {
        assertEquals("Lost task 0.0 in stage 3.0 (TID 3) (10.0.0.2 executor 1): java.lang.OutOfMemoryError: Java heap "
                + "space", SparkTrials.message(new RuntimeException("Job aborted due to stage failure: Task 0 in stage 3.0 "
                + "failed 4 times, most recent failure: Lost task 0.0 in stage 3.0 (TID 3) (10.0.0.2 executor 1): "
                + "java.lang.OutOfMemoryError: Java heap space\n\tat dev.lrlab.X.y(X.java:1)\nDriver stacktrace:")));
        assertEquals("plain", SparkTrials.message(new RuntimeException("plain")));
    }
}
