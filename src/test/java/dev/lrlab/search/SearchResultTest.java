package dev.lrlab.search;

import static dev.lrlab.search.TrialResultTest.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SearchResultTest {
    private final TrialResult a = trial(SearchStage.COARSE, 1e-3, 0.5, 0.6, false, 4);
    private final TrialResult b = trial(SearchStage.COARSE, 1e-2, 0.4, 0.6, false, 4);
    private final TrialResult c = trial(SearchStage.COARSE, 1e-1, 0.1, Double.NaN, true, 2);
    private final TrialResult d = trial(SearchStage.FINE, 3e-3, 0.45, 0.55, false, 4);

    @Test
    void theBestIsTheFirstLowestFiniteScore() {
        assertEquals(Optional.of(b), SearchResult.bestOf(List.of(a, b, c), SearchMetric.LOSS));
        assertEquals(Optional.of(a), SearchResult.bestOf(List.of(a, b, c), SearchMetric.VAL_LOSS), "ties go to the first");
        assertEquals(Optional.empty(), SearchResult.bestOf(List.of(c), SearchMetric.LOSS));
    }

    @Test
    void stagesAndDivergedTrialsAreCounted() {
        SearchResult result = SearchResult.builder().setConfig(SearchConfig.builder().build())
                .optTrials(List.of(a, b, c, d)).optBest(d).build();
        assertEquals(List.of(a, b, c), result.stage(SearchStage.COARSE));
        assertEquals(List.of(d), result.stage(SearchStage.FINE));
        assertEquals(1, result.divergedCount());
    }

    @Test
    void theBuilderNeedsOnlyTheConfigAndCopiesTheTrials() {
        java.util.ArrayList<TrialResult> trials = new java.util.ArrayList<>(List.of(a, b));
        SearchResult result = SearchResult.builder().setConfig(SearchConfig.builder().build()).optTrials(trials).build();
        trials.clear();
        assertEquals(List.of(a, b), result.trials());
        assertEquals(Optional.empty(), result.best());
        assertEquals(Optional.empty(), result.interruption());
        assertEquals("a search result needs its config (setConfig)",
                assertThrows(IllegalStateException.class, () -> SearchResult.builder().build()).getMessage());
    }
}
