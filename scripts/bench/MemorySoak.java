import dev.lrlab.data.DataSpec;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of a long lrlab training loop (PreparedRun.step, as every experiment uses it): prints the
 * process's VmRSS every 1,000 steps, so a leak of tensors or results shows as growth.
 *
 *   java -cp "target/lrlab.jar:target/lib/*" scripts/bench/MemorySoak.java MODEL IMAGES LABELS STEPS BATCH
 */
public class MemorySoak {
    public static void main(String[] args) throws Exception {
        int steps = Integer.parseInt(args[3]);
        RunSpec spec = RunSpec.builder().setModel(Path.of(args[0]))
                .setData(DataSpec.withLabels(Path.of(args[1]), Path.of(args[2])))
                .optBatchSize(Integer.parseInt(args[4])).build();
        try (PreparedRun run = PreparedRun.open(spec)) {
            long begin = System.nanoTime();
            for (int step = 0; step < steps; step++) {
                run.step(step, 1e-3, 0.9);
                if ((step + 1) % 1000 == 0) {
                    System.out.printf("step %6d  rss %7d kB  %.4f s/step%n", step + 1, rssKb(),
                            (System.nanoTime() - begin) / 1e9 / (step + 1));
                }
            }
        }
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
