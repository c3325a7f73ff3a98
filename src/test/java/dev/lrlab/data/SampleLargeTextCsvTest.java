package dev.lrlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV with a text column, larger than the JVM's heap limit, is sampled without being held: Commons CSV streams it
 * and only the reservoir's 2,000 rows stay. A JVM with {@code -Xmx64m} reads a generated 100 MB file through {@link
 * Probe}.
 */
class SampleLargeTextCsvTest {
    @TempDir
    Path dir;

    @Test
    void aTextFileLargerThanTheHeapIsSampled() throws Exception {
        Path big = dir.resolve("big.csv");
        long rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            out.write("city,size,note,y\n");
            long written = 0;
            while (written < 100_000_000L) {
                String row = "city-" + rows % 50 + "," + rows % 1000 + ".5,\"a note, quoted\"," + (rows % 2 == 0
                        ? "yes" : "no") + "\n";
                out.write(row);
                written += row.length();
                rows++;
            }
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                Probe.class.getName(), big.toString())
                .redirectErrorStream(true).directory(new File(System.getProperty("user.dir"))).start();
        boolean ended = process.waitFor(10, TimeUnit.MINUTES); // a safety net, not a measurement
        if (!ended) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(ended, "still running: " + output);
        assertEquals(0, process.exitValue(), output);
        int[] kept = RowSample.reservoir(Math.toIntExact(rows), 2000, 3);
        assertEquals("2000 rows, classes [no, yes], 50 cities, first kept line " + (kept[0] + 2) + ", last kept line "
                + (kept[1999] + 2), output);
    }

    /** Reads the file given with a text column and a 2,000-row sample, and prints what it kept. */
    static final class Probe {
        public static void main(String[] args) {
            DataSpec spec = DataSpec.csv(Path.of(args[0]), "y", java.util.List.of("city", "size"))
                    .withTextColumns(Set.of("city"), false).withRows(RowSample.uniform(2000, 3));
            Dataset d = new CsvDatasetReader().read(spec);
            System.out.println(d.size() + " rows, classes " + d.classNames().orElseThrow() + ", "
                    + d.textColumn("city").orElseThrow().values().size() + " cities, first kept line "
                    + d.where(0).substring(args[0].length() + 1) + ", last kept line "
                    + d.where(d.size() - 1).substring(args[0].length() + 1));
        }
    }
}
