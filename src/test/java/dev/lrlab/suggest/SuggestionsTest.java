package dev.lrlab.suggest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void lookupAndMap() {
        Suggestions s = new Suggestions(List.of(new Suggestion(SuggestionMethod.VALLEY, 0.003, 42, 0.8),
                new Suggestion(SuggestionMethod.STEEP, 0.001, 30, 1.1)), SuggestionMethod.VALLEY, new CyclicBounds(0.025, 0.1, 60, 0.5), "");
        assertEquals(0.003, s.recommended().orElseThrow().lr());
        assertEquals(30, s.get(SuggestionMethod.STEEP).orElseThrow().index());
        assertTrue(s.get(SuggestionMethod.SLIDE).isEmpty());
        assertEquals(Map.of("lr", 0.001, "index", 30, "loss", 1.1), s.toMap().get("steep"));
        assertEquals(List.of("default", "valley", "steep", "cyclic"), List.copyOf(s.toMap().keySet()));
        assertEquals(List.of("base_lr", "max_lr", "index", "loss"),
                List.copyOf(((Map<?, ?>) s.toMap().get("cyclic")).keySet()));
    }

    @Test
    void aNoteIsWrittenOnlyWhenThereIsOne() {
        Suggestions s = new Suggestions(List.of(new Suggestion(SuggestionMethod.MINIMUM, 1e-3, 14, 1.0, "clamped"),
                new Suggestion(SuggestionMethod.STEEP, 0.001, 30, 1.1)), SuggestionMethod.VALLEY, null, "");
        assertEquals(Map.of("lr", 1e-3, "index", 14, "loss", 1.0, "note", "clamped"), s.toMap().get("minimum"));
        assertEquals(Map.of("lr", 0.001, "index", 30, "loss", 1.1), s.toMap().get("steep"));
    }

    @Test
    void noneCarriesTheReason() {
        Suggestions s = Suggestions.none(SuggestionMethod.VALLEY, "too short");
        assertTrue(s.isEmpty());
        assertEquals(Map.of("default", "valley", "reason", "too short"), s.toMap());
    }
}
