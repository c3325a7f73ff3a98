import dev.lrlab.data.Batch;
import dev.lrlab.data.BatchBuffer;
import dev.lrlab.data.DataSpec;
import dev.lrlab.experiment.PreparedRun;
import dev.lrlab.experiment.RangeTest;
import dev.lrlab.experiment.RangeTestConfig;
import dev.lrlab.experiment.RangeTestCurveWriter;
import dev.lrlab.experiment.RangeTestResult;
import dev.lrlab.experiment.RunSpec;
import dev.lrlab.experiment.StopSignal;
import dev.lrlab.model.VariableSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Range test against the leanest TensorFlow Java loop that runs the same training op (same graph, same
 * batches, same rates; every tensor built before timing; one Session.run per step), alternated in one JVM
 * so that both see the same machine load, after one untimed warm-up run of each, and taking turns at going
 * first. Prints the median seconds per step over the repetitions and the median of the paired ratios
 * (each repetition's two runs are back to back, so their ratio is less exposed to drifting machine load).
 *
 *   java -cp "target/lrlab.jar:target/lib/*" scripts/bench/RangeTestBench.java MODEL IMAGES LABELS STEPS BATCH REPEATS
 */
public class RangeTestBench {
    public static void main(String[] args) throws Exception {
        int steps = Integer.parseInt(args[3]);
        int batchSize = Integer.parseInt(args[4]);
        int repeats = Integer.parseInt(args[5]);
        RunSpec spec = RunSpec.builder().setModel(Path.of(args[0]))
                .setData(DataSpec.withLabels(Path.of(args[1]), Path.of(args[2]))).optBatchSize(batchSize).build();
        RangeTestConfig config = RangeTestConfig.builder().optSteps(steps).optStopOnDivergence(false).build();
        Path csv = Files.createTempFile("range-test-bench", ".csv");
        try (PreparedRun run = PreparedRun.open(spec)) {
            List<Tensor> inputs = new ArrayList<>();
            List<Tensor> labels = new ArrayList<>();
            List<Tensor> rates = new ArrayList<>();
            BatchBuffer buffer = new BatchBuffer(run.split().train(), batchSize);
            for (int step = 0; step < steps; step++) {
                Batch batch = buffer.fill(run.order(), step);
                inputs.add(TFloat32.tensorOf(Shape.of(batch.size(), 784), DataBuffers.of(batch.features().clone(), true, false)));
                labels.add(TFloat32.tensorOf(Shape.of(batch.size()), DataBuffers.of(batch.labels().clone(), true, false)));
                rates.add(TFloat32.scalarOf((float) config.learningRate(step)));
            }
            double[] lrlab = new double[repeats];
            double[] lean = new double[repeats];
            try (TFloat32 momentum = TFloat32.scalarOf((float) config.momentum())) {
                rangeTest(run, config, csv);
                leanRun(run, inputs, labels, rates, momentum);
                for (int r = 0; r < repeats; r++) {
                    // Alternate which loop goes first: the first loop after a restore runs measurably slower.
                    if (r % 2 == 0) {
                        lrlab[r] = rangeTest(run, config, csv);
                        lean[r] = leanRun(run, inputs, labels, rates, momentum);
                    } else {
                        lean[r] = leanRun(run, inputs, labels, rates, momentum);
                        lrlab[r] = rangeTest(run, config, csv);
                    }
                }
            }
            inputs.forEach(Tensor::close);
            labels.forEach(Tensor::close);
            rates.forEach(Tensor::close);
            System.out.printf("lrlab range-test seconds/step: %.6f (runs %s)%n", median(lrlab), Arrays.toString(lrlab));
            System.out.printf("lean loop seconds/step: %.6f (runs %s)%n", median(lean), Arrays.toString(lean));
            double[] ratios = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                ratios[r] = lrlab[r] / lean[r];
            }
            System.out.printf("ratio lrlab/lean: %.3f (median of the %d paired ratios; ratio of medians %.3f)%n",
                    median(ratios), repeats, median(lrlab) / median(lean));
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static double rangeTest(PreparedRun run, RangeTestConfig config, Path csv) {
        try (RangeTestCurveWriter writer = new RangeTestCurveWriter(csv, false, false, true)) {
            RangeTestResult result = RangeTest.run(run, config, writer, new StopSignal());
            return 1 / result.stepsPerSecond();
        }
    }

    private static double leanRun(PreparedRun run, List<Tensor> inputs, List<Tensor> labels, List<Tensor> rates,
            TFloat32 momentum) {
        try (VariableSnapshot start = run.snapshot()) {
            double seconds = leanLoop(run.model().session(), inputs, labels, rates, momentum);
            run.restore(start);
            return seconds;
        }
    }

    private static double leanLoop(Session session, List<Tensor> inputs, List<Tensor> labels, List<Tensor> rates,
            TFloat32 momentum) {
        long begin = System.nanoTime();
        for (int step = 0; step < inputs.size(); step++) {
            try (Result result = session.runner().feed("x:0", inputs.get(step))
                    .feed("lrlab_objective/labels", labels.get(step))
                    .feed("lrlab_optimizer/learning_rate", rates.get(step))
                    .feed("lrlab_optimizer/momentum", momentum)
                    .fetch("lrlab_objective/loss").addTarget("lrlab_optimizer/train_step").run()) {
                ((TFloat32) result.get(0)).getFloat();
            }
        }
        return (System.nanoTime() - begin) / 1e9 / inputs.size();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
