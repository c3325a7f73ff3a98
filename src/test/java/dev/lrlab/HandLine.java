package dev.lrlab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * The smallest model whose every training number can be worked out by hand: {@code y = w x + b} with one input,
 * written as a Keras-style SavedModel ({@link KerasStyleModel}) with {@code w = b = 0.5}, and a CSV of identical
 * rows {@code x = 1, y = 0}. On a batch of those rows the mse is {@code s^2} with {@code s = w + b}, and both
 * gradients are {@code 2 s}; the first loss is 1 and the first gradients are (2, 2).
 */
public final class HandLine {
    /** Initial w and b. */
    public static final float W0 = 0.5f;
    public static final float B0 = 0.5f;

    private HandLine() {
    }

    /**
     * @param dir where to write the model (created)
     * @return {@code dir}
     * @throws IOException if it cannot be written
     */
    public static Path model(Path dir) throws IOException {
        return KerasStyleModel.write(dir, 1, List.of(
                new KerasStyleModel.Variable("dense/kernel", Shape.of(1, 1), new float[] {W0}, true),
                new KerasStyleModel.Variable("dense/bias", Shape.of(1), new float[] {B0}, true)),
                (tf, x, v, training) -> List.of(tf.math.add(tf.linalg.matMul(x, tf.readVariableOp(v.get("dense/kernel"),
                        TFloat32.class)), tf.readVariableOp(v.get("dense/bias"), TFloat32.class))));
    }

    /**
     * @param file the CSV to write
     * @param rows how many rows {@code x = 1, y = 0}
     * @return {@code file}
     * @throws IOException if it cannot be written
     */
    public static Path rows(Path file, int rows) throws IOException {
        return Files.writeString(file, "x,y\n" + "1,0\n".repeat(rows));
    }
}
