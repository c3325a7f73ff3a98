package dev.lrlab.train;

import dev.lrlab.KerasStyleModel;
import dev.lrlab.KerasStyleModel.Variable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The Keras-style models the step engine tests train, with the constants a test derives values from. */
final class KerasStyleModels {
    /** First dense layer of the Dropout/BatchNorm model: 2 inputs, 3 units. */
    static final float[] KERNEL_1 = {0.5f, -0.25f, 1f, 0.75f, 0.5f, -0.5f};
    static final float[] BIAS_1 = {0.1f, 0.2f, 0.3f};
    /** BatchNorm momentum: moving = moving * MOMENTUM + batch * (1 - MOMENTUM). */
    static final float MOMENTUM = 0.9f;
    /** Weight of the L2 penalty of the linear model: loss += L2 * sum(kernel^2). */
    static final float L2 = 0.5f;

    private KerasStyleModels() {
    }

    /** Dense(3, relu) -> BatchNorm -> Dropout(0.5) -> Dense(1); moving mean starts at 0, variance at 1. */
    static Path dropoutBatchNorm(Path dir) throws IOException {
        List<Variable> variables = List.of(
                new Variable("dense/kernel", Shape.of(2, 3), KERNEL_1, true),
                new Variable("dense/bias", Shape.of(3), BIAS_1, true),
                new Variable("bn/gamma", Shape.of(3), new float[] {1, 1, 1}, true),
                new Variable("bn/beta", Shape.of(3), new float[] {0, 0, 0}, true),
                new Variable("bn/moving_mean", Shape.of(3), new float[] {0, 0, 0}, false),
                new Variable("bn/moving_variance", Shape.of(3), new float[] {1, 1, 1}, false),
                new Variable("out/kernel", Shape.of(3, 1), new float[] {1, -1, 0.5f}, true),
                new Variable("out/bias", Shape.of(1), new float[] {0}, true));
        return KerasStyleModel.write(dir, 2, variables, (tf, x, v, training) -> {
            Operand<TFloat32> h = tf.nn.relu(tf.math.add(tf.linalg.matMul(x, read(tf, v.get("dense/kernel"))),
                    read(tf, v.get("dense/bias"))));
            Operand<TInt32> batchAxis = tf.constant(new int[] {0});
            Operand<TFloat32> mean;
            Operand<TFloat32> variance;
            List<Op> updates = new ArrayList<>();
            if (training) {
                mean = tf.math.mean(h, batchAxis);
                variance = tf.math.mean(tf.math.square(tf.math.sub(h, mean)), batchAxis);
                Operand<TFloat32> rate = tf.constant(1 - MOMENTUM);
                updates.add(tf.assignSubVariableOp(v.get("bn/moving_mean"),
                        tf.math.mul(tf.math.sub(read(tf, v.get("bn/moving_mean")), mean), rate)));
                updates.add(tf.assignSubVariableOp(v.get("bn/moving_variance"),
                        tf.math.mul(tf.math.sub(read(tf, v.get("bn/moving_variance")), variance), rate)));
            } else {
                mean = read(tf, v.get("bn/moving_mean"));
                variance = read(tf, v.get("bn/moving_variance"));
            }
            Operand<TFloat32> normalized = tf.math.add(tf.math.mul(tf.math.mul(tf.math.sub(h, mean),
                    tf.math.rsqrt(tf.math.add(variance, tf.constant(1e-3f)))), read(tf, v.get("bn/gamma"))),
                    read(tf, v.get("bn/beta")));
            if (training) {
                Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(
                        tf.random.randomUniform(tf.shape(normalized), TFloat32.class), tf.constant(0.5f)), TFloat32.class);
                normalized = tf.math.div(tf.math.mul(normalized, keep), tf.constant(0.5f));
            }
            Operand<TFloat32> out = tf.math.add(tf.linalg.matMul(normalized, read(tf, v.get("out/kernel"))),
                    read(tf, v.get("out/bias")));
            return List.of(tf.withControlDependencies(updates).identity(out));
        });
    }

    /** Dense(1) with an L2 penalty {@link #L2} * sum(kernel^2) returned as a regularization loss in both modes. */
    static Path linearWithPenalty(Path dir, float[] kernel, float bias) throws IOException {
        List<Variable> variables = List.of(new Variable("dense/kernel", Shape.of(kernel.length, 1), kernel, true),
                new Variable("dense/bias", Shape.of(1), new float[] {bias}, true));
        return KerasStyleModel.write(dir, kernel.length, variables, (tf, x, v, training) -> {
            Operand<TFloat32> k = read(tf, v.get("dense/kernel"));
            Operand<TFloat32> out = tf.math.add(tf.linalg.matMul(x, k), read(tf, v.get("dense/bias")));
            Operand<TFloat32> penalty = tf.math.mul(tf.constant(L2), tf.reduceSum(tf.math.square(k),
                    tf.constant(new int[] {0, 1})));
            return List.of(out, penalty);
        });
    }

    /**
     * Dense(1) with {@code kernel_regularizer=L2(}{@link #L2}{@code )}, saved as Keras saves it: a weight penalty
     * outside the call function, which returns no loss of its own.
     */
    static Path linearWithWeightPenalty(Path dir, float[] kernel, float bias) throws IOException {
        List<Variable> variables = List.of(new Variable("dense/kernel", Shape.of(kernel.length, 1), kernel, true),
                new Variable("dense/bias", Shape.of(1), new float[] {bias}, true));
        return KerasStyleModel.write(dir, kernel.length, variables, (tf, x, v, training) -> List.of(tf.math.add(
                tf.linalg.matMul(x, read(tf, v.get("dense/kernel"))), read(tf, v.get("dense/bias")))),
                List.of(new KerasStyleModel.Penalty("dense/kernel", L2)));
    }

    /**
     * Embedding(vocabulary, 2) on ids given as floats (cast to int32, as Keras does) -> mean over the ids -> Dense(1):
     * the table is read with ResourceGather inside the function the signature calls.
     */
    static Path embedding(Path dir, int vocabulary, int ids) throws IOException {
        float[] table = new float[vocabulary * 2];
        for (int i = 0; i < table.length; i++) {
            table[i] = 0.05f * ((i * 7) % 5 - 2);
        }
        List<Variable> variables = List.of(new Variable("embedding/embeddings", Shape.of(vocabulary, 2), table, true),
                new Variable("dense/kernel", Shape.of(2, 1), new float[] {0.5f, -0.5f}, true),
                new Variable("dense/bias", Shape.of(1), new float[] {0}, true));
        return KerasStyleModel.write(dir, ids, variables, (tf, x, v, training) -> {
            Operand<TFloat32> rows = tf.resourceGather(v.get("embedding/embeddings"), tf.dtypes.cast(x, TInt32.class),
                    TFloat32.class);
            Operand<TFloat32> pooled = tf.math.mean(rows, tf.constant(1));
            return List.of(tf.math.add(tf.linalg.matMul(pooled, read(tf, v.get("dense/kernel"))),
                    read(tf, v.get("dense/bias"))));
        });
    }

    private static Operand<TFloat32> read(Ops tf, Operand<?> handle) {
        return tf.readVariableOp(handle, TFloat32.class);
    }
}
