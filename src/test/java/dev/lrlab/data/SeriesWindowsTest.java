package dev.lrlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows cut from a table whose row r (0-based, on line r + 2) holds day = r + 1, a = r + 1, b = 10 (r + 1) and
 * y = 100 (r + 1): a value names its row, so every window and label below is derived by hand.
 */
class SeriesWindowsTest {
    @TempDir
    Path temp;

    private Path table(int rows) throws IOException {
        StringBuilder csv = new StringBuilder("day,a,b,y\n");
        for (int r = 1; r <= rows; r++) {
            csv.append(r).append(',').append(r).append(',').append(10 * r).append(',').append(100 * r).append('\n');
        }
        return Files.writeString(temp.resolve("series.csv"), csv);
    }

    private static Dataset rows(Path file, String label, WindowSpec window) {
        return new DatasetLoader().load(DataSpec.builder().setData(file).optLabelColumn(label).build()
                .withWindow(window));
    }

    @Test
    void tenRowsThreeStepsTwoSeriesHorizonTwoGiveSixWindowsTimeMajor() throws IOException {
        Path file = table(10);
        WindowSpec window = new WindowSpec(3, List.of("a", "b"), 2);
        Dataset rows = rows(file, "y", window);
        assertEquals(List.of("a", "b"), rows.featureNames()); // day is not read
        Dataset all = SeriesWindows.all(rows, window);
        // A sample spans T + H = 5 rows, so 10 - 5 + 1 = 6 windows, starting at rows 0..5.
        assertEquals(6, all.size());
        assertArrayEquals(new int[] {3, 2}, all.exampleShape());
        assertEquals(List.of("a[t-2]", "b[t-2]", "a[t-1]", "b[t-1]", "a[t]", "b[t]"), all.featureNames());
        // Window 0: rows 0, 1, 2 as (a, b) per step; label y of row 0 + 3 - 1 + 2 = 4, i.e. 500, on line 6.
        assertArrayEquals(new float[] {1, 10, 2, 20, 3, 30}, all.select(new int[] {0}).features());
        assertEquals(500f, all.label(0));
        assertEquals(file + ":6", all.where(0));
        // Window 5 (the last): rows 5, 6, 7; label y of row 9 = 1000, the last line (11).
        assertArrayEquals(new float[] {6, 60, 7, 70, 8, 80}, all.select(new int[] {5}).features());
        assertEquals(1000f, all.label(5));
        assertEquals(file + ":11", all.where(5));
        assertArrayEquals(new float[] {500, 600, 700, 800, 900, 1000}, all.labels());
    }

    @Test
    void theLabelMayBeTheSeriesItselfAndHorizonOneIsTheNextRow() throws IOException {
        Path file = table(6);
        WindowSpec window = new WindowSpec(2, List.of("b"), 1);
        Dataset all = SeriesWindows.all(rows(file, null, window), window); // no label column: the series
        assertEquals(List.of("b"), all.labelNames());
        // windows (10, 20) -> 30, (20, 30) -> 40, ..., (40, 50) -> 60
        assertArrayEquals(new float[] {10, 20, 20, 30, 30, 40, 40, 50}, all.features());
        assertArrayEquals(new float[] {30, 40, 50, 60}, all.labels());
    }

    @Test
    void splitIsChronologicalAndNoWindowStraddlesIt() throws IOException {
        Path file = table(20);
        WindowSpec window = new WindowSpec(3, List.of("a", "b"), 2);
        SeriesWindows.Windowed windowed = SeriesWindows.split(rows(file, "y", window), window, 0.25);
        // 20 rows, 0.25 held out: the last 5 rows (15..19) validate, the first 15 train.
        assertEquals(15, windowed.trainRows());
        Split split = windowed.split();
        // 15 - 5 + 1 = 11 training windows (starts 0..10), 5 - 5 + 1 = 1 validation window (start 15).
        assertEquals(11, split.train().size());
        assertEquals(1, split.validation().size());
        for (int i = 0; i < split.train().size(); i++) {
            // a of a window's first step is its first row + 1; its label row is first row + 4 = label / 100 - 1
            int first = (int) split.train().feature(i, 0) - 1;
            int labelRow = (int) split.train().label(i) / 100 - 1;
            assertEquals(i, first);
            assertEquals(first + 4, labelRow);
            assertTrue(labelRow < 15, "training window " + i + " reads row " + labelRow);
        }
        assertArrayEquals(new float[] {16, 160, 17, 170, 18, 180}, split.validation().features());
        assertArrayEquals(new float[] {2000}, split.validation().labels());
        // The samples hold both parts, training first.
        assertEquals(12, windowed.samples().size());
        assertEquals(2000f, windowed.samples().label(11));
        assertEquals(500f, windowed.samples().label(0));
    }

    @Test
    void zeroFractionKeepsEveryWindowForTraining() throws IOException {
        Path file = table(10);
        WindowSpec window = new WindowSpec(3, List.of("a"), 1);
        Split split = SeriesWindows.split(rows(file, "y", window), window, 0).split();
        assertEquals(7, split.train().size()); // 10 - 4 + 1
        assertEquals(0, split.validation().size());
        assertEquals(List.of("a[t-2]", "a[t-1]", "a[t]"), split.validation().featureNames());
        LrlabException e = assertThrows(LrlabException.class,
                () -> SeriesWindows.all(rows(file, "y", window), new WindowSpec(8, List.of("a"), 3)));
        assertEquals("a window of 8 steps x 1 series (a), label 3 steps ahead spans 11 consecutive rows, but " + file
                + " has only 10 rows (lines 2 to 11); use a shorter window or horizon, a different validation fraction,"
                + " or more rows", e.getMessage());
    }

    @Test
    void aPartShorterThanOneSampleIsADataError() throws IOException {
        Path file = table(10);
        WindowSpec window = new WindowSpec(3, List.of("a", "b"), 2);
        // 10 rows, 0.2 held out: the validation part is rows 8..9 (lines 10 and 11), 2 rows for a 5-row sample.
        LrlabException e = assertThrows(LrlabException.class,
                () -> SeriesWindows.split(rows(file, "y", window), window, 0.2));
        assertEquals(LrlabException.Kind.DATA, e.kind());
        assertEquals("a window of 3 steps x 2 series (a,b), label 2 steps ahead spans 5 consecutive rows, but the"
                + " validation part of " + file + " has only 2 rows (lines 10 to 11); use a shorter window or horizon, a"
                + " different validation fraction, or more rows", e.getMessage());
        WindowSpec tooLong = new WindowSpec(10, List.of("a"), 1);
        LrlabException whole = assertThrows(LrlabException.class,
                () -> SeriesWindows.split(rows(file, "y", tooLong), tooLong, 0.2));
        assertEquals("a window of 10 steps x 1 series (a), label 1 step ahead spans 11 consecutive rows, but the"
                + " training part of " + file + " has only 8 rows (lines 2 to 9); use a shorter window or horizon, a"
                + " different validation fraction, or more rows", whole.getMessage());
    }

    @Test
    void aMissingOrNonNumericSeriesColumnIsADataErrorNamingFileAndLine() throws IOException {
        Path file = table(6);
        LrlabException missing = assertThrows(LrlabException.class,
                () -> rows(file, "y", new WindowSpec(2, List.of("a", "close"), 1)));
        assertEquals(LrlabException.Kind.DATA, missing.kind());
        assertEquals("no series column 'close' in " + file + "; columns found: 'day', 'a', 'b', 'y'", missing.getMessage());
        Path text = Files.writeString(temp.resolve("text.csv"), "a,y\n1,2\n3,4\nn/a,5\n");
        LrlabException word = assertThrows(LrlabException.class,
                () -> rows(text, "y", new WindowSpec(1, List.of("a"), 1)));
        assertEquals(LrlabException.Kind.DATA, word.kind());
        assertEquals(text + ":4:1: expected a number in column 'a', found 'n/a'", word.getMessage());
    }

    @Test
    void windowsComeFromCsvOnly() {
        Path npy = temp.resolve("x.npy");
        TestData.write(npy, TestData.npy("<f4", "(2, 1)", TestData.littleFloats(new float[] {1, 2})));
        DataSpec spec = DataSpec.builder().setData(npy).optLabels(npy).optWindow(new WindowSpec(1, List.of("a"), 1))
                .build();
        LrlabException e = assertThrows(LrlabException.class, () -> new DatasetLoader().load(spec));
        assertEquals(LrlabException.Kind.SETTING, e.kind());
        assertEquals(npy + " is .npy data: windows are cut from the series columns of a CSV file; give a CSV, or samples"
                + " already shaped as windows", e.getMessage());
    }
}
