package dev.lrlab.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrlab.LrlabException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SearchConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        SearchConfig config = SearchConfig.builder().build();
        assertEquals(List.of(1e-7, 1.0, 1, 7, 200L, 0.1, SearchMetric.VAL_LOSS, 1, false, 4.0, 0.9, 0.98),
                List.of(config.from(), config.to(), config.perDecade(), config.finePoints(), config.stepsPerTrial(),
                        config.dataFraction(), config.metric(), config.parallel(), config.thirdStage(),
                        config.divergeFactor(), config.momentum(), config.smoothing()));
    }

    @Test
    void toBuilderKeepsEveryValue() {
        SearchConfig config = SearchConfig.builder().optFrom(1e-5).optTo(0.5).optPerDecade(3).optFinePoints(5)
                .optStepsPerTrial(77).optDataFraction(0.5).optMetric(SearchMetric.LOSS).optParallel(4).optThirdStage(true)
                .optDivergeFactor(2.5).optMomentum(0.8).optSmoothing(0.9).build();
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

    @Test
    void nullMetricIsRefusedWhereItIsGiven() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> SearchConfig.builder().optMetric(null));
        assertEquals("metric", e.getMessage());
    }

    private static void check(String message, Executable build) {
        LrlabException e = assertThrows(LrlabException.class, build);
        assertEquals(message, e.getMessage());
        assertEquals(LrlabException.Kind.SETTING, e.kind());
    }
}
