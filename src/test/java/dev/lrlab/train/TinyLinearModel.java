package dev.lrlab.train;

import dev.lrlab.model.ModelGraph;
import dev.lrlab.model.SignatureSpec;
import dev.lrlab.model.TensorSpec;
import dev.lrlab.model.VariableKind;
import dev.lrlab.model.VariableSpec;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * y = x . w for a VariableV2 w of two values, built in a fresh graph: a model small enough to follow by
 * hand. Its signature feeds {@code x} [-1,2] and returns {@code y} [-1,1].
 */
final class TinyLinearModel implements ModelGraph, AutoCloseable {
    final Graph graph = new Graph();
    final Session session;
    final SignatureSpec signature;
    private final VariableSpec weights;

    TinyLinearModel(float w0, float w1) {
        Ops tf = Ops.create(graph);
        Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
        Variable<TFloat32> w = tf.withName("w").variable(Shape.of(2, 1), TFloat32.class);
        var init = tf.withName("w_init").assign(w, tf.constant(new float[][] {{w0}, {w1}}));
        tf.withName("y").linalg.matMul(x, w);
        session = new Session(graph);
        session.runner().addTarget(init).run().close();
        weights = new VariableSpec("w", "FLOAT", "[2,1]", VariableKind.VARIABLE_V2, true);
        signature = new SignatureSpec("serving_default", "predict",
                List.of(new TensorSpec("x", "x:0", "FLOAT", new long[] {-1, 2})),
                List.of(new TensorSpec("y", "y:0", "FLOAT", new long[] {-1, 1})));
    }

    float[] weights() {
        try (var result = session.runner().fetch("w").run()) {
            TFloat32 values = (TFloat32) result.get(0);
            return new float[] {values.getFloat(0, 0), values.getFloat(1, 0)};
        }
    }

    @Override
    public Graph graph() {
        return graph;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public List<VariableSpec> trainableVariablesFor(List<String> tensorNames) {
        return List.of(weights);
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
