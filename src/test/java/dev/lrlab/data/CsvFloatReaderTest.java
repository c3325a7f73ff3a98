package dev.lrlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The numeric CSV path: chunks on several threads, exact floats, row samples. Small chunks make many boundaries. */
class CsvFloatReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** Reads with chunks of {@code block} bytes on 3 threads. */
    private static Dataset read(DataSpec spec, int block) {
        return CsvFloatReader.read(spec, 3, block);
    }

    /** Rows {@code i = 0..n-1}: x = i, z = i / 7 printed with 9 digits, label y = i % 3. */
    private Path numbered(int n) throws IOException {
        StringBuilder sb = new StringBuilder("x,z,y\n");
        for (int i = 0; i < n; i++) {
            sb.append(i).append(',').append(String.format(Locale.ROOT, "%.9g", i / 7.0)).append(',').append(i % 3)
                    .append('\n');
        }
        return write("numbered.csv", sb.toString());
    }

    @Test
    void chunkedReadGivesTheSameRowsLinesAndExactFloatsAsOneThread() throws IOException {
        Path file = numbered(5000);
        Dataset one = CsvFloatReader.read(DataSpec.csv(file, "y"), 1, 1 << 20);
        Dataset many = read(DataSpec.csv(file, "y"), 4096);
        assertEquals(5000, many.size());
        assertArrayEquals(one.features(), many.features());
        assertArrayEquals(one.labels(), many.labels());
        List<String> lines = Files.readAllLines(file);
        for (int r = 0; r < 5000; r += 499) {
            String[] cells = lines.get(r + 1).split(",");
            assertEquals(Float.parseFloat(cells[0]), many.feature(r, 0));
            assertEquals(Float.floatToRawIntBits(Float.parseFloat(cells[1])), Float.floatToRawIntBits(many.feature(r, 1)));
            assertEquals(file + ":" + (r + 2), many.where(r));
        }
    }

    @Test
    void aChunkBoundaryInsideAQuotedCellIsReadAsOneCell() throws IOException {
        StringBuilder sb = new StringBuilder("x,y\n");
        String cls = "\"class\n" + "with,many\nlines " + "\n".repeat(300) + "end\"";
        for (int i = 0; i < 400; i++) {
            sb.append(i).append(',').append(i % 50 == 7 ? cls : "\"plain\"").append('\n');
        }
        Path file = write("quoted.csv", sb.toString());
        Dataset data = read(DataSpec.csv(file, "y"), 256); // every quoted cell spans several chunks
        assertEquals(400, data.size());
        assertEquals(List.of("class\nwith,many\nlines " + "\n".repeat(300) + "end", "plain"), data.classNames().get());
        assertEquals(7f, data.feature(7, 0));
        assertEquals(0f, data.label(7));
        assertEquals(1f, data.label(8));
        int line = 2;
        for (int r = 0; r < 400; r++) {
            assertEquals(file + ":" + line, data.where(r));
            line += r % 50 == 7 ? 303 : 1;
        }
    }

    @Test
    void errorsInLaterChunksNameTheirFileLineAndColumn() throws IOException {
        StringBuilder sb = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 3000; i++) {
            sb.append(i == 2500 ? "1,abc,0" : "1,2,0").append('\n');
            if (i == 1000) {
                sb.append("\n\n"); // blank lines count as lines
            }
        }
        Path file = write("bad.csv", sb.toString());
        LrlabException e = assertThrows(LrlabException.class, () -> read(DataSpec.csv(file, "y"), 1024));
        assertEquals(file + ":2504:2: expected a number in column 'b', found 'abc'", e.getMessage());
        Path short_ = write("short.csv", sb.toString().replace("1,abc,0", "1,2"));
        e = assertThrows(LrlabException.class, () -> read(DataSpec.csv(short_, "y"), 1024));
        assertEquals(short_ + ":2504: expected 3 cells as in the header, found 2", e.getMessage());
    }

    @Test
    void theSameSeedDrawsTheSameRowsAndAnotherSeedOthers() throws IOException {
        Path file = numbered(3000);
        Dataset a = read(DataSpec.csv(file, "y").withRows(RowSample.uniform(100, 1)), 2048);
        Dataset b = read(DataSpec.csv(file, "y").withRows(RowSample.uniform(100, 1)), 4096);
        Dataset c = read(DataSpec.csv(file, "y").withRows(RowSample.uniform(100, 2)), 2048);
        assertEquals(100, a.size());
        assertArrayEquals(a.features(), b.features());
        assertFalse(java.util.Arrays.equals(a.features(), c.features()));
        // the rows are the documented reservoir's, in file order, with their lines and their own labels
        int[] expected = RowSample.reservoir(3000, 100, 1);
        for (int i = 0; i < 100; i++) {
            assertEquals(expected[i], a.feature(i, 0));
            assertEquals(expected[i] % 3, a.label(i));
            assertEquals(file + ":" + (expected[i] + 2), a.where(i));
        }
        // an in-memory dataset sampled with the same selection keeps the same rows
        Dataset all = read(DataSpec.csv(file, "y"), 2048);
        assertArrayEquals(a.features(), all.select(RowSample.uniform(100, 1).indices(all.size())).features());
    }

    @Test
    void maxRowsReadsTheFirstRowsOnlyAndAFewerRowsSampleKeepsAll() throws IOException {
        Path file = numbered(1000);
        Dataset first = read(DataSpec.csv(file, "y").withRows(RowSample.first(10)), 512);
        assertEquals(10, first.size());
        assertEquals(9f, first.feature(9, 0));
        Dataset small = read(DataSpec.csv(file, "y").withRows(new RowSample(20, 50, 3)), 512);
        assertEquals(20, small.size());
        assertEquals(19f, small.feature(19, 0));
        Dataset sampled = read(DataSpec.csv(file, "y").withRows(new RowSample(500, 10, 3)), 512);
        int[] kept = RowSample.reservoir(500, 10, 3);
        for (int i = 0; i < 10; i++) {
            assertEquals(kept[i], sampled.feature(i, 0));
        }
    }

    /**
     * Uniformity: 2,000 samples of 10 rows out of 100 (fixed seeds); each row should be kept 200 times. The
     * chi-square statistic over the 100 rows has 99 degrees of freedom: mean 99, and above 150 with probability
     * below 0.1%. A sampler that favoured early or late rows would be far above it.
     */
    @Test
    void everyRowIsAboutEquallyLikelyToBeKept() throws IOException {
        int[] counts = new int[100];
        for (long seed = 0; seed < 2000; seed++) {
            for (int row : RowSample.reservoir(100, 10, seed)) {
                counts[row]++;
            }
        }
        double chi = 0;
        for (int c : counts) {
            chi += (c - 200.0) * (c - 200.0) / 200.0;
        }
        assertTrue(chi < 150, "chi-square " + chi);
        // and the rows a sample keeps are spread over the file, not taken from its start
        int firstHalf = 0;
        for (int row : RowSample.reservoir(100_000, 1000, 7)) {
            firstHalf += row < 50_000 ? 1 : 0;
        }
        assertTrue(firstHalf > 440 && firstHalf < 560, "rows in the first half: " + firstHalf);
    }

    @Test
    void classNamesComeFromEveryRowReadAndTextColumnsSampleToo() throws IOException {
        StringBuilder sb = new StringBuilder("x,name,y\n");
        for (int i = 0; i < 300; i++) {
            sb.append(i).append(",n").append(i % 4).append(',').append(i < 2 ? "zebra" : i % 2 == 0 ? "cat" : "dog")
                    .append('\n');
        }
        Path file = write("classes.csv", sb.toString());
        Dataset sampled = read(DataSpec.csv(file, "y", List.of("x")).withRows(RowSample.uniform(5, 9)), 512);
        assertEquals(Optional.of(List.of("cat", "dog", "zebra")), sampled.classNames()); // zebra: rows 0 and 1
        assertArrayEquals(RowSample.reservoir(300, 5, 9), rowsOf(sampled));
        DataSpec text = DataSpec.csv(file, "y").withTextColumns(java.util.Set.of("name"), false)
                .withRows(RowSample.uniform(5, 9));
        assertArrayEquals(RowSample.reservoir(300, 5, 9), rowsOf(new CsvDatasetReader().read(text)));
    }

    /** The x column (feature 0) of each row, as row indices. */
    private static int[] rowsOf(Dataset data) {
        int[] rows = new int[data.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (int) data.feature(i, 0);
        }
        return rows;
    }

    @Test
    void anEncodingErrorComesBeforeACellErrorInAnotherChunk() throws IOException {
        StringBuilder sb = new StringBuilder("a,y\n");
        for (int i = 0; i < 2000; i++) {
            sb.append(i == 10 ? "x" : "1").append(",0\n");
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] bad = java.util.Arrays.copyOf(bytes, bytes.length + 4);
        System.arraycopy(new byte[] {'1', (byte) 0xE9, ',', '0'}, 0, bad, bytes.length, 4);
        Path file = Files.write(dir.resolve("latin1.csv"), bad);
        LrlabException e = assertThrows(LrlabException.class, () -> read(DataSpec.csv(file, "y"), 1024));
        assertEquals(file + " is not UTF-8 text; expected a UTF-8 CSV file: save it as UTF-8", e.getMessage());
    }
}
