package dev.lrlab.data;

import static dev.lrlab.data.TestData.bytes;
import static dev.lrlab.data.TestData.concat;
import static dev.lrlab.data.TestData.gzip;
import static dev.lrlab.data.TestData.idxHeader;
import static dev.lrlab.data.TestData.littleFloats;
import static dev.lrlab.data.TestData.npy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import dev.lrlab.data.DatasetLoader.Format;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {
    @TempDir
    Path dir;

    private final DatasetLoader loader = new DatasetLoader();

    private Path file(String name, byte[] content) {
        return TestData.write(dir.resolve(name), content);
    }

    private Path csv() {
        return TestData.write(dir.resolve("t.CSV"), "a,b,y\n1,2,0\n3,4,1\n");
    }

    private Path idxImages(String name, boolean gzipped) {
        byte[] content = concat(idxHeader(IdxReader.IMAGES_MAGIC, 2, 1, 2), bytes(0, 255, 51, 102));
        return file(name, gzipped ? gzip(content) : content);
    }

    private Path idxLabels() {
        return file("labels", concat(idxHeader(IdxReader.LABELS_MAGIC, 2), bytes(3, 4)));
    }

    private Path npyX() {
        return file("x.npy", npy("<f4", "(2, 1)", littleFloats(5, 6)));
    }

    private Path npyY() {
        return file("y.npy", npy("<f4", "(2,)", littleFloats(0, 1)));
    }

    @Test
    void detectsTheFormatByContentThenName() {
        assertEquals(Format.CSV, DatasetLoader.detect(csv()));
        assertEquals(Format.NPY, DatasetLoader.detect(file("x.data", npy("<f4", "(1,)", littleFloats(1)))));
        assertEquals(Format.IDX, DatasetLoader.detect(idxImages("images.csv", false)));
        assertEquals(Format.IDX, DatasetLoader.detect(idxImages("images-gz", true)));
        Path unknown = file("data.parquet", "PAR1".getBytes());
        LrlabException e = assertThrows(LrlabException.class, () -> DatasetLoader.detect(unknown));
        assertEquals(LrlabException.Kind.DATA, e.kind());
        assertEquals("cannot tell the format of " + unknown + "; expected a .csv file with a header, a NumPy .npy"
                + " file, or an IDX file (MNIST style, optionally gzipped)", e.getMessage());
    }

    @Test
    void loadsCsvWithAllOrNamedFeatures() {
        Dataset all = loader.load(DataSpec.csv(csv(), "y"));
        assertArrayEquals(new float[] {1, 2, 3, 4}, all.features());
        assertArrayEquals(new float[] {0, 1}, all.labels());
        Dataset named = loader.load(DataSpec.csv(csv(), "y", List.of("b")));
        assertArrayEquals(new float[] {2, 4}, named.features());
    }

    @Test
    void loadsNpyPairs() {
        Dataset d = loader.load(DataSpec.withLabels(npyX(), npyY()));
        assertArrayEquals(new float[] {5, 6}, d.features());
        assertArrayEquals(new float[] {0, 1}, d.labels());
    }

    @Test
    void loadsIdxPairsScaledByDefaultOrRaw() {
        DataSpec spec = DataSpec.withLabels(idxImages("images", true), idxLabels());
        Dataset scaled = loader.load(spec);
        assertArrayEquals(new float[] {0, 1, 0.2f, 0.4f}, scaled.features());
        assertArrayEquals(new int[] {1, 2}, scaled.exampleShape());
        assertArrayEquals(new float[] {3, 4}, scaled.labels());
        assertArrayEquals(new float[] {0, 255, 51, 102}, new DatasetLoader(IdxReader.raw()).load(spec).features());
    }

    @Test
    void specPartsMustFitTheFormat() {
        Path csv = csv();
        LrlabException noLabel = assertThrows(LrlabException.class, () -> loader.load(
                DataSpec.builder().setData(csv).build()));
        assertEquals(LrlabException.Kind.SETTING, noLabel.kind());
        assertEquals(csv + " is CSV: expected the name of its label column", noLabel.getMessage());
        LrlabException labelsFile = assertThrows(LrlabException.class, () -> loader.load(
                DataSpec.builder().setData(csv).optLabels(npyY()).optLabelColumn("y").build()));
        assertEquals(csv + " is CSV: a labels file is for .npy and IDX data; name the label column instead",
                labelsFile.getMessage());
        Path x = npyX();
        LrlabException noLabels = assertThrows(LrlabException.class, () -> loader.load(
                DataSpec.builder().setData(x).build()));
        assertEquals(x + " is .npy data: expected a labels file as well", noLabels.getMessage());
        Path images = idxImages("images", false);
        LrlabException column = assertThrows(LrlabException.class, () -> loader.load(
                DataSpec.builder().setData(images).optLabels(idxLabels()).optLabelColumn("y").build()));
        assertEquals(LrlabException.Kind.SETTING, column.kind());
        assertEquals(images + " is IDX data: label and feature columns are for CSV; give a labels file instead",
                column.getMessage());
    }

    @Test
    void missingDataFileIsNamed() {
        Path missing = dir.resolve("gone.csv");
        LrlabException e = assertThrows(LrlabException.class, () -> loader.load(DataSpec.csv(missing, "y")));
        assertEquals(LrlabException.Kind.DATA, e.kind());
        assertTrue(e.getMessage().startsWith("data file not found: " + missing + " (working directory "),
                e.getMessage());
    }
}
