package dev.lrlab.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import dev.lrlab.LrlabException;
import dev.lrlab.data.DataSpec;
import dev.lrlab.model.VariableSnapshot;
import dev.lrlab.rangetest.RangeTest;
import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.run.StepListener;
import dev.lrlab.run.DivergenceDetector;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopSignal;
import dev.lrlab.suggest.LossSmoother;
import dev.lrlab.suggest.LrSuggester;
import dev.lrlab.suggest.SuggestionMethod;
import dev.lrlab.suggest.Suggestions;
import dev.lrlab.train.OptimizerConfig;
import dev.lrlab.train.OptimizerKind;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * Searches on the bundled digits MLP (untrained, pixels 0-16, plain SGD): 8 coarse trials from 1e-7 to 1 and
 * 6 fine ones, 60 steps each on a fifth of the training rows.
 */
class CoarseToFineSearchTest {
    private static final SearchConfig QUICK = SearchConfig.builder().optStepsPerTrial(60).optDataFraction(0.2).build();
    private static SearchResult result;
    private static Suggestions rangeTest;
    private static final SearchListener listener = mock(SearchListener.class);

    static RunSpec digits() {
        return RunSpec.builder().setModel(Path.of("models/digits-mlp"))
                .setData(DataSpec.csv(Path.of("data-samples/digits.csv"), "label"))
                .build();
    }

    /**
     * A range test computed here the way fastai's lr_find does it: one step per rate on an exponential
     * sweep from 1e-7 to 1 over the full training rows, the loss smoothed (beta 0.98), stopped at divergence
     * (4x the best smoothed loss), read by {@link LrSuggester}.
     */
    static Suggestions rangeTest(RunSpec spec, int steps) {
        try (PreparedRun run = PreparedRun.open(spec)) {
            double[] lrs = new double[steps];
            double[] smoothed = new double[steps];
            LossSmoother smoother = new LossSmoother();
            DivergenceDetector detector = new DivergenceDetector();
            int n = 0;
            while (n < steps) {
                double lr = 1e-7 * Math.pow(1e7, (double) n / (steps - 1));
                double loss = run.step(n, lr, 0.9).loss();
                lrs[n] = lr;
                smoothed[n] = smoother.add(loss);
                n++;
                if (detector.observe(loss, smoothed[n - 1]).isPresent()) {
                    break;
                }
            }
            return LrSuggester.defaults().suggest(Arrays.copyOf(lrs, n), Arrays.copyOf(smoothed, n));
        }
    }

    @BeforeAll
    static void search() {
        rangeTest = rangeTest(digits(), 100);
        result = CoarseToFineSearch.run(digits(), QUICK, listener, new StopSignal());
    }

    @Test
    void aHypergradientOptimizerIsRefusedBeforeAnyTrial() {
        RunSpec spec = digits().toBuilder().optOptimizer(OptimizerConfig.of(OptimizerKind.SGDN_HD)).build();
        LrlabException e = assertThrows(LrlabException.class, () -> CoarseToFineSearch.run(spec, QUICK,
                SearchListener.NONE, new StopSignal()));
        assertEquals(LrlabException.Kind.SETTING, e.kind());
        assertEquals("a search gives each trial a fixed rate, but the optimizer sgdn-hd adapts its own, so trials would be "
                + "ranked by rates never applied; use nesterov, or TrainRun for hypergradient descent", e.getMessage());
    }

    /**
     * The README's numbers from the README's commands: {@code scripts/lrlab range-test} (the defaults: 1e-7 to
     * 10 in 100 steps) and {@code scripts/lrlab search models/digits-mlp --data data-samples/digits.csv --label
     * label --parallel 2 --range-test ...} (the default search: 200 steps per trial on a tenth of the rows).
     */
    @Test
    void theReadmeSearchPicksTheQuotedRateAboveTheRangeTestValley() {
        double valley;
        try (PreparedRun run = PreparedRun.open(digits())) {
            valley = RangeTest.run(run, RangeTestConfig.builder().build(), StepListener.none(), new StopSignal())
                    .suggestions().get(SuggestionMethod.VALLEY).orElseThrow().lr();
        }
        SearchResult readme = CoarseToFineSearch.run(digits(), SearchConfig.builder().optParallel(2).build(),
                SearchListener.NONE, new StopSignal());
        TrialResult best = readme.best().orElseThrow();
        // measured: valley 4.04e-3 (index 57), best 5.62e-2 = 1e-2 * 10^(6/8) from the fine stage, 1.14 decades higher
        assertEquals(4.04e-3, valley, 0.005e-3);
        assertEquals(1e-2 * Math.pow(10, 0.75), best.lr(), 1e-9);
        assertEquals(1.14, Math.log10(best.lr() / valley), 0.005);
        assertFalse(best.diverged());
        assertEquals(SearchStage.FINE, best.stage());
    }

    /** The quick search of this class, against a range test over 1e-7 to 1 computed step by step here. */
    @Test
    void theQuickSearchFindsARateWithinOneDecadeOfTheRangeTestValley() {
        double valley = rangeTest.get(SuggestionMethod.VALLEY).orElseThrow().lr();
        double best = result.best().orElseThrow().lr();
        // measured: valley 4.64e-3 (100-step sweep), best 3.16e-2 from the fine stage: 0.83 decades higher
        assertEquals(4.64e-3, valley, 0.005e-3);
        assertEquals(1e-2 * Math.pow(10, 0.5), best, 1e-9);
        assertFalse(result.best().get().diverged());
        assertEquals(SearchStage.FINE, result.best().get().stage());
    }

    @Test
    void theBestTrialHasTheLowestValidationLoss() {
        TrialResult best = result.best().orElseThrow();
        for (TrialResult t : result.trials()) {
            assertTrue(t.diverged() || t.valLoss() >= best.valLoss(), t + " beats " + best);
        }
    }

    @Test
    void divergedTrialsStopEarlyAndTheOthersRunEveryStep() {
        List<TrialResult> diverged = result.trials().stream().filter(TrialResult::diverged).toList();
        assertFalse(diverged.isEmpty(), "lr 1 diverges on unscaled digits");
        for (TrialResult t : diverged) {
            assertTrue(t.steps() < 60, t.lr() + " ran " + t.steps() + " steps");
            assertTrue(t.lr() >= 1, "only lr 1 diverges, found " + t.lr());
            assertTrue(Double.isNaN(t.valLoss()), "a diverged trial is not validated");
            assertTrue(t.smoothedLosses()[(int) t.steps() - 1] > 4 * t.losses()[0] || !Double.isFinite(t.finalLoss()));
        }
        result.trials().stream().filter(t -> !t.diverged()).forEach(t -> assertEquals(60, t.steps()));
        assertEquals(diverged.size(), result.divergedCount());
    }

    @Test
    void stagesTryTheDocumentedRatesInAscendingOrder() {
        double[] coarse = result.stage(SearchStage.COARSE).stream().mapToDouble(TrialResult::lr).toArray();
        assertArrayEquals(new double[] {1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1}, coarse);
        double bestCoarse = SearchResult.bestOf(result.stage(SearchStage.COARSE), SearchMetric.VAL_LOSS).orElseThrow().lr();
        assertEquals(1e-2, bestCoarse);
        double[] expected = Arrays.stream(SearchGrid.around(bestCoarse, 10, 7)).filter(lr -> lr != bestCoarse).toArray();
        double[] fine = result.stage(SearchStage.FINE).stream().mapToDouble(TrialResult::lr).toArray();
        assertArrayEquals(expected, fine);
        assertEquals(6, fine.length, "the middle of 7 points is the coarse best itself and is not run again");
        assertTrue(result.stage(SearchStage.THIRD).isEmpty());
        // The listener hears each stage before its trials, and each trial once, in the order run.
        InOrder order = inOrder(listener);
        order.verify(listener).onPrepared(any());
        order.verify(listener).onStage(SearchStage.COARSE, coarse);
        result.stage(SearchStage.COARSE).forEach(t -> order.verify(listener).onTrial(t));
        order.verify(listener).onStage(SearchStage.FINE, fine);
        result.stage(SearchStage.FINE).forEach(t -> order.verify(listener).onTrial(t));
        verifyNoMoreInteractions(listener);
        assertTrue(result.interruption().isEmpty());
    }

    @Test
    void aTrialRepeatedAfterAnotherGivesTheSameCurveBitForBit() {
        try (PreparedRun run = PreparedRun.open(digits(), 0.2); VariableSnapshot initial = run.snapshot()) {
            TrialResult first = SearchTrial.run(run, initial, SearchStage.COARSE, 0.01, QUICK, () -> false).orElseThrow();
            SearchTrial.run(run, initial, SearchStage.COARSE, 1, QUICK, () -> false).orElseThrow();
            TrialResult again = SearchTrial.run(run, initial, SearchStage.COARSE, 0.01, QUICK, () -> false).orElseThrow();
            assertArrayEquals(first.losses(), again.losses());
            assertEquals(first.valLoss(), again.valLoss());
            TrialResult searched = result.stage(SearchStage.COARSE).stream().filter(t -> t.lr() == 0.01).findFirst()
                    .orElseThrow();
            assertArrayEquals(searched.losses(), first.losses(), "the search's trial at 1e-2 is the same run");
        }
    }

    @Test
    void aThirdStageRefinesBetweenTheBestFineRatesNeighbours() {
        SearchConfig config = QUICK.toBuilder().optFrom(1e-3).optTo(1e-1).optFinePoints(3).optStepsPerTrial(20)
                .optMetric(SearchMetric.LOSS).optThirdStage(true).build();
        SearchResult third = CoarseToFineSearch.run(digits(), config, SearchListener.NONE, new StopSignal());
        assertEquals(3, third.stage(SearchStage.COARSE).size());
        assertEquals(2, third.stage(SearchStage.FINE).size());
        double bestAfterFine = SearchResult.bestOf(third.trials().subList(0, 5), SearchMetric.LOSS).orElseThrow().lr();
        double ratio = SearchGrid.refinedRatio(10, 3);
        List<TrialResult> refined = third.stage(SearchStage.THIRD);
        assertEquals(2, refined.size());
        for (TrialResult t : refined) {
            assertTrue(t.lr() > bestAfterFine / ratio * 0.999999 && t.lr() < bestAfterFine * ratio * 1.000001, t.lr() + "");
        }
        assertEquals(SearchResult.bestOf(third.trials(), SearchMetric.LOSS), third.best());
    }

    @Test
    void aStopKeepsTheFinishedTrialsAndSaysWhere() {
        StopSignal stop = new StopSignal();
        SearchListener stopAfterATrial = mock(SearchListener.class);
        doAnswer(call -> {
            stop.stop("SIGINT");
            return null;
        }).when(stopAfterATrial).onTrial(any());
        SearchResult stopped = CoarseToFineSearch.run(digits(), QUICK.toBuilder().optStepsPerTrial(10).build(),
                stopAfterATrial, stop);
        assertEquals(1, stopped.trials().size());
        verify(stopAfterATrial, times(1)).onTrial(stopped.trials().get(0)); // no trial started after the stop is heard
        assertEquals(Optional.of("interrupted by SIGINT during the coarse stage; the 1 finished trials are kept"),
                stopped.interruption());
    }

    @Test
    void validationLossNeedsValidationRows() {
        RunSpec noValidation = digits().toBuilder().optValidationFraction(0).build();
        LrlabException e = assertThrows(LrlabException.class,
                () -> CoarseToFineSearch.run(noValidation, QUICK, SearchListener.NONE, new StopSignal()));
        assertEquals(LrlabException.Kind.SETTING, e.kind());
        assertEquals("`metric` val_loss needs validation rows; give `validationFraction` above 0 or use `metric` loss",
                e.getMessage());
    }
}
