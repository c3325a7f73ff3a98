import dev.lrlab.data.DataSpec;
import dev.lrlab.data.Dataset;
import dev.lrlab.data.DatasetLoader;
import dev.lrlab.data.RowSample;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a CSV through lrlab's loader (as {@code --data FILE --label COL} does) and prints seconds, MB/s, the shape,
 * and the process's peak resident memory (VmHWM). One load per JVM, so the peak is this load's. Run by
 * scripts/bench/csv-load.
 *
 *   java [-Drepeats=N] -cp ... CsvLoadBench FILE LABEL [SAMPLE]
 */
public final class CsvLoadBench {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        DataSpec spec = DataSpec.csv(file, args[1]);
        if (args.length > 2) {
            spec = spec.withRows(RowSample.uniform(Integer.parseInt(args[2]), 1));
        }
        long bytes = Files.size(file);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        int repeats = Integer.getInteger("repeats", 1);
        for (int r = 0; r < repeats; r++) {
            long cpu0 = os.getProcessCpuTime();
            long start = System.nanoTime();
            Dataset data = new DatasetLoader().load(spec);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            long floats = (long) data.size() * (data.featureCount() + data.labelWidth());
            System.out.printf("lrlab load: %.2f s (%.1f MB/s), cpu %.2f s (%.1f MB per cpu-second); %d x %d, float32 data"
                    + " %.1f MB; peak RSS so far %.1f MB%n", seconds, bytes / 1e6 / seconds, cpu, bytes / 1e6 / cpu,
                    data.size(), data.featureCount(), floats * 4 / 1e6, peakRssKb() / 1e3);
            data = null;
        }
    }

    static long peakRssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
