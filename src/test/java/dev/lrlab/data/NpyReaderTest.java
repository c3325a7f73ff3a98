package dev.lrlab.data;

import static dev.lrlab.data.TestData.bytes;
import static dev.lrlab.data.TestData.littleFloats;
import static dev.lrlab.data.TestData.littleLongs;
import static dev.lrlab.data.TestData.npy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyReaderTest {
    @TempDir
    Path dir;

    private final NpyReader reader = new NpyReader();

    private Path file(String name, byte[] content) {
        return TestData.write(dir.resolve(name), content);
    }

    private Path labels3() {
        return file("y.npy", npy("<i8", "(3,)", littleLongs(2, 0, 1)));
    }

    private LrlabException fails(Path x, Path y) {
        LrlabException e = assertThrows(LrlabException.class, () -> reader.read(x, y));
        assertEquals(LrlabException.Kind.DATA, e.kind());
        return e;
    }

    @Test
    void readsFloat32FeaturesWithTheirTrailingShape() {
        Path x = file("x.npy", npy("<f4", "(3, 2, 2)", littleFloats(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11.5f)));
        Path y = labels3();
        Dataset d = reader.read(x, y);
        assertEquals(3, d.size());
        assertEquals(4, d.featureCount());
        assertArrayEquals(new int[] {2, 2}, d.exampleShape());
        assertEquals(List.of("feature0", "feature1", "feature2", "feature3"), d.featureNames());
        assertArrayEquals(new float[] {8, 9, 10, 11.5f}, d.select(new int[] {2}).features());
        assertArrayEquals(new float[] {2, 0, 1}, d.labels());
        assertEquals(Optional.empty(), d.classNames());
        assertEquals(x + " + " + y, d.source());
    }

    @Test
    void readsEverySupportedDtype() {
        Path y = file("y.npy", npy("|u1", "(1,)", bytes(4)));
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        assertFeatures(new float[] {1.5f, -2.25f}, "<f8",
                b.clear().putDouble(1.5).putDouble(-2.25), 16, y);
        assertFeatures(new float[] {255, 7}, "|u1", ByteBuffer.wrap(bytes(255, 7)), 2, y);
        assertFeatures(new float[] {-1, 127}, "|i1", ByteBuffer.wrap(bytes(255, 127)), 2, y);
        assertFeatures(new float[] {-2, 300}, "<i2", b.clear().putShort((short) -2).putShort((short) 300), 4, y);
        assertFeatures(new float[] {65535, 1}, "<u2", b.clear().putShort((short) -1).putShort((short) 1), 4, y);
        assertFeatures(new float[] {-70000, 3}, "<i4", b.clear().putInt(-70000).putInt(3), 8, y);
        assertFeatures(new float[] {4294967295f, 3}, "<u4", b.clear().putInt(-1).putInt(3), 8, y);
        assertFeatures(new float[] {-5, 1L << 40}, "<i8", b.clear().putLong(-5).putLong(1L << 40), 16, y);
        assertFeatures(new float[] {18446744073709551615f, 2}, "<u8", b.clear().putLong(-1).putLong(2), 16, y);
        assertFeatures(new float[] {1, 0}, "|b1", ByteBuffer.wrap(bytes(1, 0)), 2, y);
        ByteBuffer big = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putFloat(0.5f).putFloat(-3);
        assertFeatures(new float[] {0.5f, -3}, ">f4", big, 8, y);
    }

    private void assertFeatures(float[] expected, String descr, ByteBuffer data, int length, Path y) {
        byte[] raw = Arrays.copyOf(data.array(), length);
        Path x = file("x-" + descr.substring(1) + ".npy", npy(descr, "(1, 2)", raw));
        assertArrayEquals(expected, reader.read(x, y).features(), descr);
    }

    @Test
    void readsFormatVersionsTwoAndThree() {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 1), }";
        Path y = labels3();
        for (int major : new int[] {2, 3}) {
            Path x = file("x" + major + ".npy", npy(major, header, littleFloats(1, 2, 3)));
            assertArrayEquals(new float[] {1, 2, 3}, reader.read(x, y).features());
        }
    }

    @Test
    void acceptsColumnLabelsAndOneDimensionalFeatures() {
        Path x = file("x.npy", npy("<f4", "(3,)", littleFloats(1, 2, 3)));
        Path y = file("y.npy", npy("<f4", "(3, 1)", littleFloats(0.5f, 1.5f, 2.5f)));
        Dataset d = reader.read(x, y);
        assertEquals(1, d.featureCount());
        assertArrayEquals(new int[0], d.exampleShape());
        assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f}, d.labels());
    }

    @Test
    void fortranOrderIsAnError() {
        Path x = file("x.npy", npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (3, 1), }",
                littleFloats(1, 2, 3)));
        assertEquals(x + " is stored in Fortran (column-major) order; expected C order: save it with"
                + " numpy.save(path, numpy.ascontiguousarray(a))", fails(x, labels3()).getMessage());
    }

    @Test
    void unsupportedDtypesAreErrors() {
        for (String descr : new String[] {"<U5", "|O", "<f2", "<c8", "|b2"}) {
            Path x = file("x.npy", npy(descr, "(3,)", new byte[0]));
            assertEquals(x + " has dtype '" + descr + "'; expected one of <f4, <f8, |u1, |i1, <i2, <u2, <i4, <u4,"
                    + " <i8, <u8, |b1 (or big-endian >): convert it, e.g. a.astype('float32')",
                    fails(x, labels3()).getMessage());
        }
        Path structured = file("s.npy", npy(1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (3,), }",
                new byte[12]));
        assertTrue(fails(structured, labels3()).getMessage().startsWith(structured + ": malformed .npy header "));
    }

    @Test
    void badShapesAreErrors() {
        Path x = file("x.npy", npy("<f4", "(3,)", littleFloats(1, 2, 3)));
        Path emptyLabels = file("y0.npy", npy("<f4", "(3, 0)", new byte[0]));
        assertEquals(emptyLabels + " has empty labels (shape (3, 0)); expected every dimension to be positive",
                fails(x, emptyLabels).getMessage());
        Path scalar = file("s.npy", npy("<f4", "()", littleFloats(1)));
        assertEquals(scalar + " holds a scalar (shape ()); expected features of shape (n, ...)",
                fails(scalar, labels3()).getMessage());
        Path none = file("none.npy", npy("<f4", "(0, 2)", new byte[0]));
        Path noLabels = file("nolabels.npy", npy("<f4", "(0,)", new byte[0]));
        assertEquals(none + " has no examples (shape (0, 2)); expected at least one", fails(none, noLabels).getMessage());
        Path empty = file("empty.npy", npy("<f4", "(3, 0)", new byte[0]));
        assertEquals(empty + " has empty examples (shape (3, 0)); expected every dimension to be positive",
                fails(empty, labels3()).getMessage());
    }

    @Test
    void countMismatchNamesBothFiles() {
        Path x = file("x.npy", npy("<f4", "(2, 1)", littleFloats(1, 2)));
        Path y = labels3();
        assertEquals("features file " + x + " has 2 examples (shape (2, 1)) but labels file " + y + " has 3"
                + " (shape (3,)); expected the same count", fails(x, y).getMessage());
    }

    @Test
    void truncatedAndOverlongFilesAreErrors() {
        Path shortData = file("short.npy", npy("<f4", "(3, 2)", littleFloats(1, 2, 3, 4, 5)));
        assertEquals(shortData + " is truncated: expected 24 data bytes (shape (3, 2), dtype '<f4'), found 20",
                fails(shortData, labels3()).getMessage());
        Path extra = file("extra.npy", npy("<f4", "(3,)", littleFloats(1, 2, 3, 4)));
        assertEquals(extra + " has 4 bytes after the 12 data bytes (shape (3,), dtype '<f4'); expected the file to"
                + " end there", fails(extra, labels3()).getMessage());
        byte[] whole = npy("<f4", "(3,)", littleFloats(1, 2, 3));
        Path cutHeader = file("cut.npy", Arrays.copyOf(whole, 30));
        assertEquals(cutHeader + " is truncated: expected a header of 118 bytes after the preamble, found 20",
                fails(cutHeader, labels3()).getMessage());
    }

    @Test
    void notNpyAndUnknownVersionsAreErrors() {
        Path text = file("x.npy", "a,b\n1,2\n".getBytes());
        assertEquals(text + " is not a NumPy .npy file: expected it to start with \\x93NUMPY (write it with"
                + " numpy.save)", fails(text, labels3()).getMessage());
        byte[] v4 = npy("<f4", "(3,)", littleFloats(1, 2, 3));
        v4[6] = 4;
        Path future = file("v4.npy", v4);
        assertEquals(future + ": expected .npy format version 1.0, 2.0 or 3.0, found 4.0",
                fails(future, labels3()).getMessage());
    }

    @Test
    void nonFiniteValuesAreErrors() {
        Path x = file("x.npy", npy("<f4", "(3,)", littleFloats(1, Float.NaN, 3)));
        assertEquals(x + ": value NaN at flat index 1; expected finite numbers (missing values are not supported)",
                fails(x, labels3()).getMessage());
    }

    @Test
    void missingFilesAreNamed() {
        Path x = file("x.npy", npy("<f4", "(3,)", littleFloats(1, 2, 3)));
        Path missing = dir.resolve("y-missing.npy");
        assertTrue(fails(x, missing).getMessage().startsWith("labels file not found: " + missing));
    }

    @Test
    void formatsShapesLikeNumpy() {
        assertEquals("(3,)", NpyReader.shapeText(new int[] {3}));
        assertEquals("()", NpyReader.shapeText(new int[0]));
        assertEquals("(2, 28, 28)", NpyReader.shapeText(new int[] {2, 28, 28}));
    }

    @Test
    void labelsOfSeveralValuesPerExampleKeepTheirTrailingShapeFlattened() {
        Path x = file("x.npy", npy("<f4", "(2,)", littleFloats(1, 2)));
        Path pairs = file("y2.npy", npy("<f4", "(2, 2)", littleFloats(1, 0, 0, 1)));
        Dataset d = new NpyReader().read(x, pairs);
        assertEquals(2, d.labelWidth());
        assertArrayEquals(new float[] {0, 1}, d.select(new int[] {1}).labels());
        Path cube = file("y3.npy", npy("<f4", "(2, 2, 3)", littleFloats(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)));
        Dataset c = new NpyReader().read(x, cube);
        assertEquals(6, c.labelWidth());
        assertArrayEquals(new float[] {6, 7, 8, 9, 10, 11}, c.select(new int[] {1}).labels());
    }
}
