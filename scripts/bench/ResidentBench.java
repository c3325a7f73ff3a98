import dev.lrlab.data.DataSpec;
import dev.lrlab.rangetest.RangeTest;
import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StepListener;
import dev.lrlab.run.StopSignal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Range-test seconds per step with the training rows resident in TensorFlow (each batch gathered there from a fed
 * index vector, {@code residentDataLimitBytes} large) against the same range test copying each batch from Java
 * ({@code residentDataLimitBytes} 0, the default), on two
 * runs of one model opened side by side.
 *
 * <p>Both loops run once untimed, then REPEATS times each in a shuffled order per repetition (seeded), in one JVM;
 * each range test restores the weights it changed. Prints the median seconds per step of each path, the ratio of the
 * resident median to the copying one with a 90% bootstrap interval over the repetitions, and the 25%-trimmed-mean ratio.
 *
 *   java -cp "target/lrlab.jar:target/lib/*" scripts/bench/ResidentBench.java NAME MODEL BATCH STEPS REPEATS DATA [LABELS|LABEL_COLUMN]
 *
 * DATA ending in {@code .csv} is read with the label column named by the last argument; otherwise DATA and LABELS
 * are IDX (or .npy) files of features and labels.
 */
public class ResidentBench {
    public static void main(String[] args) {
        String name = args[0];
        int batchSize = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        int repeats = Integer.parseInt(args[4]);
        Path data = Path.of(args[5]);
        DataSpec spec = data.toString().endsWith(".csv") ? DataSpec.csv(data, args[6])
                : DataSpec.withLabels(data, Path.of(args[6]));
        RunSpec.Builder builder = RunSpec.builder().setModel(Path.of(args[1])).setData(spec).optBatchSize(batchSize);
        RangeTestConfig config = RangeTestConfig.builder().optSteps(steps).optStopOnDivergence(false).build();
        try (PreparedRun resident = PreparedRun.open(builder.optResidentDataLimitBytes(Long.MAX_VALUE >> 1).build());
                PreparedRun copying = PreparedRun.open(builder.optResidentDataLimitBytes(0).build())) {
            if (resident.residentData().isEmpty()) {
                throw new IllegalStateException("the rows did not become resident: " + resident.splitSizes());
            }
            List<String> loops = List.of("resident", "copy");
            double[][] seconds = new double[2][repeats];
            for (String loop : loops) {
                time(loop.equals("resident") ? resident : copying, config); // warm-up
            }
            Random shuffle = new Random(1);
            for (int r = 0; r < repeats; r++) {
                List<String> order = new ArrayList<>(loops);
                Collections.shuffle(order, shuffle);
                for (String loop : order) {
                    int i = loops.indexOf(loop);
                    seconds[i][r] = time(i == 0 ? resident : copying, config);
                }
            }
            double[] interval = BenchStats.bootstrapRatio(seconds[0], seconds[1], new Random(2));
            System.out.printf(Locale.ROOT, "%s (%s, %d MB resident, batch %d, %d steps x %d):%n", name,
                    resident.splitSizes(), resident.residentData().getAsLong() >> 20, batchSize, steps, repeats);
            System.out.printf(Locale.ROOT, "  resident %.6f s/step%n  copy     %.6f s/step%n", BenchStats.median(seconds[0]),
                    BenchStats.median(seconds[1]));
            System.out.printf(Locale.ROOT, "  resident/copy median ratio %.3f (90%% interval %.3f-%.3f), trimmed-mean ratio"
                    + " %.3f%n", BenchStats.median(seconds[0]) / BenchStats.median(seconds[1]), interval[0], interval[1],
                    BenchStats.trimmedMean(seconds[0]) / BenchStats.trimmedMean(seconds[1]));
        }
    }

    private static double time(PreparedRun run, RangeTestConfig config) {
        return 1 / RangeTest.run(run, config, StepListener.none(), new StopSignal()).stepsPerSecond();
    }
}
