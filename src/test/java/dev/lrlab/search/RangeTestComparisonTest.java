package dev.lrlab.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RangeTestComparisonTest {
    @Test
    void measuresTheDistanceInDecades() {
        RangeTestComparison c = new RangeTestComparison(Path.of("r/summary.json"), "valley", 1e-3, 1e-2);
        assertEquals(10, c.ratio(), 1e-12);
        assertEquals(1, c.decades(), 1e-12);
        assertTrue(c.withinOneDecade());
        RangeTestComparison lower = new RangeTestComparison(Path.of("s"), "valley", 1e-2, 5e-4);
        assertEquals(-Math.log10(20), lower.decades(), 1e-12);
        assertFalse(lower.withinOneDecade());
    }

    @Test
    void mapsForTheSummaryInOrder() {
        RangeTestComparison c = new RangeTestComparison(Path.of("r/summary.json"), "valley", 0.5, 2);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("file", "r/summary.json");
        expected.put("method", "valley");
        expected.put("suggested_lr", 0.5);
        expected.put("searched_lr", 2.0);
        expected.put("ratio", 4.0);
        expected.put("decades", Math.log10(4));
        assertEquals(expected, c.toMap());
        assertEquals(java.util.List.copyOf(expected.keySet()), java.util.List.copyOf(c.toMap().keySet()));
    }
}
