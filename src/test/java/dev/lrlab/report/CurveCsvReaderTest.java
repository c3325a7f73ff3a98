package dev.lrlab.report;

import dev.lrlab.LrlabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CurveCsvReaderTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        return Files.writeString(dir.resolve("curve.csv"), text, StandardCharsets.UTF_8);
    }

    private static LrlabException dataError(Runnable r) {
        LrlabException e = assertThrows(LrlabException.class, r::run);
        assertEquals(LrlabException.Kind.DATA, e.kind());
        return e;
    }

    @Test
    void readsLrAndLossByNameInAnyOrderAndCase() throws IOException {
        Path file = csv("step,Loss,smoothed,LR\n0,2.5,2.5,1e-7\n1,NaN,2.4,0.001\n");
        LrLossCurve curve = CurveCsvReader.read(file);
        assertArrayEquals(new double[] {1e-7, 0.001}, curve.lr());
        assertArrayEquals(new double[] {2.5, Double.NaN}, curve.loss());
        assertEquals("LR", curve.lrColumn());
        assertEquals("Loss", curve.lossColumn());
    }

    @Test
    void readsCurveWriterOutputBack() throws IOException {
        Path file = dir.resolve("written.csv");
        try (CurveWriter out = CurveWriter.create(file, java.util.List.of(CurveWriter.Column.integer("step"),
                CurveWriter.Column.real("lr"), CurveWriter.Column.real("loss")), false)) {
            out.writeRow(0, 1e-7, 2.302585092994046);
            out.writeRow(1, 1.2589254117941673e-7, Double.POSITIVE_INFINITY);
        }
        LrLossCurve curve = CurveCsvReader.read(file);
        assertArrayEquals(new double[] {1e-7, 1.2589254117941673e-7}, curve.lr());
        assertArrayEquals(new double[] {2.302585092994046, Double.POSITIVE_INFINITY}, curve.loss());
    }

    @Test
    void acceptsOtherToolsNamesWhenDefaultsAreMissing() throws IOException {
        LrLossCurve curve = CurveCsvReader.read(csv("learning_rate,losses\n0.1,1.0\n"));
        assertEquals("learning_rate", curve.lrColumn());
        assertEquals("losses", curve.lossColumn());
        assertEquals("lrs", CurveCsvReader.read(csv("lrs,loss\n0.1,1.0\n")).lrColumn());
    }

    @Test
    void defaultNameWinsOverAlias() throws IOException {
        LrLossCurve curve = CurveCsvReader.read(csv("learning_rate,lr,loss\n5,0.1,1.0\n"));
        assertArrayEquals(new double[] {0.1}, curve.lr());
    }

    @Test
    void explicitColumnsUseNoAliases() throws IOException {
        Path file = csv("rate,learning_rate,val_loss\n0.5,0.1,1.0\n");
        LrLossCurve curve = CurveCsvReader.read(file, "RATE", "val_loss");
        assertArrayEquals(new double[] {0.5}, curve.lr());
        LrlabException e = dataError(() -> CurveCsvReader.read(file, "lr", "val_loss"));
        assertEquals(file + ": no column 'lr'; columns found: rate, learning_rate, val_loss; "
                + "name the column with `lrColumn`", e.getMessage());
    }

    @Test
    void aColumnNotNamedIsLookedForUnderItsUsualNames() throws IOException {
        Path file = csv("learning_rate,train_loss,losses\n0.5,1.0,2.0\n");
        LrLossCurve curve = CurveCsvReader.read(file, null, "train_loss");
        assertEquals("learning_rate", curve.lrColumn());
        assertArrayEquals(new double[] {1.0}, curve.loss());
        assertEquals("losses", CurveCsvReader.read(file, "learning_rate", null).lossColumn());
    }

    @Test
    void missingColumnListsWhatWasFound() throws IOException {
        Path file = csv("step,lr,val\n1,0.1,2\n");
        LrlabException e = dataError(() -> CurveCsvReader.read(file));
        assertEquals(file + ": no column 'loss' (also looked for losses); columns found: step, lr, val; "
                + "name the column with `lossColumn`", e.getMessage());
    }

    @Test
    void skipsRowsWithEmptyOrMissingCells() throws IOException {
        Path file = csv("step,lr,loss\n0,0.1,1\n1,,2\n2,0.3,\n3,0.4\n\n4,0.5,5\n5,0.6");
        LrLossCurve curve = CurveCsvReader.read(file);
        assertArrayEquals(new double[] {0.1, 0.5}, curve.lr());
        assertArrayEquals(new double[] {1, 5}, curve.loss());
    }

    @Test
    void badNumberNamesFileLineAndColumn() throws IOException {
        Path file = csv("step,lr,loss\n0,0.1,1\n1,0.2,1,5\n2,0.3,abc\n");
        LrlabException e = dataError(() -> CurveCsvReader.read(file));
        assertEquals(file + ":4:3: expected a number in column 'loss', found 'abc'", e.getMessage());
    }

    @Test
    void lineNumbersCountBlankLinesAndALastLineWithoutNewline() throws IOException {
        Path blank = csv("lr,loss\n\n0.1,abc\n");
        assertEquals(blank + ":3:2: expected a number in column 'loss', found 'abc'",
                dataError(() -> CurveCsvReader.read(blank)).getMessage());
        Path last = csv("lr,loss\r\n0.1,1\r\n0.2,x\r\n0.3,1");
        assertEquals(last + ":3:2: expected a number in column 'loss', found 'x'",
                dataError(() -> CurveCsvReader.read(last)).getMessage());
    }

    /** A killed run can leave its last row half-written: it is skipped with a note, never an error. */
    @Test
    void aHalfWrittenLastLineIsSkippedWithANote() throws IOException {
        Path shortRow = csv("step,lr,loss,smoothed_loss\n0,0.1,2.5,2.5\n1,0.2,2.25,2.4\n2,0.3,2.");
        LrLossCurve curve = CurveCsvReader.read(shortRow);
        assertArrayEquals(new double[] {0.1, 0.2}, curve.lr());
        assertArrayEquals(new double[] {2.5, 2.25}, curve.loss());
        assertEquals(shortRow + ":4: the last line has no line end and is incomplete (a run stopped while writing it?); "
                + "skipped", curve.note());
        Path cutNumber = csv("lr,loss\n0.1,2.5\n0.2,2.25\n0.3,1.5E");
        assertArrayEquals(new double[] {2.5, 2.25}, CurveCsvReader.read(cutNumber).loss());
        assertEquals(cutNumber + ":4: the last line has no line end and is incomplete (a run stopped while writing it?); "
                + "skipped", CurveCsvReader.read(cutNumber).note());
    }

    /** Many tools end a file without a line end: a complete last row is kept, without a note. */
    @Test
    void aCompleteLastLineWithoutLineEndIsKept() throws IOException {
        LrLossCurve curve = CurveCsvReader.read(csv("lr,loss\n0.1,2.5\n0.2,2.25"));
        assertArrayEquals(new double[] {2.5, 2.25}, curve.loss());
        assertEquals("", curve.note());
        assertEquals("", CurveCsvReader.read(csv("lr,loss\n0.1,2.5\n0.2,2.25\n")).note());
    }

    @Test
    void commaDecimalIsABadNumber() throws IOException {
        Path file = csv("lr;loss\n");
        dataError(() -> CurveCsvReader.read(file));
        Path other = csv("lr,loss\n\"0,1\",2\n");
        assertEquals(other + ":2:1: expected a number in column 'lr', found '0,1'",
                dataError(() -> CurveCsvReader.read(other)).getMessage());
    }

    @Test
    void nonPositiveLearningRateIsRejected() throws IOException {
        Path file = csv("lr,loss\n0.1,1\n-0.2,1\n");
        assertEquals(file + ":3:1: expected a positive finite learning rate, found -0.2",
                dataError(() -> CurveCsvReader.read(file)).getMessage());
    }

    @Test
    void pythonSpellingsOfNonFiniteLosses() throws IOException {
        LrLossCurve curve = CurveCsvReader.read(csv("lr,loss\n0.1,nan\n0.2,inf\n0.3,-inf\n0.4, 1.5 \n"));
        assertArrayEquals(new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5},
                curve.loss());
    }

    @Test
    void handlesByteOrderMarkAndCrLf() throws IOException {
        LrLossCurve curve = CurveCsvReader.read(csv("\uFEFFlr,loss\r\n0.1,1\r\n0.2,2\r\n"));
        assertArrayEquals(new double[] {0.1, 0.2}, curve.lr());
    }

    @Test
    void emptyFileAndHeaderOnly() throws IOException {
        Path empty = csv("");
        assertEquals(empty + ": empty file; expected a header row with 'lr' and 'loss' columns",
                dataError(() -> CurveCsvReader.read(empty)).getMessage());
        Path header = csv("lr,loss\n");
        assertEquals(header + ": no row has both 'lr' and 'loss' values; run more steps or choose other columns",
                dataError(() -> CurveCsvReader.read(header)).getMessage());
    }

    @Test
    void missingFileAndNonUtf8() throws IOException {
        Path missing = dir.resolve("nope.csv");
        assertEquals(missing + ": no such file; check the path",
                dataError(() -> CurveCsvReader.read(missing)).getMessage());
        Path latin1 = Files.write(dir.resolve("latin1.csv"), new byte[] {'l', 'r', (byte) 0xe9, '\n'});
        assertEquals(latin1 + ": not UTF-8 text; save it as UTF-8",
                dataError(() -> CurveCsvReader.read(latin1)).getMessage());
    }
}
