package dev.lrlab.data;

import static dev.lrlab.data.TestData.bytes;
import static dev.lrlab.data.TestData.concat;
import static dev.lrlab.data.TestData.gzip;
import static dev.lrlab.data.TestData.idxHeader;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.lrlab.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    /** Three 2x3 images; pixel j of image i is 51 * ((i + j) % 6), so values 0, 0.2, ..., 1.0 after scaling. */
    private static byte[] images() {
        byte[] pixels = new byte[18];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 6; j++) {
                pixels[6 * i + j] = (byte) (51 * ((i + j) % 6));
            }
        }
        return concat(idxHeader(IdxReader.IMAGES_MAGIC, 3, 2, 3), pixels);
    }

    private static byte[] labels(int... values) {
        return concat(idxHeader(IdxReader.LABELS_MAGIC, values.length), bytes(values));
    }

    private Path file(String name, byte[] content) {
        return TestData.write(dir.resolve(name), content);
    }

    private LrlabException fails(Path images, Path labels) {
        LrlabException e = assertThrows(LrlabException.class, () -> IdxReader.scaled().read(images, labels));
        assertEquals(LrlabException.Kind.DATA, e.kind());
        return e;
    }

    @Test
    void readsImagesScaledToZeroOneAndLabelsAsClassIndices() {
        Path images = file("images-idx3-ubyte", images());
        Path labels = file("labels-idx1-ubyte", labels(7, 0, 255));
        Dataset d = IdxReader.scaled().read(images, labels);
        assertEquals(3, d.size());
        assertEquals(6, d.featureCount());
        assertArrayEquals(new int[] {2, 3}, d.exampleShape());
        assertEquals(List.of("pixel0", "pixel1", "pixel2", "pixel3", "pixel4", "pixel5"), d.featureNames());
        assertArrayEquals(new float[] {0, 0.2f, 0.4f, 0.6f, 0.8f, 1}, d.select(new int[] {0}).features());
        assertArrayEquals(new float[] {0.2f, 0.4f, 0.6f, 0.8f, 1, 0}, d.select(new int[] {1}).features());
        assertArrayEquals(new float[] {7, 0, 255}, d.labels());
        assertEquals(Optional.empty(), d.classNames());
        assertEquals(images + " + " + labels, d.source());
        assertTrue(IdxReader.scaled().scalesPixels());
    }

    @Test
    void rawKeepsPixelValues() {
        Dataset d = IdxReader.raw().read(file("i", images()), file("l", labels(1, 2, 3)));
        assertArrayEquals(new float[] {0, 51, 102, 153, 204, 255}, d.select(new int[] {0}).features());
        assertFalse(IdxReader.raw().scalesPixels());
    }

    @Test
    void readsGzippedFilesByContentWhateverTheirNames() {
        Path images = file("images.bin", gzip(images()));
        Path labels = file("labels.idx", gzip(labels(1, 2, 3)));
        Dataset d = IdxReader.scaled().read(images, labels);
        assertEquals(3, d.size());
        assertArrayEquals(new float[] {1, 2, 3}, d.labels());
        // A plain file named .gz is read as plain.
        assertEquals(3, IdxReader.scaled().read(file("plain.gz", images()), labels).size());
    }

    @Test
    void badMagicIsAnError() {
        Path labels = file("l", labels(1, 2, 3));
        Path bad = file("bad", concat(idxHeader(0x00000D03, 3, 2, 3), new byte[72]));
        assertEquals(bad + ": expected IDX images magic 0x00000803 (unsigned bytes, count x rows x columns),"
                + " found 0x00000D03", fails(bad, labels).getMessage());
        Path text = file("text", "hello world, not idx".getBytes());
        assertTrue(fails(text, labels).getMessage().endsWith("found 0x68656C6C"));
    }

    @Test
    void swappedFilesAreNamedAsSuch() {
        Path images = file("i", images());
        Path labels = file("l", labels(1, 2, 3));
        assertEquals(labels + " is an IDX labels file (magic 0x00000801); expected images (0x00000803): are the"
                + " images and labels swapped?", fails(labels, images).getMessage());
        Path twoImageFiles = file("i2", images());
        assertEquals(twoImageFiles + ": expected IDX labels magic 0x00000801 (unsigned bytes, one dimension), found"
                + " 0x00000803: it is an images file; are the images and labels swapped?",
                fails(images, twoImageFiles).getMessage());
    }

    @Test
    void truncatedFilesAreErrors() {
        Path labels = file("l", labels(1, 2, 3));
        byte[] whole = images();
        Path shortData = file("short", Arrays.copyOf(whole, whole.length - 5));
        assertEquals(shortData + " is truncated: expected 18 data bytes (3 images of 2 x 3), found 13",
                fails(shortData, labels).getMessage());
        Path shortHeader = file("header", Arrays.copyOf(whole, 10));
        assertEquals(shortHeader + " is truncated: expected 16 header bytes, found 10",
                fails(shortHeader, labels).getMessage());
        Path tiny = file("tiny", bytes(0, 0));
        assertEquals(tiny + " is truncated: expected a 4-byte IDX magic number, found 2 bytes",
                fails(tiny, labels).getMessage());
        byte[] gz = gzip(whole);
        Path cutGzip = file("cut.gz", Arrays.copyOf(gz, gz.length - 12));
        assertEquals(cutGzip + " is truncated: the gzip stream ends early", fails(cutGzip, labels).getMessage());
    }

    @Test
    void extraBytesAreAnError() {
        Path images = file("extra", concat(images(), bytes(9)));
        assertEquals(images + " has bytes after the 18 data bytes (3 images of 2 x 3); expected the file to end"
                + " there", fails(images, file("l", labels(1, 2, 3))).getMessage());
    }

    @Test
    void countMismatchNamesBothFiles() {
        Path images = file("i", images());
        Path labels = file("l", labels(1, 2));
        assertEquals("images file " + images + " has 3 images but labels file " + labels + " has 2 labels;"
                + " expected the same count", fails(images, labels).getMessage());
    }

    @Test
    void zeroDimensionsAreAnError() {
        Path images = file("i", idxHeader(IdxReader.IMAGES_MAGIC, 0, 28, 28));
        assertEquals(images + ": expected positive IDX dimensions, found 0",
                fails(images, file("l", labels(1))).getMessage());
    }

    @Test
    void missingFilesAreNamed() {
        Path images = file("i", images());
        Path missing = dir.resolve("labels-missing");
        assertTrue(fails(images, missing).getMessage().startsWith("IDX labels file not found: " + missing));
    }

    @Test
    void recognisesIdxContent() {
        assertTrue(IdxReader.looksLikeIdx(bytes(0, 0, 8, 3)));
        assertTrue(IdxReader.looksLikeIdx(bytes(0, 0, 8, 1)));
        assertFalse(IdxReader.looksLikeIdx(bytes(0, 0, 8, 0)));
        assertFalse(IdxReader.looksLikeIdx(bytes(0, 0, 0x0D, 3)));
        assertFalse(IdxReader.looksLikeIdx(bytes(0, 0, 8)));
    }

    /** Reads the real Fashion-MNIST test set when the Debian package dataset-fashion-mnist is installed. */
    @Test
    void readsInstalledFashionMnistTestSet() {
        Path images = Fixtures.fashionMnist("t10k-images-idx3-ubyte.gz");
        Path labels = Fixtures.fashionMnist("t10k-labels-idx1-ubyte.gz");
        Dataset d = IdxReader.scaled().read(images, labels);
        assertEquals(10_000, d.size());
        assertArrayEquals(new int[] {28, 28}, d.exampleShape());
        assertEquals(784, d.featureCount());
        // The first test labels (ankle boot, pullover, trouser, trouser, shirt, ...) and 1,000 per class.
        assertArrayEquals(new float[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7},
                Arrays.copyOf(d.labels(), 10));
        int[] perClass = new int[10];
        for (float label : d.labels()) {
            perClass[(int) label]++;
        }
        int[] thousand = new int[10];
        Arrays.fill(thousand, 1000);
        assertArrayEquals(thousand, perClass);
        float max = 0;
        float min = 1;
        for (float v : d.features()) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        assertEquals(1f, max);
        assertEquals(0f, min);
    }
}
