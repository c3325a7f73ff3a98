package dev.lrlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrlab.LrlabException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowSampleTest {
    @Test
    void describesHowTheRowsAreDrawn() {
        assertEquals("all rows", RowSample.ALL.describe());
        assertEquals("all", RowSample.ALL.method());
        assertEquals("the first 100 rows", RowSample.first(100).describe());
        assertEquals("first", RowSample.first(100).method());
        assertEquals("a uniform sample of 5 rows (reservoir sampling, seed 2)", RowSample.uniform(5, 2).describe());
        assertEquals("a uniform sample of 5 rows of the first 100 rows (reservoir sampling, seed 2)",
                new RowSample(100, 5, 2).describe());
        assertEquals("reservoir", new RowSample(100, 5, 2).method());
    }

    @Test
    void indicesInMemoryAreTheFirstRowsOrTheReservoirsRows() {
        assertArrayEquals(new int[] {0, 1, 2}, RowSample.first(3).indices(10));
        assertArrayEquals(new int[] {0, 1}, RowSample.first(3).indices(2));
        assertArrayEquals(RowSample.reservoir(50, 4, 9), new RowSample(50, 4, 9).indices(80));
        assertArrayEquals(new int[] {0, 1, 2}, RowSample.uniform(10, 1).indices(3)); // fewer rows than asked: all
        assertEquals(4, RowSample.reservoir(1000, 4, 9).length);
    }

    @Test
    void refusesBadSizesAndASampleOfASeries() {
        assertEquals("`maxRows` must be at least 1, found 0",
                assertThrows(LrlabException.class, () -> RowSample.first(0)).getMessage());
        assertEquals("`sample` must be at least 1, found 0",
                assertThrows(LrlabException.class, () -> RowSample.uniform(0, 1)).getMessage());
        DataSpec series = DataSpec.csv(Path.of("s.csv"), "y").withWindow(new WindowSpec(3, List.of("y"), 1));
        LrlabException e = assertThrows(LrlabException.class, () -> series.withRows(RowSample.uniform(5, 1)));
        assertEquals(LrlabException.Kind.SETTING, e.kind());
        assertEquals("`sample` would take rows out of the series in s.csv that windows are cut from; drop it, or cut the"
                + " file to the rows wanted", e.getMessage());
    }
}
