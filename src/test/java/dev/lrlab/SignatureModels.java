package dev.lrlab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A TF1-style SavedModel exported with {@link SavedModelBundle#exporter}, with the signatures a user adds for
 * models lrlab cannot inline: {@code pred = x . w + b}, {@code serving_default} (x -> pred), {@code loss} (x, y ->
 * mean((pred - y)^2)) and {@code train_step} (x, y, lr -> that loss, after which w and b take one gradient-descent
 * step of rate lr).
 */
public final class SignatureModels {
    /** Initial weights and bias. */
    public static final float[] W0 = {0.5f, -0.5f};
    public static final float B0 = 0f;

    private SignatureModels() {
    }

    /**
     * @param dir export folder (must not exist)
     * @return {@code dir}
     * @throws IOException if the export fails
     */
    public static Path linearWithLossAndTrainSignatures(Path dir) throws IOException {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
            Placeholder<TFloat32> y = tf.withName("y").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            Placeholder<TFloat32> lr = tf.withName("lr").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            Variable<TFloat32> w = tf.withName("w").variable(tf.constant(new float[][] {{W0[0]}, {W0[1]}}));
            Variable<TFloat32> b = tf.withName("b").variable(tf.constant(new float[] {B0}));
            Operand<TFloat32> pred = tf.withName("pred").math.add(tf.linalg.matMul(x, w), b);
            Operand<TFloat32> loss = tf.withName("loss").math.mean(tf.math.square(tf.math.sub(
                    tf.reshape(pred, tf.constant(new int[] {-1})), y)), tf.constant(0));
            Gradients gradients = tf.gradients(loss, List.of(w, b));
            @SuppressWarnings("unchecked")
            Operand<TFloat32> dw = (Operand<TFloat32>) (Operand<?>) gradients.dy(0);
            @SuppressWarnings("unchecked")
            Operand<TFloat32> db = (Operand<TFloat32>) (Operand<?>) gradients.dy(1);
            var applyW = tf.train.applyGradientDescent(w, lr, dw);
            var applyB = tf.train.applyGradientDescent(b, lr, db);
            Operand<TFloat32> trainLoss = tf.withName("train_loss").withControlDependencies(List.of(applyW, applyB))
                    .identity(loss);
            session.initialize();
            SavedModelBundle.exporter(dir.toString()).withSession(session)
                    .withFunction(SessionFunction.create(Signature.builder().key("serving_default").input("x", x)
                            .output("pred", pred).build(), session))
                    .withFunction(SessionFunction.create(Signature.builder().key("loss").input("x", x).input("y", y)
                            .output("loss", loss).build(), session))
                    .withFunction(SessionFunction.create(Signature.builder().key("train_step").input("x", x)
                            .input("y", y).input("lr", lr).output("loss", trainLoss).build(), session))
                    .export();
            return dir;
        }
    }

    /**
     * A TF1-style model whose output doubles {@code x * w} in a functional {@code While} loop named {@code
     * doubling_loop} (i from 0 while i < 3): nothing lrlab can differentiate.
     *
     * @param dir export folder (must not exist)
     * @return {@code dir}
     * @throws IOException if the export fails
     */
    public static Path whileLoop(Path dir) throws IOException {
        return whileLoops(dir, "serving_default", "doubling_loop");
    }

    /**
     * Like {@link #whileLoop}, with one signature per loop: signature {@code keysAndLoops[2k]} returns {@code y} of
     * the loop named {@code keysAndLoops[2k + 1]}, each loop doubling {@code x * w} for the same {@code w}.
     *
     * @param dir export folder (must not exist)
     * @param keysAndLoops signature key, loop node name, signature key, loop node name, ...
     * @return {@code dir}
     * @throws IOException if the export fails
     */
    public static Path whileLoops(Path dir, String... keysAndLoops) throws IOException {
        try (Graph cond = new Graph(); Graph body = new Graph(); Graph graph = new Graph(); Session session = new Session(graph)) {
            org.tensorflow.ConcreteFunction condition = loopFunction(cond, true);
            org.tensorflow.ConcreteFunction step = loopFunction(body, false);
            graph.attachFunction(condition);
            graph.attachFunction(step);
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
            Variable<TFloat32> w = tf.withName("w").variable(tf.constant(new float[][] {{1f}}));
            var exporter = SavedModelBundle.exporter(dir.toString()).withSession(session);
            session.initialize();
            for (int k = 0; k < keysAndLoops.length; k += 2) {
                org.tensorflow.Output<?>[] inputs = {tf.constant(0).asOutput(), tf.linalg.matMul(x, w).asOutput()};
                var loop = graph.opBuilder("While", keysAndLoops[k + 1], tf.scope()).addInputList(inputs)
                        .setAttr("T", new org.tensorflow.proto.DataType[] {org.tensorflow.proto.DataType.DT_INT32,
                                org.tensorflow.proto.DataType.DT_FLOAT})
                        .setAttr("cond", condition).setAttr("body", step)
                        .setAttr("output_shapes", new Shape[] {Shape.scalar(), Shape.of(-1, 1)})
                        .setAttr("parallel_iterations", 10L).build();
                @SuppressWarnings("unchecked")
                Operand<TFloat32> y = tf.withName(k == 0 ? "y" : "y_" + k / 2)
                        .identity((Operand<TFloat32>) (Operand<?>) loop.output(1));
                exporter.withFunction(SessionFunction.create(Signature.builder().key(keysAndLoops[k]).input("x", x)
                        .output("y", y).build(), session));
            }
            exporter.export();
            return dir;
        }
    }

    /** cond: i < 3; body: (i + 1, v * 2). */
    public static org.tensorflow.ConcreteFunction loopFunction(Graph graph, boolean isCondition) {
        Ops tf = Ops.create(graph);
        Placeholder<org.tensorflow.types.TInt32> i = tf.withName("i").placeholder(org.tensorflow.types.TInt32.class,
                Placeholder.shape(Shape.scalar()));
        Placeholder<TFloat32> v = tf.withName("v").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
        Signature.Builder signature = Signature.builder().key(isCondition ? "cond" : "body").input("i", i).input("v", v);
        if (isCondition) {
            signature.output("keep_going", tf.math.less(i, tf.constant(3)));
        } else {
            signature.output("i_next", tf.math.add(i, tf.constant(1))).output("v_next", tf.math.mul(v, tf.constant(2f)));
        }
        return org.tensorflow.ConcreteFunction.create(signature.build(), graph);
    }
}
