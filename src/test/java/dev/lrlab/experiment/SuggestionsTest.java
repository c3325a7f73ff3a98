package dev.lrlab.experiment;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuggestionsTest {
    @Test
    void lookupAndMap() {
        Suggestions s = new Suggestions(List.of(new Suggestion("valley", 0.003, 42, 0.8),
                new Suggestion("steep", 0.001, 30, 1.1)), "valley", new CyclicBounds(0.025, 0.1, 60, 0.5), "");
        assertEquals(0.003, s.recommended().orElseThrow().lr());
        assertEquals(30, s.get("steep").orElseThrow().index());
        assertTrue(s.get("slide").isEmpty());
        assertEquals(Map.of("lr", 0.001, "index", 30, "loss", 1.1), s.toMap().get("steep"));
        assertEquals(List.of("default", "valley", "steep", "cyclic"), List.copyOf(s.toMap().keySet()));
        assertEquals(List.of("base_lr", "max_lr", "index", "loss"),
                List.copyOf(((Map<?, ?>) s.toMap().get("cyclic")).keySet()));
    }

    @Test
    void aNoteIsWrittenOnlyWhenThereIsOne() {
        Suggestions s = new Suggestions(List.of(new Suggestion("minimum", 1e-3, 14, 1.0, "clamped"),
                new Suggestion("steep", 0.001, 30, 1.1)), "valley", null, "");
        assertEquals(Map.of("lr", 1e-3, "index", 14, "loss", 1.0, "note", "clamped"), s.toMap().get("minimum"));
        assertEquals(Map.of("lr", 0.001, "index", 30, "loss", 1.1), s.toMap().get("steep"));
    }

    @Test
    void noneCarriesTheReason() {
        Suggestions s = Suggestions.none("valley", "too short");
        assertTrue(s.isEmpty());
        assertEquals(Map.of("default", "valley", "reason", "too short"), s.toMap());
    }
}
