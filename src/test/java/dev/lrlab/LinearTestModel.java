package dev.lrlab;

import dev.lrlab.model.ModelGraph;
import dev.lrlab.model.SignatureSpec;
import dev.lrlab.model.TensorSpec;
import dev.lrlab.model.VariableKind;
import dev.lrlab.model.VariableSpec;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A linear model built in code, {@code y = x . w + b} (optionally through a Sigmoid), for tests that need
 * every number to be derivable by hand: input {@code x} [-1, n], output {@code y} [-1, 1], trainable
 * {@code w} [n, 1] and {@code b} [1], either TF1 {@code VariableV2} or resource variables.
 */
public final class LinearTestModel implements ModelGraph, AutoCloseable {
    /** The key of the only signature. */
    public static final String SIGNATURE = "serving_default";

    private final Graph graph;
    private final Session session;
    private final List<VariableSpec> variables;
    private final SignatureSpec signature;

    private LinearTestModel(Graph graph, Session session, List<VariableSpec> variables, SignatureSpec signature) {
        this.graph = graph;
        this.session = session;
        this.variables = variables;
        this.signature = signature;
    }

    /**
     * @param weights initial w, one per feature
     * @param bias initial b
     * @param sigmoid whether y is the sigmoid of the linear output (logistic regression)
     * @param kind how the variables are stored
     * @return the model, variables initialised; close it
     */
    public static LinearTestModel create(float[] weights, float bias, boolean sigmoid, VariableKind kind) {
        Graph graph = new Graph();
        try {
            Ops tf = Ops.create(graph);
            int n = weights.length;
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, n)));
            Operand<TFloat32> w0 = tf.reshape(tf.constant(weights), tf.constant(new long[] {n, 1}));
            Operand<TFloat32> b0 = tf.constant(new float[] {bias});
            List<Op> inits = new ArrayList<>();
            Operand<TFloat32> w;
            Operand<TFloat32> b;
            if (kind == VariableKind.VARIABLE_V2) {
                Variable<TFloat32> wv = tf.withName("w").variable(Shape.of(n, 1), TFloat32.class);
                Variable<TFloat32> bv = tf.withName("b").variable(Shape.of(1), TFloat32.class);
                inits.add(tf.assign(wv, w0));
                inits.add(tf.assign(bv, b0));
                w = wv;
                b = bv;
            } else {
                VarHandleOp wh = tf.withName("w").varHandleOp(TFloat32.class, Shape.of(n, 1), VarHandleOp.sharedName("w"));
                VarHandleOp bh = tf.withName("b").varHandleOp(TFloat32.class, Shape.of(1), VarHandleOp.sharedName("b"));
                inits.add(tf.assignVariableOp(wh, w0));
                inits.add(tf.assignVariableOp(bh, b0));
                w = tf.readVariableOp(wh, TFloat32.class);
                b = tf.readVariableOp(bh, TFloat32.class);
            }
            Operand<TFloat32> linear = tf.math.add(tf.linalg.matMul(x, w), b);
            if (sigmoid) {
                tf.withName("y").math.sigmoid(linear);
            } else {
                tf.withName("y").identity(linear);
            }
            Session session = new Session(graph);
            for (Op init : inits) {
                session.runner().addTarget(init).run().close();
            }
            List<VariableSpec> variables = List.of(
                    new VariableSpec("w", "FLOAT", "[" + n + ",1]", kind, true),
                    new VariableSpec("b", "FLOAT", "[1]", kind, true));
            SignatureSpec signature = new SignatureSpec(SIGNATURE, "tensorflow/serving/predict",
                    List.of(new TensorSpec("x", "x:0", "FLOAT", new long[] {-1, n})),
                    List.of(new TensorSpec("y", "y:0", "FLOAT", new long[] {-1, 1})));
            return new LinearTestModel(graph, session, variables, signature);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /** @return the only signature, {@code x -> y} */
    public SignatureSpec signature() {
        return signature;
    }

    /** @return feature names {@code f0 .. f(n-1)} to build a training setup with */
    public List<String> featureNames() {
        long n = signature.inputs().get(0).shape()[1];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("f" + i);
        }
        return names;
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
        return variables;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
