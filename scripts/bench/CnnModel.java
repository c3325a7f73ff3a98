import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Writes the benchmark's small CNN as a TF1-style SavedModel (the Keras MNIST convnet without dropout): x [-1,784] ->
 * reshape [-1,28,28,1] -> conv 3x3x32 ReLU -> max-pool 2 -> conv 3x3x64 ReLU -> max-pool 2 -> flatten 1600 -> dense 10
 * -> softmax (34,826 parameters), Glorot-uniform weights from a fixed seed. scripts/bench/vs-pytorch builds the same
 * network in PyTorch. Not part of the tests.
 *
 *   java -cp "target/lrlab.jar:target/lib/*" scripts/bench/CnnModel.java DIR
 */
public final class CnnModel {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Random random = new Random(42);
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 784)));
            Operand<TFloat32> h = tf.reshape(x, tf.constant(new long[] {-1, 28, 28, 1}));
            h = conv(tf.withSubScope("conv1"), h, 1, 32, random);
            h = conv(tf.withSubScope("conv2"), h, 32, 64, random);
            h = tf.reshape(h, tf.constant(new long[] {-1, 1600}));
            Ops dense = tf.withSubScope("dense");
            Variable<TFloat32> kernel = variable(dense, "kernel", Shape.of(1600, 10), glorot(random, 1600, 10, 1600 * 10));
            Variable<TFloat32> bias = variable(dense, "bias", Shape.of(10), new float[10]);
            Operand<TFloat32> logits = dense.nn.biasAdd(dense.linalg.matMul(h, kernel), bias);
            Operand<TFloat32> probs = tf.withName("probabilities").nn.softmax(logits);
            Signature signature = Signature.builder().key(Signature.DEFAULT_KEY).methodName("tensorflow/serving/predict")
                    .input("x", x).output("probabilities", probs).build();
            try (Session session = new Session(graph)) {
                session.initialize();
                SavedModelBundle.exporter(dir.toString()).withTags(SavedModelBundle.DEFAULT_TAG).withSession(session)
                        .withSignature(signature).export();
            }
        }
        System.out.println("wrote " + dir);
    }

    private static Operand<TFloat32> conv(Ops layer, Operand<TFloat32> h, int in, int out, Random random) {
        Variable<TFloat32> kernel = variable(layer, "kernel", Shape.of(3, 3, in, out), glorot(random, 9 * in, 9 * out, 9 * in * out));
        Variable<TFloat32> bias = variable(layer, "bias", Shape.of(out), new float[out]);
        Operand<TFloat32> z = layer.nn.biasAdd(layer.nn.conv2d(h, kernel, java.util.List.of(1L, 1L, 1L, 1L), "VALID"), bias);
        return layer.nn.maxPool(layer.nn.relu(z), layer.constant(new int[] {1, 2, 2, 1}),
                layer.constant(new int[] {1, 2, 2, 1}), "VALID");
    }

    private static float[] glorot(Random random, int fanIn, int fanOut, int count) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
        return values;
    }

    private static Variable<TFloat32> variable(Ops scope, String name, Shape shape, float[] values) {
        Ops init = scope.withInitScope();
        Operand<TFloat32> initial = init.withName(name + "_initial_value").constant(shape, DataBuffers.of(values, true, false));
        Variable<TFloat32> variable = init.withName(name).variable(shape, TFloat32.class);
        init.withName(name + "_assign").assign(variable, initial);
        return variable;
    }
}
