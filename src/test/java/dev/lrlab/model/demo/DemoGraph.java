package dev.lrlab.model.demo;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adds a {@link DemoModelSpec}'s ops to a graph. Per layer {@code L}: {@code VariableV2} ops
 * {@code L/kernel} and {@code L/bias}, their initial values as constants
 * {@code L/kernel_initial_value} and {@code L/bias_initial_value} assigned by
 * {@code L/kernel_assign} and {@code L/bias_assign} (registered as the graph's initializers), then
 * {@code L/MatMul}, {@code L/BiasAdd} and, for ReLU layers, {@code L/Relu}. Several inputs are
 * joined by {@code concat} (ConcatV2 on axis 1, the constant {@code concat_axis}), in spec order.
 * When the graph is serialized, TensorFlow Java adds a NoOp {@code Init} that depends on every
 * initializer: running it resets the variables to their initial values.
 */
final class DemoGraph {

    /** {@code tensorflow/serving/predict}, as the Python exporter writes for predict signatures. */
    static final String PREDICT_METHOD = "tensorflow/serving/predict";

    private DemoGraph() {
    }

    /**
     * Builds the model in {@code graph}.
     *
     * @return the {@code serving_default} signature: one input per {@link InputSpec}, keyed by its
     *     name, and one output keyed {@link DemoModelSpec#outputName()}
     */
    static Signature build(Graph graph, DemoModelSpec spec) {
        Ops tf = Ops.create(graph);
        Signature.Builder signature = Signature.builder()
                .key(Signature.DEFAULT_KEY)
                .methodName(PREDICT_METHOD);

        List<Operand<TFloat32>> inputs = new ArrayList<>();
        for (InputSpec input : spec.inputs()) {
            Placeholder<TFloat32> placeholder = tf.withName(input.name()).placeholder(
                    TFloat32.class, Placeholder.shape(Shape.of(-1, input.width())));
            signature.input(input.name(), placeholder);
            inputs.add(placeholder);
        }
        Operand<TFloat32> h = inputs.size() == 1
                ? inputs.get(0)
                : tf.withName("concat").concat(inputs, tf.withName("concat_axis").constant(1));

        List<LayerWeights> weights = spec.initialWeights();
        for (int i = 0; i < spec.layers().size(); i++) {
            h = dense(tf.withSubScope(spec.layers().get(i).name()), h, spec.layers().get(i), weights.get(i));
        }

        Operand<TFloat32> output = switch (spec.head()) {
            case SOFTMAX -> tf.withName(spec.outputName()).nn.softmax(h);
            case SIGMOID -> tf.withName(spec.outputName()).math.sigmoid(h);
            case IDENTITY -> tf.withName(spec.outputName()).identity(h);
        };
        return signature.output(spec.outputName(), output).build();
    }

    private static Operand<TFloat32> dense(Ops layer, Operand<TFloat32> h, DenseSpec spec,
                                           LayerWeights weights) {
        Ops init = layer.withInitScope();
        Variable<TFloat32> kernel = variable(init, "kernel",
                init.withName("kernel_initial_value").constant(weights.kernel()));
        Variable<TFloat32> bias = variable(init, "bias",
                init.withName("bias_initial_value").constant(weights.bias()));
        Operand<TFloat32> z = layer.nn.biasAdd(layer.linalg.matMul(h, kernel), bias);
        return spec.relu() ? layer.nn.relu(z) : z;
    }

    private static Variable<TFloat32> variable(Ops init, String name, Operand<TFloat32> initialValue) {
        Variable<TFloat32> variable = init.withName(name)
                .variable(initialValue.shape(), TFloat32.class);
        init.withName(name + "_assign").assign(variable, initialValue);
        return variable;
    }
}
