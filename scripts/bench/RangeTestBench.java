import dev.lrlab.data.Batch;
import dev.lrlab.data.BatchBuffer;
import dev.lrlab.data.DataSpec;
import dev.lrlab.model.VariableSnapshot;
import dev.lrlab.rangetest.RangeTest;
import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.rangetest.RangeTestCurveWriter;
import dev.lrlab.run.StepListener;
import dev.lrlab.rangetest.RangeTestResult;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopSignal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Range test against the leanest TensorFlow Java loop that runs the same training op (same graph, same
 * batches, same rates; every tensor built before timing; one Session.run per step).
 *
 * <p>Six loops run in one JVM, each once untimed, then REPEATS times in a shuffled order per repetition
 * (seeded), each run restoring the model it changed:
 * <ul>
 *   <li>{@code lean}: the lean loop;
 *   <li>{@code lean-again}: the same lean loop a second time, a control: its ratio to {@code lean} shows how
 *       far two identical loops drift apart on this machine;
 *   <li>{@code lean+copy}: the lean loop, but gathering each step's shuffled rows from the dataset and copying
 *       them into the fed tensor, the data work any real training loop does and the lean loop does before
 *       its clock starts;
 *   <li>{@code lrlab-no-csv}: {@code RangeTest.run} without a listener (no curve file);
 *   <li>{@code lrlab}: {@code RangeTest.run} with its CSV writer, exactly as {@code lrlab range-test} runs it;
 *   <li>{@code lrlab-prefetch}: the same with {@code --prefetch} (the coming batches copied on a background
 *       thread), on a second copy of the model loaded with that setting.
 * </ul>
 * Prints, per loop, the median seconds per step, the ratio of its median to {@code lean}'s median with a
 * 90% bootstrap interval over the repetitions, and the ratio of 25%-trimmed means.
 *
 *   java -cp "target/lrlab.jar:target/lib/*" scripts/bench/RangeTestBench.java MODEL IMAGES LABELS STEPS BATCH REPEATS
 */
public class RangeTestBench {
    private static final List<String> LOOPS = List.of("lean", "lean-again", "lean+copy", "lrlab-no-csv", "lrlab",
            "lrlab-prefetch");

    public static void main(String[] args) throws Exception {
        int steps = Integer.parseInt(args[3]);
        int batchSize = Integer.parseInt(args[4]);
        int repeats = Integer.parseInt(args[5]);
        RunSpec spec = RunSpec.builder().setModel(Path.of(args[0]))
                .setData(DataSpec.withLabels(Path.of(args[1]), Path.of(args[2]))).optBatchSize(batchSize).build();
        RangeTestConfig config = RangeTestConfig.builder().optSteps(steps).optStopOnDivergence(false).build();
        Path csv = Files.createTempFile("range-test-bench", ".csv");
        try (PreparedRun run = PreparedRun.open(spec);
                PreparedRun prefetching = PreparedRun.open(spec.toBuilder().optPrefetch(true).build())) {
            Fixture fixture = new Fixture(run, prefetching, config, steps, batchSize, csv);
            Map<String, double[]> seconds = new LinkedHashMap<>();
            LOOPS.forEach(loop -> seconds.put(loop, new double[repeats]));
            Random shuffle = new Random(1);
            try {
                for (String loop : LOOPS) {
                    fixture.time(loop); // warm-up
                }
                for (int r = 0; r < repeats; r++) {
                    List<String> order = new ArrayList<>(LOOPS);
                    Collections.shuffle(order, shuffle);
                    for (String loop : order) {
                        seconds.get(loop)[r] = fixture.time(loop);
                    }
                }
            } finally {
                fixture.close();
            }
            double[] lean = seconds.get("lean");
            for (String loop : LOOPS) {
                double[] s = seconds.get(loop);
                double[] interval = BenchStats.bootstrapRatio(s, lean, new Random(2));
                System.out.printf(Locale.ROOT, "%-14s %.6f s/step  median ratio to lean %.3f (90%% interval %.3f-%.3f)"
                        + "  trimmed-mean ratio %.3f%n", loop, BenchStats.median(s), BenchStats.median(s) / BenchStats.median(lean), interval[0],
                        interval[1], BenchStats.trimmedMean(s) / BenchStats.trimmedMean(lean));
            }
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    /** The model, the pre-built tensors of the lean loop, and one timed run of each loop. */
    private static final class Fixture implements AutoCloseable {
        private final PreparedRun run;
        private final PreparedRun prefetching;
        private final RangeTestConfig config;
        private final Path csv;
        private final BatchBuffer buffer;
        private final List<Tensor> inputs = new ArrayList<>();
        private final List<Tensor> labels = new ArrayList<>();
        private final List<Tensor> rates = new ArrayList<>();
        private final TFloat32 momentum;
        private final TFloat32 copiedInput;
        private final TFloat32 copiedLabels;

        Fixture(PreparedRun run, PreparedRun prefetching, RangeTestConfig config, int steps, int batchSize, Path csv) {
            this.run = run;
            this.prefetching = prefetching;
            this.config = config;
            this.csv = csv;
            this.buffer = new BatchBuffer(run.split().train(), batchSize);
            int width = run.split().train().featureCount();
            for (int step = 0; step < steps; step++) {
                Batch batch = buffer.fill(run.order(), step);
                inputs.add(TFloat32.tensorOf(Shape.of(batch.size(), width), DataBuffers.of(batch.features().clone(), true, false)));
                labels.add(TFloat32.tensorOf(Shape.of(batch.size()), DataBuffers.of(batch.labels().clone(), true, false)));
                rates.add(TFloat32.scalarOf((float) config.learningRate(step)));
            }
            this.momentum = TFloat32.scalarOf((float) config.momentum());
            this.copiedInput = TFloat32.tensorOf(Shape.of(batchSize, width));
            this.copiedLabels = TFloat32.tensorOf(Shape.of(batchSize));
        }

        double time(String loop) {
            if (loop.equals("lrlab-no-csv")) {
                return 1 / RangeTest.run(run, config, StepListener.none(), new StopSignal()).stepsPerSecond();
            }
            if (loop.equals("lrlab") || loop.equals("lrlab-prefetch")) {
                try (RangeTestCurveWriter writer = new RangeTestCurveWriter(csv, false, false, true)) {
                    RangeTestResult result = RangeTest.run(loop.equals("lrlab") ? run : prefetching, config, writer,
                            new StopSignal());
                    return 1 / result.stepsPerSecond();
                }
            }
            try (VariableSnapshot start = run.snapshot()) {
                double seconds = loop.equals("lean+copy") ? leanLoopWithCopy() : leanLoop();
                run.restore(start);
                return seconds;
            }
        }

        private double leanLoop() {
            Session session = run.model().session();
            long begin = System.nanoTime();
            for (int step = 0; step < inputs.size(); step++) {
                runStep(session, inputs.get(step), labels.get(step), rates.get(step));
            }
            return (System.nanoTime() - begin) / 1e9 / inputs.size();
        }

        private double leanLoopWithCopy() {
            Session session = run.model().session();
            long begin = System.nanoTime();
            for (int step = 0; step < inputs.size(); step++) {
                Batch batch = buffer.fill(run.order(), step);
                copiedInput.asRawTensor().data().asFloats().write(batch.features());
                copiedLabels.asRawTensor().data().asFloats().write(batch.labels());
                runStep(session, copiedInput, copiedLabels, rates.get(step));
            }
            return (System.nanoTime() - begin) / 1e9 / inputs.size();
        }

        private void runStep(Session session, Tensor input, Tensor label, Tensor rate) {
            try (Result result = session.runner().feed("x:0", input)
                    .feed("lrlab_objective/labels", label)
                    .feed("lrlab_optimizer/learning_rate", rate)
                    .feed("lrlab_optimizer/momentum", momentum)
                    .fetch("lrlab_objective/loss").addTarget("lrlab_optimizer/train_step").run()) {
                ((TFloat32) result.get(0)).getFloat();
            }
        }

        @Override
        public void close() {
            inputs.forEach(Tensor::close);
            labels.forEach(Tensor::close);
            rates.forEach(Tensor::close);
            momentum.close();
            copiedInput.close();
            copiedLabels.close();
        }
    }
}
