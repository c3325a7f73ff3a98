import dev.lrlab.data.DataSpec;
import dev.lrlab.model.inline.UnrollSettings;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

/**
 * Cost of unrolling a recurrent model's loops: for each sequence length T, the time to load the model with its
 * loops unrolled and build the training step (PreparedRun.open: inline, unroll, import, restore, gradients,
 * optimizer), the node count of the training graph, and the median time of a training step.
 *
 * <p>Arguments: MODEL (an open-length model: keras_embedding_bilstm_dynamic), STEPS (timed steps per T, after 3
 * untimed), BATCH, then the lengths. Synthetic token ids 1..50 and 0/1 labels, written to a temporary CSV per T.
 */
public class UnrollBench {
    public static void main(String[] args) throws IOException {
        Path model = Path.of(args[0]);
        int steps = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        System.out.printf("%6s %14s %12s %16s%n", "T", "build (s)", "graph nodes", "step (ms, median)");
        for (int a = 3; a < args.length; a++) {
            int length = Integer.parseInt(args[a]);
            Path data = syntheticCsv(length, 20 * batch);
            RunSpec spec = RunSpec.builder().setModel(model)
                    .setData(new DataSpec(data, Optional.empty(), Optional.of("y"), Optional.empty()))
                    .optBatchSize(batch).optUnroll(new UnrollSettings(length, UnrollSettings.DEFAULT_MAX_STEPS))
                    .build();
            long start = System.nanoTime();
            try (PreparedRun run = PreparedRun.open(spec)) {
                double build = (System.nanoTime() - start) / 1e9;
                int nodes = run.model().graph().toGraphDef().getNodeCount();
                for (int s = 0; s < 3; s++) {
                    run.step(s, 1e-3, 0.9);
                }
                double[] times = new double[steps];
                for (int s = 0; s < steps; s++) {
                    long t0 = System.nanoTime();
                    run.step(3 + s, 1e-3, 0.9);
                    times[s] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(times);
                System.out.printf("%6d %14.1f %12d %16.1f%n", length, build, nodes, times[steps / 2]);
            } finally {
                Files.deleteIfExists(data);
            }
        }
    }

    private static Path syntheticCsv(int length, int rows) throws IOException {
        Random random = new Random(length);
        StringBuilder text = new StringBuilder();
        for (int t = 0; t < length; t++) {
            text.append('t').append(t).append(',');
        }
        text.append("y\n");
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < length; t++) {
                text.append(1 + random.nextInt(50)).append(',');
            }
            text.append(random.nextInt(2)).append('\n');
        }
        Path file = Files.createTempFile("unroll-bench-", ".csv");
        Files.writeString(file, text);
        return file;
    }
}
