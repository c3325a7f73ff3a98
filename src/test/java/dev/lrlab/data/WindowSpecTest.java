package dev.lrlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrlab.LrlabException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WindowSpecTest {
    @Test
    void countsStepsSeriesAndRows() {
        WindowSpec window = new WindowSpec(5, List.of("Open", "Close"), 3);
        assertEquals(2, window.width());
        assertEquals(10, window.valuesPerSample());
        assertEquals(8, window.rowsPerSample());
        assertEquals("5 steps x 2 series (Open,Close), label 3 steps ahead", window.toString());
        assertEquals("1 step x 1 series (a), label 1 step ahead", new WindowSpec(1, List.of("a"), 1).toString());
    }

    @Test
    void refusesCountsBelowOneAndRepeatedSeries() {
        assertEquals("a window holds at least 1 step, found 0",
                assertThrows(LrlabException.class, () -> new WindowSpec(0, List.of("a"), 1)).getMessage());
        LrlabException horizon = assertThrows(LrlabException.class, () -> new WindowSpec(3, List.of("a"), 0));
        assertEquals(LrlabException.Kind.SETTING, horizon.kind());
        assertEquals("the label is read at least 1 row after the window (horizon 1), found horizon 0", horizon.getMessage());
        assertEquals("a window needs at least one series column, found none",
                assertThrows(LrlabException.class, () -> new WindowSpec(3, List.of(), 1)).getMessage());
        assertEquals("expected distinct series columns, found a,b,a",
                assertThrows(LrlabException.class, () -> new WindowSpec(3, List.of("a", "b", "a"), 1)).getMessage());
    }

    @Test
    void aDataSpecWithAWindowTakesTheOneSeriesAsLabelAndRefusesFeatureColumns() {
        Path data = Path.of("prices.csv");
        DataSpec spec = DataSpec.builder().setData(data).build()
                .withWindow(new WindowSpec(5, List.of("Close"), 1));
        assertEquals(Optional.of("Close"), spec.labelColumn());
        assertEquals(Optional.of("Volume"), DataSpec.csv(data, "Volume").withWindow(new WindowSpec(5, List.of("Close"), 1))
                .labelColumn());
        LrlabException noLabel = assertThrows(LrlabException.class, () -> DataSpec.builder().setData(data).build()
                .withWindow(new WindowSpec(5, List.of("Open", "Close"), 1)));
        assertEquals("a window of 2 series (Open,Close) needs a label column: which one the samples predict",
                noLabel.getMessage());
        LrlabException features = assertThrows(LrlabException.class, () -> DataSpec.csv(data, "Close", List.of("Open"))
                .withWindow(new WindowSpec(5, List.of("Close"), 1)));
        assertEquals(LrlabException.Kind.SETTING, features.kind());
        assertEquals("feature columns and series columns both name the features of prices.csv; with a window the series"
                + " columns are the features: drop the feature columns", features.getMessage());
        LrlabException skip = assertThrows(LrlabException.class, () -> DataSpec.builder().setData(data)
                .optLabelColumn("Close").optSkipIncomplete(true).optWindow(new WindowSpec(5, List.of("Close"), 1)).build());
        assertEquals("skipping rows with an empty cell would join the rows around them into one window of prices.csv;"
                + " fill the empty cells instead", skip.getMessage());
    }
}
