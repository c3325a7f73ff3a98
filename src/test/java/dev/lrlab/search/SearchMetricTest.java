package dev.lrlab.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrlab.LrlabException;
import org.junit.jupiter.api.Test;

class SearchMetricTest {
    @Test
    void parsesTheCommandLineNamesInAnyCase() {
        assertEquals(SearchMetric.VAL_LOSS, SearchMetric.fromCliName("val_loss"));
        assertEquals(SearchMetric.LOSS, SearchMetric.fromCliName(" LOSS "));
        assertEquals("val_loss", SearchMetric.VAL_LOSS.cliName());
    }

    @Test
    void rejectsOtherNames() {
        assertEquals("`metric` expects val_loss or loss, found 'acc'",
                assertThrows(LrlabException.class, () -> SearchMetric.fromCliName("acc")).getMessage());
    }
}
