package dev.lrlab.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrlab.LrlabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SearchConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(new SearchConfig(1e-7, 1, 1, 7, 200, 0.1, SearchMetric.VAL_LOSS, 1, false, 4, 0.9, 0.98),
                SearchConfig.builder().build());
    }

    @Test
    void toBuilderKeepsEveryValue() {
        SearchConfig config = new SearchConfig(1e-5, 0.5, 3, 5, 77, 0.5, SearchMetric.LOSS, 4, true, 2.5, 0.8, 0.9);
        assertEquals(config, config.toBuilder().build());
    }

    @Test
    void everyBadValueNamesItsOption() {
        check("`from` must be a positive rate, found 0.0", () -> SearchConfig.builder().optFrom(0).build());
        check("`from` must be below `to`, found `from` 1.0 `to` 0.1",
                () -> SearchConfig.builder().optFrom(1).optTo(0.1).build());
        check("`from` must be below `to`, found `from` 0.1 `to` 0.1",
                () -> SearchConfig.builder().optFrom(0.1).optTo(0.1).build());
        check("`perDecade` must be at least 1, found 0", () -> SearchConfig.builder().optPerDecade(0).build());
        check("`finePoints` must be at least 1, found 0", () -> SearchConfig.builder().optFinePoints(0).build());
        check("`stepsPerTrial` must be at least 1, found 0", () -> SearchConfig.builder().optStepsPerTrial(0).build());
        check("`dataFraction` must be in (0, 1], found 1.5", () -> SearchConfig.builder().optDataFraction(1.5).build());
        check("`parallel` must be at least 1, found 0", () -> SearchConfig.builder().optParallel(0).build());
        check("`divergeFactor` must be a number above 1, found 1.0",
                () -> SearchConfig.builder().optDivergeFactor(1).build());
        check("`momentum` must be in [0, 1), found 1.0", () -> SearchConfig.builder().optMomentum(1).build());
        check("the loss smoothing must be in [0, 1), found -0.1", () -> SearchConfig.builder().optSmoothing(-0.1).build());
    }

    private static void check(String message, Executable build) {
        LrlabException e = assertThrows(LrlabException.class, build);
        assertEquals(message, e.getMessage());
        assertEquals(LrlabException.Kind.SETTING, e.kind());
    }
}
