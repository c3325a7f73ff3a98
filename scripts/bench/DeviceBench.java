import dev.lrlab.data.Dataset;
import dev.lrlab.device.ComputeDevice;
import dev.lrlab.device.DeviceCheck;
import dev.lrlab.rangetest.RangeTest;
import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.rangetest.RangeTestResult;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Range-test speed on a GPU and on the CPU in one JVM: the MLP 784-256-256-10 and a small CNN (28x28x1 -> conv 3x3x32
 * -> conv 3x3x64 stride 2 -> conv 3x3x64 stride 2 -> dense 10, ReLU, softmax), batch 128, SGD, rates 1e-5 -> 0.1, no
 * divergence stop. Both models are written here as SavedModels (seeded Glorot-uniform weights) and trained on seeded
 * synthetic 28x28 images in memory (10 classes), so nothing is needed beyond the project. Per model and device: one
 * untimed 20-step range test (graph placement, cuDNN/cuBLAS autotuning), then STEPS timed steps; prints steps per
 * second and the GPU/CPU ratio.
 *
 *   java -cp "target/lrlab.jar:target/lib-gpu/*" scripts/bench/DeviceBench.java [STEPS] [DEVICE]   (200, gpu:0)
 */
public class DeviceBench {
    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        ComputeDevice asked = ComputeDevice.parse(args.length > 1 ? args[1] : "gpu:0");
        Path dir = Path.of("target/bench");
        Files.createDirectories(dir);
        Path mlp = dir.resolve("device-mlp");
        Path cnn = dir.resolve("device-cnn");
        export(mlp, false);
        export(cnn, true);
        Dataset data = synthetic(4096, 7);
        ComputeDevice gpu = null;
        try {
            gpu = DeviceCheck.resolve(asked);
        } catch (RuntimeException e) {
            System.out.println("gpu: not usable: " + e.getMessage());
        }
        System.out.printf(Locale.ROOT, "%-26s %12s %12s %10s%n", "model (batch 128)", "GPU steps/s", "CPU steps/s",
                "GPU/CPU");
        for (Path model : List.of(mlp, cnn)) {
            double onGpu = gpu != null ? stepsPerSecond(model, data, gpu, steps) : Double.NaN;
            double onCpu = stepsPerSecond(model, data, ComputeDevice.CPU, steps);
            String name = model.equals(mlp) ? "MLP 784-256-256-10" : "CNN 3 conv + dense";
            System.out.printf(Locale.ROOT, "%-26s %12.1f %12.1f %9.1fx%n", name, onGpu, onCpu, onGpu / onCpu);
        }
    }

    private static double stepsPerSecond(Path model, Dataset data, ComputeDevice device, int steps) {
        RunSpec spec = RunSpec.builder().setModel(model).optBatchSize(128).optDevice(device).build();
        try (PreparedRun run = PreparedRun.open(spec, data)) {
            RangeTest.run(run, config(20));
            long begin = System.nanoTime();
            RangeTestResult result = RangeTest.run(run, config(steps));
            double seconds = (System.nanoTime() - begin) / 1e9;
            return result.stepsRun() / seconds;
        }
    }

    private static RangeTestConfig config(int steps) {
        return RangeTestConfig.builder().optStartLr(1e-5).optEndLr(0.1).optSteps(steps).optStopOnDivergence(false)
                .build();
    }

    /** 28x28 images: a class-dependent blob plus noise, labels 0..9. */
    private static Dataset synthetic(int n, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][784];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int label = i % 10;
            y[i] = label;
            for (int p = 0; p < 784; p++) {
                int row = p / 28;
                int col = p % 28;
                double blob = Math.exp(-((row - 4 - 2 * label) * (row - 4 - 2 * label) + (col - 14) * (col - 14)) / 20.0);
                x[i][p] = (float) (blob + 0.1 * random.nextGaussian());
            }
        }
        return Dataset.of(x, y);
    }

    private static void export(Path dir, boolean convolutional) throws Exception {
        if (Files.exists(dir.resolve("saved_model.pb"))) {
            return;
        }
        Random random = new Random(convolutional ? 11 : 13);
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 784)));
            Operand<TFloat32> h;
            if (convolutional) {
                h = tf.reshape(x, tf.constant(new int[] {-1, 28, 28, 1}));
                h = conv(tf, "conv1", h, 1, 32, 1, random);
                h = conv(tf, "conv2", h, 32, 64, 2, random);
                h = conv(tf, "conv3", h, 64, 64, 2, random);
                h = tf.reshape(h, tf.constant(new int[] {-1, 7 * 7 * 64}));
                h = dense(tf, "dense", h, 7 * 7 * 64, 10, false, random);
            } else {
                h = dense(tf, "dense1", x, 784, 256, true, random);
                h = dense(tf, "dense2", h, 256, 256, true, random);
                h = dense(tf, "dense3", h, 256, 10, false, random);
            }
            Operand<TFloat32> probabilities = tf.withName("probabilities").nn.softmax(h);
            Signature signature = Signature.builder().key(Signature.DEFAULT_KEY).input("x", x)
                    .output("probabilities", probabilities).build();
            try (Session session = new Session(graph)) {
                session.initialize();
                SavedModelBundle.exporter(dir.toString()).withTags(SavedModelBundle.DEFAULT_TAG).withSession(session)
                        .withSignature(signature).export();
            }
        }
    }

    private static Operand<TFloat32> conv(Ops tf, String name, Operand<TFloat32> h, int in, int out, int stride,
            Random random) {
        Ops layer = tf.withSubScope(name);
        Variable<TFloat32> kernel = variable(layer, "kernel", Shape.of(3, 3, in, out), 9 * in, 9 * out, random);
        Variable<TFloat32> bias = variable(layer, "bias", Shape.of(out), 0, 0, random);
        Operand<TFloat32> z = layer.nn.biasAdd(layer.nn.conv2d(h, kernel, List.of(1L, (long) stride, (long) stride, 1L),
                "SAME"), bias);
        return layer.nn.relu(z);
    }

    private static Operand<TFloat32> dense(Ops tf, String name, Operand<TFloat32> h, int in, int out, boolean relu,
            Random random) {
        Ops layer = tf.withSubScope(name);
        Variable<TFloat32> kernel = variable(layer, "kernel", Shape.of(in, out), in, out, random);
        Variable<TFloat32> bias = variable(layer, "bias", Shape.of(out), 0, 0, random);
        Operand<TFloat32> z = layer.nn.biasAdd(layer.linalg.matMul(h, kernel), bias);
        return relu ? layer.nn.relu(z) : z;
    }

    /** A VariableV2 set to Glorot-uniform values (zeros for a bias: fanIn 0) by an initializer. */
    private static Variable<TFloat32> variable(Ops layer, String name, Shape shape, int fanIn, int fanOut, Random random) {
        Ops init = layer.withInitScope();
        float[] values = new float[(int) shape.size()];
        double limit = fanIn == 0 ? 0 : Math.sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((2 * random.nextDouble() - 1) * limit);
        }
        Variable<TFloat32> variable = init.withName(name).variable(shape, TFloat32.class);
        init.withName(name + "_assign").assign(variable, init.withName(name + "_initial_value")
                .constant(shape, DataBuffers.of(values)));
        return variable;
    }
}
