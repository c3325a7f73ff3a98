package dev.lrlab.report;

import dev.lrlab.LrlabException;
import dev.lrlab.report.CurveWriter.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CurveWriterTest {
    private static final List<Column> COLUMNS = List.of(Column.integer("step"), Column.real("lr"), Column.real("loss"));

    @TempDir
    Path dir;

    @Test
    void writesHeaderAndRowsWithIntegerAndShortestDecimals() throws IOException {
        Path file = dir.resolve("curve.csv");
        try (CurveWriter out = CurveWriter.create(file, COLUMNS, false)) {
            out.writeRow(0, 1e-7, 2.302585092994046);
            out.writeRow(1, 0.001, 0.1 + 0.2);
            out.writeRow(2, 12.5, Double.NaN);
            out.writeRow(3, 1e21, Double.POSITIVE_INFINITY);
        }
        assertEquals("step,lr,loss\n"
                + "0,1.0E-7,2.302585092994046\n"
                + "1,0.001,0.30000000000000004\n"
                + "2,12.5,NaN\n"
                + "3,1.0E21,Infinity\n", Files.readString(file));
    }

    @Test
    void everyRowIsOnDiskBeforeClose() throws IOException {
        Path file = dir.resolve("curve.csv");
        try (CurveWriter out = CurveWriter.create(file, COLUMNS, false)) {
            assertEquals("step,lr,loss\n", Files.readString(file));
            out.writeRow(7, 0.5, 1.25);
            assertEquals("step,lr,loss\n7,0.5,1.25\n", Files.readString(file));
        }
    }

    @Test
    void missingValuesAreEmptyCells() throws IOException {
        Path file = dir.resolve("curve.csv");
        try (CurveWriter out = CurveWriter.create(file, COLUMNS, false)) {
            out.writeRow(OptionalDouble.of(4), OptionalDouble.of(0.01), OptionalDouble.empty());
        }
        assertEquals("step,lr,loss\n4,0.01,\n", Files.readString(file));
    }

    @Test
    void ignoresTheDefaultLocale() throws IOException {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            Path file = dir.resolve("curve.csv");
            try (CurveWriter out = CurveWriter.create(file, List.of(Column.real("x")), false)) {
                out.writeRow(1234.5);
            }
            assertEquals("x\n1234.5\n", Files.readString(file));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void refusesExistingFileWithoutForce() throws IOException {
        Path file = Files.writeString(dir.resolve("curve.csv"), "old");
        LrlabException e = assertThrows(LrlabException.class, () -> CurveWriter.create(file, COLUMNS, false));
        assertEquals(LrlabException.Kind.OUTPUT, e.kind());
        assertEquals(file + " exists; pass `force` to overwrite or choose another file", e.getMessage());
        assertEquals("old", Files.readString(file));
    }

    @Test
    void overwritesExistingFileWithForce() throws IOException {
        Path file = Files.writeString(dir.resolve("curve.csv"), "a much longer old content\n1,2,3\n");
        try (CurveWriter out = CurveWriter.create(file, COLUMNS, true)) {
            out.writeRow(0, 1, 2);
        }
        assertEquals("step,lr,loss\n0,1.0,2.0\n", Files.readString(file));
    }

    @Test
    void rejectsWrongValueCount() throws IOException {
        try (CurveWriter out = CurveWriter.create(dir.resolve("curve.csv"), COLUMNS, false)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> out.writeRow(1, 2));
            assertEquals("expected 3 values (step,lr,loss), found 2", e.getMessage());
        }
    }

    @Test
    void rejectsFractionInIntegerColumn() throws IOException {
        try (CurveWriter out = CurveWriter.create(dir.resolve("curve.csv"), COLUMNS, false)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> out.writeRow(1.5, 2, 3));
            assertEquals("expected a whole number in column 'step', found 1.5", e.getMessage());
        }
    }

    @Test
    void nanInIntegerColumnIsWrittenAsNaN() throws IOException {
        Path file = dir.resolve("curve.csv");
        try (CurveWriter out = CurveWriter.create(file, List.of(Column.integer("epoch")), false)) {
            out.writeRow(Double.NaN);
            out.writeRow(-3);
        }
        assertEquals("epoch\nNaN\n-3\n", Files.readString(file));
    }

    @Test
    void rejectsDuplicateAndMissingColumns() {
        Path file = dir.resolve("curve.csv");
        assertEquals("expected distinct column names, found 'lr' twice",
                assertThrows(IllegalArgumentException.class,
                        () -> CurveWriter.create(file, List.of(Column.real("lr"), Column.real("lr")), false))
                        .getMessage());
        assertEquals("expected at least one column, found none",
                assertThrows(IllegalArgumentException.class, () -> CurveWriter.create(file, List.of(), false))
                        .getMessage());
    }

    @Test
    void writingAfterCloseFails() {
        CurveWriter out = CurveWriter.create(dir.resolve("curve.csv"), COLUMNS, false);
        out.close();
        out.close();
        assertThrows(IllegalStateException.class, () -> out.writeRow(1, 2, 3));
    }

    @Test
    void quotesHeaderCellsThatNeedIt() throws IOException {
        Path file = dir.resolve("curve.csv");
        try (CurveWriter out = CurveWriter.create(file, List.of(Column.real("loss, smoothed")), false)) {
            out.writeRow(1);
        }
        assertEquals("\"loss, smoothed\"\n1.0\n", Files.readString(file));
    }
}
