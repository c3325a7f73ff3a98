import dev.lrlab.data.Batch;
import dev.lrlab.data.BatchBuffer;
import dev.lrlab.data.DataSpec;
import dev.lrlab.experiment.PreparedRun;
import dev.lrlab.experiment.RunSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Benchmark baseline: the leanest TensorFlow Java loop that runs lrlab's own training op (same graph,
 * same batches, same rates): every batch tensor is built before timing, then one Session.run per step.
 *
 *   java -cp "target/lrlab.jar:target/lib/*" scripts/bench/LeanLoop.java MODEL IMAGES LABELS STEPS BATCH START END
 * prints "lean seconds/step: X".
 */
public class LeanLoop {
    public static void main(String[] args) {
        Path model = Path.of(args[0]);
        int steps = Integer.parseInt(args[3]);
        int batchSize = Integer.parseInt(args[4]);
        double start = Double.parseDouble(args[5]);
        double end = Double.parseDouble(args[6]);
        RunSpec spec = RunSpec.builder().setModel(model).setData(DataSpec.withLabels(Path.of(args[1]), Path.of(args[2])))
                .optBatchSize(batchSize).optValidationFraction(0.2).build();
        try (PreparedRun run = PreparedRun.open(spec)) {
            BatchBuffer buffer = new BatchBuffer(run.split().train(), batchSize);
            List<Tensor> inputs = new ArrayList<>();
            List<Tensor> labels = new ArrayList<>();
            List<Tensor> rates = new ArrayList<>();
            for (int step = 0; step < steps; step++) {
                Batch batch = buffer.fill(run.order(), step);
                inputs.add(TFloat32.tensorOf(Shape.of(batch.size(), 784), DataBuffers.of(batch.features().clone(), true, false)));
                labels.add(TFloat32.tensorOf(Shape.of(batch.size()), DataBuffers.of(batch.labels().clone(), true, false)));
                rates.add(TFloat32.scalarOf((float) (start * Math.pow(end / start, step / (double) (steps - 1)))));
            }
            Session session = run.model().session();
            try (TFloat32 momentum = TFloat32.scalarOf(0.9f)) {
                long begin = System.nanoTime();
                double sink = 0;
                for (int step = 0; step < steps; step++) {
                    try (Result result = session.runner().feed("x:0", inputs.get(step))
                            .feed("lrlab_objective/labels", labels.get(step))
                            .feed("lrlab_optimizer/learning_rate", rates.get(step))
                            .feed("lrlab_optimizer/momentum", momentum)
                            .fetch("lrlab_objective/loss").addTarget("lrlab_optimizer/train_step").run()) {
                        sink += ((TFloat32) result.get(0)).getFloat();
                    }
                }
                double seconds = (System.nanoTime() - begin) / 1e9;
                System.out.printf("lean seconds/step: %.6f (loss sum %.3f)%n", seconds / steps, sink);
            }
            inputs.forEach(Tensor::close);
            labels.forEach(Tensor::close);
            rates.forEach(Tensor::close);
        }
    }
}
