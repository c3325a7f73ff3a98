package dev.lrlab.rangetest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrlab.LrlabException;
import dev.lrlab.report.SummaryWriter;
import dev.lrlab.suggest.CyclicBounds;
import dev.lrlab.suggest.Suggestion;
import dev.lrlab.suggest.SuggestionMethod;
import dev.lrlab.suggest.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RangeTestSummaryTest {
    @TempDir
    Path dir;

    /** Writes a summary the way the range test does: other entries, then "suggestions": Suggestions.toMap(). */
    private Path summary(Suggestions suggestions) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("steps", 100);
        map.put("suggestions", suggestions.toMap());
        new SummaryWriter().write(dir, map, true);
        return dir.resolve(SummaryWriter.JSON_FILE);
    }

    private static Suggestions full() {
        return new Suggestions(List.of(new Suggestion(SuggestionMethod.VALLEY, 4.6e-3, 66, 8.4), new Suggestion(SuggestionMethod.MINIMUM, 2.7e-2, 91, 5.8)),
                SuggestionMethod.VALLEY, new CyclicBounds(0.068, 0.27, 91, 5.8), "");
    }

    @Test
    void readsTheCyclicBoundsAsScheduleDefaults() {
        RangeTestSummary summary = RangeTestSummary.read(summary(full()));
        assertEquals(Map.of("base", 0.068, "max", 0.27), summary.cyclicDefaults());
    }

    @Test
    void readsTheRecommendedRuleAndAnyRulesRate() {
        RangeTestSummary summary = RangeTestSummary.read(summary(full()));
        assertEquals("valley", summary.recommendedName());
        assertEquals(4.6e-3, summary.suggestedLr("valley"));
        assertEquals(2.7e-2, summary.suggestedLr("minimum"));
    }

    @Test
    void aMissingKeyNamesTheFileTheKeyAndTheRangeTestsReason() {
        Path file = summary(Suggestions.none(SuggestionMethod.VALLEY, "only 7 points after skipping the first 0 and last 5; run more steps"));
        RangeTestSummary summary = RangeTestSummary.read(file);
        LrlabException e = assertThrows(LrlabException.class, summary::cyclicDefaults);
        assertEquals(LrlabException.Kind.DATA, e.kind());
        assertEquals(file + ": missing key 'suggestions.cyclic.base_lr' (the range test made no suggestions: only 7 points "
                + "after skipping the first 0 and last 5; run more steps); rerun the range test or give the rates explicitly",
                e.getMessage());
        Path partial = summary(new Suggestions(List.of(new Suggestion(SuggestionMethod.VALLEY, 1e-3, 1, 1)), SuggestionMethod.VALLEY, null, ""));
        assertEquals(partial + ": missing key 'suggestions.cyclic.base_lr'; rerun the range test or give the rates explicitly",
                assertThrows(LrlabException.class, () -> RangeTestSummary.read(partial).cyclicDefaults()).getMessage());
        assertEquals(partial + ": missing key 'suggestions.steep.lr'; rerun the range test or give the rates explicitly",
                assertThrows(LrlabException.class, () -> RangeTestSummary.read(partial).suggestedLr("steep")).getMessage());
    }

    @Test
    void aRateThatIsNotAPositiveNumberIsRejected() throws IOException {
        Path file = dir.resolve("summary.json");
        Files.writeString(file, "{\"suggestions\": {\"default\": \"valley\", \"valley\": {\"lr\": \"NaN\"}}}");
        assertEquals(file + ": key 'suggestions.valley.lr' expected a positive learning rate, found NaN",
                assertThrows(LrlabException.class, () -> RangeTestSummary.read(file).suggestedLr("valley")).getMessage());
    }

    @Test
    void fileErrorsAreDataErrors() throws IOException {
        Path missing = dir.resolve("none.json");
        LrlabException e = assertThrows(LrlabException.class, () -> RangeTestSummary.read(missing));
        assertEquals(LrlabException.Kind.DATA, e.kind());
        assertEquals(missing + ": no such file; pass the summary.json a range test wrote", e.getMessage());
        Path notJson = dir.resolve("bad.json");
        Files.writeString(notJson, "step,lr\n");
        assertEquals(LrlabException.Kind.DATA, assertThrows(LrlabException.class, () -> RangeTestSummary.read(notJson)).kind());
        Path noSuggestions = dir.resolve("other.json");
        Files.writeString(noSuggestions, "{\"best\": 1}");
        assertEquals(noSuggestions + ": missing key 'suggestions'; pass the summary.json a range test wrote",
                assertThrows(LrlabException.class, () -> RangeTestSummary.read(noSuggestions)).getMessage());
    }
}
