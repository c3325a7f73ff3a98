package dev.lrlab.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * Gradients that TensorFlow's C++ registry lacks and real models need, registered from Java with
 * {@link TensorFlow#registerCustomGradient(String, org.tensorflow.op.RawCustomGradient)}.
 *
 * <ul>
 *   <li>{@code SparseSoftmaxCrossEntropyWithLogits}: d loss / d logits is the op's second output (softmax minus
 *       one-hot) times the incoming gradient; labels get zeros (TF Java cannot return "none"), which no variable's gradient uses. Same rule as TensorFlow's Python gradient.</li>
 *   <li>{@code IdentityN}: each output's gradient passes to the matching input (Keras emits it around
 *       {@code tf.custom_gradient} functions).</li>
 *   <li>{@code OnesLike}: zero gradient (its value does not depend on its input).</li>
 * </ul>
 *
 * <p>The registry is process-wide and native: registering is idempotent, since TensorFlow refuses (returns
 * false for) an op type that already has a gradient.
 */
public final class MissingGradients {
    /** The op types this class adds gradients for, in the order they are registered. */
    public static final List<String> OP_TYPES = List.of("SparseSoftmaxCrossEntropyWithLogits", "IdentityN", "OnesLike");

    private MissingGradients() {
    }

    /** Registers every gradient in {@link #OP_TYPES} that TensorFlow does not have yet. */
    public static synchronized void registerAll() {
        TensorFlow.registerCustomGradient("SparseSoftmaxCrossEntropyWithLogits", MissingGradients::sparseSoftmaxCrossEntropy);
        TensorFlow.registerCustomGradient("IdentityN", (tf, op, gradients) -> new ArrayList<>(gradients));
        TensorFlow.registerCustomGradient("OnesLike", (tf, op, gradients) -> zeros(tf, op));
    }

    @SuppressWarnings("unchecked")
    private static List<Operand<?>> sparseSoftmaxCrossEntropy(Ops tf, GraphOperation op, List<Output<?>> gradients) {
        Operand<TNumber> lossGradient = (Operand<TNumber>) gradients.get(0);
        Operand<TNumber> backprop = (Operand<TNumber>) (Operand<?>) op.output(1);
        Operand<TNumber> logitsGradient = tf.math.mul(tf.expandDims(lossGradient, tf.constant(-1)), backprop);
        List<Operand<?>> result = new ArrayList<>();
        result.add(logitsGradient);
        // TF Java 1.1.0 cannot take a null ("no gradient"): labels get zeros, which nothing consumes.
        result.add(tf.zerosLike(op.input(1)));
        return result;
    }

    private static List<Operand<?>> zeros(Ops tf, GraphOperation op) {
        List<Operand<?>> result = new ArrayList<>();
        for (int i = 0; i < op.numInputs(); i++) {
            result.add(tf.zerosLike(op.input(i)));
        }
        return result;
    }
}
