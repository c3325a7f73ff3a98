package dev.lrlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetReaderTest {
    @TempDir
    Path dir;

    private final CsvDatasetReader reader = new CsvDatasetReader();

    private Path csv(String content) {
        return TestData.write(dir.resolve("data.csv"), content);
    }

    private LrlabException fails(Path file, String label) {
        LrlabException e = assertThrows(LrlabException.class, () -> reader.read(file, label));
        assertEquals(LrlabException.Kind.DATA, e.kind());
        return e;
    }

    @Test
    void readsNumericFeaturesAndLabels() {
        Path file = csv("a,y,b\n1,0,2.5\n-3e2,1,0.125\n");
        Dataset d = reader.read(file, "y");
        assertEquals(2, d.size());
        assertEquals(List.of("a", "b"), d.featureNames());
        assertArrayEquals(new float[] {1, 2.5f, -300, 0.125f}, d.features());
        assertArrayEquals(new float[] {0, 1}, d.labels());
        assertEquals(Optional.empty(), d.classNames());
        assertEquals(file.toString(), d.source());
    }

    @Test
    void explicitFeatureColumnsComeInTheOrderNamed() {
        Dataset d = reader.read(csv("a,b,c,y\n1,2,3,9\n"), "y", List.of("c", "a"));
        assertEquals(List.of("c", "a"), d.featureNames());
        assertArrayEquals(new float[] {3, 1}, d.features());
        assertArrayEquals(new float[] {9}, d.labels());
    }

    @Test
    void stripsAUtf8ByteOrderMarkAndReadsCrLfAndQuotes() {
        Path file = csv("\uFEFFage,\"target\"\r\n\" 42 \",1\r\n7,\"0\"\r\n");
        Dataset d = reader.read(file, "target");
        assertEquals(List.of("age"), d.featureNames());
        assertArrayEquals(new float[] {42, 7}, d.features());
        assertArrayEquals(new float[] {1, 0}, d.labels());
    }

    @Test
    void classNameLabelsMapToSortedIndices() {
        Dataset d = reader.read(csv("x,kind\n1,dog\n2,cat\n3,bird\n4,dog\n5,10\n"), "kind");
        assertEquals(Optional.of(List.of("10", "bird", "cat", "dog")), d.classNames());
        assertArrayEquals(new float[] {3, 2, 1, 3, 0}, d.labels());
    }

    @Test
    void skipsBlankLinesButCountsThemInLineNumbers() {
        Path file = csv("a,b,y\n1,2,0\n\n\n3,abc,1\n");
        assertEquals(file + ":5:2: expected a number in column 'b', found 'abc'", fails(file, "y").getMessage());
        assertEquals(2, reader.read(csv("a,y\n1,0\n\n2,1\n\n"), "y").size());
    }

    @Test
    void badCellNamesFileLineColumnAndColumnName() {
        StringBuilder text = new StringBuilder("id,x,age,y\n");
        for (int i = 2; i < 17; i++) {
            text.append(i).append(",0,").append(i).append(",1\n");
        }
        text.append("17,0,abc,1\n");
        Path file = csv(text.toString());
        assertEquals(file + ":17:3: expected a number in column 'age', found 'abc'", fails(file, "y").getMessage());
    }

    @Test
    void lineNumbersArePhysicalAfterAQuotedMultiLineCell() {
        Path file = csv("note,x,y\n\"two\nlines\",1,0\nok,2,1\n");
        // 'note' is a feature here, so its multi-line text is the first bad cell, on line 2.
        assertEquals(file + ":2:1: expected a number in column 'note', found 'two\\nlines'",
                fails(file, "y").getMessage());
        // Text in a column that is not a feature is never parsed.
        assertEquals(3, reader.read(csv("x,note,y\n1,\"a\nb\",0\n2,c,1\n3,d,1\n"), "y", List.of("x")).size());
        Path third = csv("x,note,y\n1,\"a\nb\",0\nbad,c,1\n");
        LrlabException onLine4 = assertThrows(LrlabException.class, () -> reader.read(third, "y", List.of("x")));
        assertEquals(third + ":4:1: expected a number in column 'x', found 'bad'", onLine4.getMessage());
    }

    @Test
    void emptyNanAndOutOfRangeCellsAreErrors() {
        Path empty = csv("a,y\n,1\n");
        assertEquals(empty + ":2:1: expected a number in column 'a', found an empty cell; fill it, or skip rows with"
                + " empty cells (`skipIncomplete`)", fails(empty, "y").getMessage());
        Path nan = csv("a,y\nNaN,1\n");
        assertEquals(nan + ":2:1: expected a finite number in column 'a', found 'NaN' (missing values are not"
                + " supported: fill or remove that row)", fails(nan, "y").getMessage());
        Path big = csv("a,y\n1e39,1\n");
        assertEquals(big + ":2:1: expected a number within float range in column 'a', found '1e39'",
                fails(big, "y").getMessage());
        Path comma = csv("a,y\n\"1,5\",1\n");
        assertEquals(comma + ":2:1: expected a number in column 'a', found '1,5'", fails(comma, "y").getMessage());
        Path label = csv("a,y\n1,\n");
        assertEquals(label + ":2:2: expected a label in column 'y', found an empty cell; fill it, or skip rows with"
                + " empty cells (`skipIncomplete`)", fails(label, "y").getMessage());
    }

    @Test
    void longCellsAreCutInMessages() {
        Path file = csv("a,y\n" + "x".repeat(50) + ",1\n");
        assertEquals(file + ":2:1: expected a number in column 'a', found '" + "x".repeat(40) + "...'",
                fails(file, "y").getMessage());
    }

    @Test
    void rowsWithTheWrongNumberOfCellsAreErrors() {
        Path shortRow = csv("a,b,y\n1,2,0\n1,2\n");
        assertEquals(shortRow + ":3: expected 3 cells as in the header, found 2", fails(shortRow, "y").getMessage());
        Path longRow = csv("a,b,y\n1,2,0,4\n");
        assertEquals(longRow + ":2: expected 3 cells as in the header, found 4", fails(longRow, "y").getMessage());
    }

    @Test
    void missingLabelColumnNamesItAndListsTheColumns() {
        Path file = csv("a,b,label\n1,2,0\n");
        assertEquals("no label column 'target' in " + file + "; columns found: 'a', 'b', 'label'",
                fails(file, "target").getMessage());
        Path semicolons = csv("a;b;y\n1;2;0\n");
        assertEquals("no label column 'y' in " + semicolons + "; columns found: 'a;b;y'; the header has one column"
                + " containing ';' or a tab: lrlab reads comma-separated files", fails(semicolons, "y").getMessage());
    }

    @Test
    void featureColumnsMustExistDifferFromTheLabelAndAppearOnce() {
        Path file = csv("a,b,y\n1,2,0\n");
        LrlabException unknown = assertThrows(LrlabException.class, () -> reader.read(file, "y", List.of("a", "z")));
        assertEquals("no feature column 'z' in " + file + "; columns found: 'a', 'b', 'y'", unknown.getMessage());
        LrlabException label = assertThrows(LrlabException.class, () -> reader.read(file, "y", List.of("y")));
        assertEquals("column 'y' of " + file + " is a label column; it cannot also be a feature", label.getMessage());
        LrlabException twice = assertThrows(LrlabException.class, () -> reader.read(file, "y", List.of("a", "a")));
        assertEquals("feature column 'a' is named twice; expected each once", twice.getMessage());
        LrlabException none = assertThrows(LrlabException.class, () -> reader.read(file, "y", List.of()));
        assertEquals("expected at least one feature column for " + file + ", found none", none.getMessage());
        Path onlyLabel = csv("y\n1\n");
        assertEquals(onlyLabel + " has only the label column 'y'; expected at least one feature column",
                fails(onlyLabel, "y").getMessage());
    }

    @Test
    void badHeadersAreErrors() {
        Path dup = csv("a,b,a,y\n1,2,3,0\n");
        assertEquals(dup + ":1:3: column name 'a' appears twice in the header (columns 1 and 3); expected distinct"
                + " names", fails(dup, "y").getMessage());
        Path blank = csv("a,,y\n1,2,0\n");
        assertEquals(blank + ":1:2: expected a column name in the header, found an empty cell",
                fails(blank, "y").getMessage());
    }

    @Test
    void emptyFilesAreErrors() {
        Path empty = csv("");
        assertEquals(empty + " is empty; expected a header row naming the columns, then data rows",
                fails(empty, "y").getMessage());
        Path bomOnly = TestData.write(dir.resolve("bom.csv"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        assertEquals(bomOnly + " is empty; expected a header row naming the columns, then data rows",
                fails(bomOnly, "y").getMessage());
        Path headerOnly = csv("a,y\n");
        assertEquals(headerOnly + " has a header but no data rows; expected at least one row",
                fails(headerOnly, "y").getMessage());
    }

    @Test
    void encodingProblemsAreErrors() {
        Path utf16 = TestData.write(dir.resolve("u16.csv"), "\uFEFFa,y\n1,0\n".getBytes(StandardCharsets.UTF_16BE));
        assertEquals(utf16 + " is UTF-16 text; expected UTF-8: save it as UTF-8 CSV", fails(utf16, "y").getMessage());
        Path latin1 = TestData.write(dir.resolve("l1.csv"), "caf\u00e9,y\n1,0\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(latin1 + " is not UTF-8 text; expected a UTF-8 CSV file: save it as UTF-8",
                fails(latin1, "y").getMessage());
        Dataset utf8 = reader.read(csv("caf\u00e9,y\n1,0\n"), "y");
        assertEquals(List.of("caf\u00e9"), utf8.featureNames());
    }

    @Test
    void malformedQuotingIsAnError() {
        Path file = csv("a,y\n\"1\"x,0\n");
        String message = fails(file, "y").getMessage();
        assertTrue(message.startsWith(file + ": malformed CSV: "), message);
    }

    @Test
    void missingFileNamesThePath() {
        Path missing = dir.resolve("nope.csv");
        assertTrue(fails(missing, "y").getMessage().startsWith("CSV file not found: " + missing + " (working directory "));
        assertEquals("CSV file " + dir + " is a directory; expected a file", fails(dir, "y").getMessage());
    }

    @Test
    void readsTheSharedHeartFixtureWithItsByteOrderMark() {
        Path file = dev.lrlab.Fixtures.shared("keras_heart_mlp.csv");
        Dataset d = reader.read(file, "target");
        assertEquals(303, d.size());
        assertEquals(13, d.featureCount());
        assertEquals(List.of("age", "sex", "cp", "trestbps", "chol", "fbs", "restecg", "thalach", "exang",
                "oldpeak", "slope", "ca", "thal"), d.featureNames());
        // First data row of the file: 63,1,3,145,233,1,0,150,0,2.3,0,0,1,1
        assertArrayEquals(new float[] {63, 1, 3, 145, 233, 1, 0, 150, 0, 2.3f, 0, 0, 1},
                d.select(new int[] {0}).features());
        assertEquals(1f, d.label(0));
        assertEquals(2, d.distinctLabelCount());
        assertTrue(d.labelsAreIntegers());
        assertEquals(Optional.empty(), d.classNames());
    }

    private Dataset read(Path file, String label, java.util.function.UnaryOperator<DataSpec> options) {
        return reader.read(options.apply(DataSpec.csv(file, label)));
    }

    @Test
    void textColumnsKeepTheirCellsAsWrittenAndStoreIndicesOfFirstAppearance() {
        Path file = csv("kind,age,y\ncat, 007 ,1\ndog,12,0\n\ncat,,1\n");
        Dataset d = read(file, "y", spec -> spec.withTextColumns(java.util.Set.of("kind", "age"), false));
        assertEquals(List.of("cat", "dog"), d.textColumn("kind").orElseThrow().values());
        assertArrayEquals(new int[] {2, 3}, d.textColumn("kind").orElseThrow().firstLines());
        assertEquals(List.of("007", "12", ""), d.textColumn("age").orElseThrow().values());
        assertArrayEquals(new int[] {2, 3, 5}, d.textColumn("age").orElseThrow().firstLines());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 2}, d.features());
        assertEquals(file + ":5", d.where(2), "the blank line is counted");
        assertEquals(file + ":2", d.select(new int[] {2, 0}).where(1));
        Dataset all = read(file, "y", spec -> spec.withTextColumns(java.util.Set.of(), true));
        assertEquals(java.util.Set.of("kind", "age"), all.textColumns().keySet());
    }

    /**
     * Text columns stream too: a sample of a file with a text feature and class-name labels holds the rows the whole
     * read's selection holds (features, codes, lines), while its dictionaries and classes are the whole file's, even
     * for values only rows left out hold.
     */
    @Test
    void aSampleOfATextFileIsTheWholeReadsSelectionWithTheWholeFilesClasses() {
        StringBuilder text = new StringBuilder("kind,x,y\n");
        for (int i = 0; i < 3000; i++) {
            text.append("k").append(i % 7).append(',').append(i).append(',').append(i == 2999 ? "zebra" : "c" + i % 3)
                    .append('\n');
            if (i == 1000) {
                text.append("\r\n\n"); // blank lines count as lines
            }
        }
        text.append("k-last,3000,c0\n");
        Path file = csv(text.toString());
        java.util.function.UnaryOperator<DataSpec> kind = spec -> spec.withTextColumns(java.util.Set.of("kind"), false);
        Dataset all = read(file, "y", kind);
        Dataset sample = read(file, "y", spec -> kind.apply(spec).withRows(RowSample.uniform(100, 5)));
        int[] kept = RowSample.reservoir(3001, 100, 5);
        Dataset expected = all.select(kept);
        assertEquals(100, sample.size());
        assertArrayEquals(expected.features(), sample.features());
        assertArrayEquals(expected.labels(), sample.labels());
        for (int i = 0; i < 100; i++) {
            assertEquals(expected.where(i), sample.where(i));
            assertEquals(file + ":" + (kept[i] + (kept[i] > 1000 ? 4 : 2)), sample.where(i));
        }
        assertEquals(List.of("c0", "c1", "c2", "zebra"), sample.classNames().orElseThrow());
        assertEquals(List.of("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k-last"),
                sample.textColumn("kind").orElseThrow().values());
        assertArrayEquals(all.textColumn("kind").orElseThrow().firstLines(),
                sample.textColumn("kind").orElseThrow().firstLines());
        Dataset first = read(file, "y", spec -> kind.apply(spec).withRows(RowSample.first(10)));
        assertArrayEquals(all.select(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}).features(), first.features());
        assertEquals(List.of("c0", "c1", "c2"), first.classNames().orElseThrow(), "the first rows only are read");
    }

    @Test
    void aStreamedTextFileStillNamesTheLineOfABadCellFarIntoIt() {
        StringBuilder text = new StringBuilder("\uFEFFkind,x,y\n");
        for (int i = 0; i < 20_000; i++) {
            text.append(i == 15_000 ? "a,\"multi\nline\",1\n" : "a,1,0\n");
        }
        Path file = csv(text.toString());
        LrlabException e = assertThrows(LrlabException.class,
                () -> read(file, "y", spec -> spec.withTextColumns(java.util.Set.of("kind"), false)));
        assertEquals(file + ":15002:2: expected a number in column 'x', found 'multi\\nline'", e.getMessage());
        assertEquals(List.of("kind", "x"), read(file, "y", spec -> spec.withTextColumns(java.util.Set.of("kind", "x"),
                false)).featureNames(), "the byte-order mark is not part of the first name");
    }

    @Test
    void severalLabelColumnsByNameOrPrefixGiveRowsOfLabels() {
        Path file = csv("x,y1,note,y0\n1,10,a,20\n2,11,b,21\n");
        Dataset named = read(file, "y0,y1", spec -> spec.withTextColumns(java.util.Set.of("note"), false));
        assertEquals(2, named.labelWidth());
        assertEquals(List.of("y0", "y1"), named.labelNames());
        assertArrayEquals(new float[] {20, 10, 21, 11}, named.labels());
        assertEquals(List.of("x", "note"), named.featureNames());
        assertEquals(11f, named.labelAt(1, 1));
        Dataset prefixed = read(file, "y*", spec -> spec.withTextColumns(java.util.Set.of("note"), false));
        assertEquals(List.of("y1", "y0"), prefixed.labelNames(), "file order");
        assertArrayEquals(new float[] {10, 20, 11, 21}, prefixed.labels());
        assertArrayEquals(new float[] {11, 21}, prefixed.select(new int[] {1}).labels());
        assertEquals("no column of " + file + " starts with 'z' (label columns z*); columns found: 'x', 'y1', 'note', 'y0'",
                assertThrows(LrlabException.class, () -> reader.read(file, "z*")).getMessage());
        Path nan = csv("x,y0,y1\n1,2,3\n4,NaN,6\n");
        assertEquals(nan + ":3: expected a finite number in label column 'y0', found 'NaN'; several label columns hold"
                + " numbers only; fix or remove that row", assertThrows(LrlabException.class,
                () -> reader.read(nan, "y0,y1")).getMessage());
        Path comma = csv("x,\"diagnosis(1=m, 0=b)\"\n1,0\n");
        assertEquals(List.of("diagnosis(1=m, 0=b)"), reader.read(comma, "diagnosis(1=m, 0=b)").labelNames(),
                "a column named with a comma is one label column");
    }

    @Test
    void aNumericLabelColumnWithAStrayNanOrWordIsRefusedNotReadAsClassNames() {
        Path nan = csv("x,y\n1,0.5\n2,NaN\n3,1.5\n");
        assertEquals(nan + ":3: label column 'y' holds numbers ('0.5' at line 2) and a missing or infinite value 'NaN';"
                + " expected numbers only (a regression target or class indices) or class names only: fix or remove that"
                + " row", fails(nan, "y").getMessage());
        Path word = csv("x,y\n1,3\n2,4\n3,n/a\n");
        assertEquals(word + ":4: label column 'y' holds numbers ('3' at line 2) and text 'n/a'; expected numbers only"
                + " (a regression target or class indices) or class names only: fix or remove that row",
                fails(word, "y").getMessage());
    }

    @Test
    void rowsWithAnEmptyUsedCellAreSkippedAndCountedWhenAsked() {
        Path file = csv("a,b,unused,y\n1,2,,0\n,3,x,1\n4,5,x,\n6,7,x,1\n");
        Dataset d = reader.read(DataSpec.csv(file, "y", List.of("a", "b")).withSkipIncomplete(true));
        assertEquals(2, d.skippedRows());
        assertArrayEquals(new float[] {0, 1}, d.labels());
        assertEquals(file + ":5", d.where(1));
        Path empty = csv("a,y\n,1\n");
        assertEquals(empty + " has no row without an empty cell (1 skipped); expected at least one complete row",
                assertThrows(LrlabException.class, () -> read(empty, "y", spec -> spec.withSkipIncomplete(true)))
                        .getMessage());
    }

    /** Found by CsvHostileTest: without a byte-order mark, UTF-16 read as UTF-8 text with NULs in every name. */
    @Test
    void utf16WithoutAByteOrderMarkIsNamedAsSuch() {
        Path little = TestData.write(dir.resolve("le.csv"), "a,y\n1,0\n".getBytes(StandardCharsets.UTF_16LE));
        assertEquals(little + " is UTF-16 text (little-endian, without a byte-order mark); expected UTF-8: save it as"
                + " UTF-8 CSV", fails(little, "y").getMessage());
        Path big = TestData.write(dir.resolve("be.csv"), "a,y\n1,0\n".getBytes(StandardCharsets.UTF_16BE));
        assertEquals(big + " is UTF-16 text (big-endian, without a byte-order mark); expected UTF-8: save it as"
                + " UTF-8 CSV", fails(big, "y").getMessage());
    }

    @Test
    void aNulByteIsRefusedAsNotText() {
        Path file = TestData.write(dir.resolve("nul.csv"), "a,y\n1,0\u0000\n2,1\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(file + " holds a NUL byte (at byte 7), which a text CSV never has; expected a UTF-8 CSV file",
                fails(file, "y").getMessage());
    }

    /**
     * A file with a text column streams through Commons CSV; its encoding errors are the same as the numeric
     * reader's, and come first even when a bad cell or a missing column comes before the bad bytes.
     */
    @Test
    void aTextColumnFilesEncodingErrorsAreTheSameAndComeFirst() {
        java.util.function.Function<Path, String> text = file -> assertThrows(LrlabException.class,
                () -> read(file, "y", spec -> spec.withTextColumns(java.util.Set.of("a"), false))).getMessage();
        Path utf16 = TestData.write(dir.resolve("t16.csv"), "\uFEFFa,y\n1,0\n".getBytes(StandardCharsets.UTF_16BE));
        assertEquals(utf16 + " is UTF-16 text; expected UTF-8: save it as UTF-8 CSV", text.apply(utf16));
        Path little = TestData.write(dir.resolve("tle.csv"), "a,y\n1,0\n".getBytes(StandardCharsets.UTF_16LE));
        assertEquals(little + " is UTF-16 text (little-endian, without a byte-order mark); expected UTF-8: save it as"
                + " UTF-8 CSV", text.apply(little));
        Path nul = TestData.write(dir.resolve("tnul.csv"), "a,y\nc\u0000t,0\nd,1\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(nul + " holds a NUL byte (at byte 5), which a text CSV never has; expected a UTF-8 CSV file",
                text.apply(nul));
        byte[] head = "a,y\nc,0\nd,\n".getBytes(StandardCharsets.UTF_8); // an empty label on line 3 ...
        byte[] latin1 = "caf\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1); // ... before bytes that are not UTF-8
        byte[] both = java.util.Arrays.copyOf(head, head.length + latin1.length);
        System.arraycopy(latin1, 0, both, head.length, latin1.length);
        Path late = TestData.write(dir.resolve("tlate.csv"), both);
        assertEquals(late + " is not UTF-8 text; expected a UTF-8 CSV file: save it as UTF-8", text.apply(late));
    }

    /** Found by CsvHostileTest: a tab or a line break in a column name made the message span lines. */
    @Test
    void namesWithTabsAndLineBreaksAreEscapedInMessages() {
        Path semicolons = csv("tab\there;y\n1;0\n");
        assertEquals("no label column 'y' in " + semicolons + "; columns found: 'tab\\there;y'; the header has one column"
                + " containing ';' or a tab: lrlab reads comma-separated files", fails(semicolons, "y").getMessage());
        Path twoLines = csv("\"two\nlines\",y\nabc,0\n"); // the header spans lines 1 and 2
        assertEquals(twoLines + ":3:1: expected a number in column 'two\\nlines', found 'abc'",
                fails(twoLines, "y").getMessage());
    }

    @Test
    void aVeryLongNameIsCutInMessages() {
        Path file = csv("a,y\n1,0\n");
        String name = "n".repeat(200);
        assertEquals("no label column '" + "n".repeat(80) + "...' in " + file + "; columns found: 'a', 'y'",
                fails(file, name).getMessage());
    }
}
