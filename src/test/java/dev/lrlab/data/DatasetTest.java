package dev.lrlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DatasetTest {
    private static Dataset twoByTwo() {
        return Dataset.builder()
                .features(new float[] {1, 2, 3, 4, 5, 6})
                .labels(new float[] {0, 1, 1})
                .featureNames(List.of("x", "y"))
                .classNames(List.of("no", "yes"))
                .source("t.csv")
                .build();
    }

    @Test
    void exposesWhatItWasBuiltWith() {
        Dataset d = twoByTwo();
        assertEquals(3, d.size());
        assertEquals(2, d.featureCount());
        assertEquals(List.of("x", "y"), d.featureNames());
        assertArrayEquals(new int[] {2}, d.exampleShape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, d.features());
        assertArrayEquals(new float[] {0, 1, 1}, d.labels());
        assertEquals(Optional.of(List.of("no", "yes")), d.classNames());
        assertEquals("t.csv", d.source());
        assertEquals(4f, d.feature(1, 1));
        assertEquals(1f, d.label(2));
        assertEquals("Dataset[3 examples x 2 features, shape [2], 2 classes, from t.csv]", d.toString());
    }

    @Test
    void isImmutable() {
        float[] f = {1, 2, 3, 4};
        float[] l = {0, 1};
        int[] shape = {2, 1};
        Dataset d = Dataset.builder().features(f).labels(l).featureNames(List.of("a", "b"))
                .exampleShape(shape).source("s").build();
        f[0] = 99;
        l[0] = 99;
        shape[0] = 7;
        d.features()[1] = 99;
        d.labels()[1] = 99;
        d.exampleShape()[1] = 7;
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.features());
        assertArrayEquals(new float[] {0, 1}, d.labels());
        assertArrayEquals(new int[] {2, 1}, d.exampleShape());
        assertThrows(UnsupportedOperationException.class, () -> d.featureNames().add("c"));
    }

    @Test
    void builderRejectsPartsThatDisagree() {
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> Dataset.builder()
                .features(new float[5]).labels(new float[3]).featureNames(List.of("a", "b")).source("s").build());
        assertEquals("expected 3 x 2 = 6 feature values, found 5", count.getMessage());

        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> Dataset.builder()
                .features(new float[12]).labels(new float[2]).featureNames(Dataset.numberedNames("p", 6))
                .exampleShape(2, 2).source("s").build());
        assertEquals("expected an example shape whose product is the feature count 6, found [2, 2]",
                shape.getMessage());

        IllegalArgumentException classes = assertThrows(IllegalArgumentException.class, () -> Dataset.builder()
                .features(new float[2]).labels(new float[] {0, 2}).featureNames(List.of("a"))
                .classNames(List.of("x", "y")).source("s").build());
        assertEquals("expected labels that index the 2 class names, found 2.0 at row 1", classes.getMessage());

        IllegalArgumentException names = assertThrows(IllegalArgumentException.class, () -> Dataset.builder()
                .features(new float[2]).labels(new float[1]).featureNames(List.of("a", "a")).source("s").build());
        assertEquals("expected distinct feature names, found [a, a]", names.getMessage());

        assertThrows(IllegalArgumentException.class, () -> Dataset.builder().labels(new float[0])
                .featureNames(List.of("a")).source("s").build());
    }

    @Test
    void selectCopiesRowsInTheGivenOrderAndKeepsMetadata() {
        Dataset d = TestData.table(4);
        Dataset s = d.select(new int[] {3, 0, 3});
        assertEquals(3, s.size());
        assertArrayEquals(new float[] {30, 31, 32, 0, 1, 2, 30, 31, 32}, s.features());
        assertArrayEquals(new float[] {3, 0, 3}, s.labels());
        assertEquals(d.featureNames(), s.featureNames());
        assertEquals(d.source(), s.source());
        assertEquals(0, d.select(new int[0]).size());
        assertThrows(IndexOutOfBoundsException.class, () -> d.select(new int[] {4}));
    }

    @Test
    void gatherMakesABatch() {
        Batch b = TestData.table(3).gather(new int[] {2, 1});
        assertEquals(2, b.size());
        assertEquals(3, b.featureCount());
        assertArrayEquals(new float[] {20, 21, 22, 10, 11, 12}, b.features());
        assertArrayEquals(new float[] {2, 1}, b.labels());
    }

    @Test
    void columnsPullsNamedColumnsRowMajor() {
        Dataset d = TestData.table(2);
        assertArrayEquals(new float[] {2, 0, 12, 10}, d.columns(List.of("c", "a")));
        assertArrayEquals(new int[] {1}, d.columnIndices(List.of("b")));
        LrlabException e = assertThrows(LrlabException.class, () -> d.columns(List.of("a", "z")));
        assertEquals(LrlabException.Kind.DATA, e.kind());
        assertEquals("no feature column 'z' in table; expected one of 'a', 'b', 'c'", e.getMessage());
    }

    @Test
    void countsDistinctLabelsAndTellsIntegerLabels() {
        assertEquals(2, twoByTwo().distinctLabelCount());
        assertTrue(twoByTwo().labelsAreIntegers());
        Dataset regression = Dataset.builder().features(new float[3]).labels(new float[] {0.5f, -0f, 0f})
                .featureNames(List.of("a")).source("s").build();
        assertEquals(2, regression.distinctLabelCount());
        assertFalse(regression.labelsAreIntegers());
    }

    @Test
    void shortensLongNameListsInMessages() {
        String text = Dataset.describeNames(Dataset.numberedNames("p", 25));
        assertTrue(text.startsWith("'p0', 'p1', "), text);
        assertTrue(text.endsWith("'p19', ... (25 in all)"), text);
    }

    @Test
    void ofArraysCopiesRowsInOrderAndNamesFeaturesAsNpyDoes() {
        float[][] features = {{1, 2, 3}, {4, 5, 6}};
        float[] labels = {0, 2};
        Dataset d = Dataset.of(features, labels);
        features[0][0] = 99;
        labels[1] = 99;
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, d.features());
        assertArrayEquals(new float[] {0, 2}, d.labels());
        assertEquals(List.of("feature0", "feature1", "feature2"), d.featureNames());
        assertEquals(List.of("label"), d.labelNames());
        assertArrayEquals(new int[] {3}, d.exampleShape());
        assertEquals("arrays (example 2)", d.where(1));
    }

    @Test
    void ofArraysRefusesWhatNoFileReaderWouldPassWithADataError() {
        assertEquals("expected one label per example, found 1 labels for 2 feature rows",
                dataError(() -> Dataset.of(new float[][] {{1}, {2}}, new float[] {0})));
        assertEquals("expected 2 features in every row (as in row 0), found 1 in row 1",
                dataError(() -> Dataset.of(new float[][] {{1, 2}, {3}}, new float[] {0, 1})));
        assertEquals("expected at least one example, found no feature rows",
                dataError(() -> Dataset.of(new float[0][], new float[0])));
        assertEquals("expected at least one feature per example, found none in row 0",
                dataError(() -> Dataset.of(new float[][] {{}}, new float[] {0})));
        assertEquals("feature 1 of row 0 is NaN; expected a finite number",
                dataError(() -> Dataset.of(new float[][] {{1, Float.NaN}}, new float[] {0})));
        assertEquals("the label of row 1 is Infinity; expected a finite number",
                dataError(() -> Dataset.of(new float[][] {{1}, {2}}, new float[] {0, Float.POSITIVE_INFINITY})));
    }

    private static String dataError(org.junit.jupiter.api.function.Executable call) {
        LrlabException e = assertThrows(LrlabException.class, call);
        assertEquals(dev.lrlab.LrlabException.Kind.DATA, e.kind());
        return e.getMessage();
    }
}
