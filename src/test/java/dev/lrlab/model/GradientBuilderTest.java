package dev.lrlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrlab.LrlabException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The gradient pre-check names the node and the construct that has no gradient. */
class GradientBuilderTest {
    @Test
    void aWhileLoopBetweenTheVariableAndTheLossIsNamedWithItsNode() {
        try (Graph cond = new Graph(); Graph body = new Graph(); Graph graph = new Graph()) {
            ConcreteFunction condition = loopFunction(cond, true);
            ConcreteFunction step = loopFunction(body, false);
            graph.attachFunction(condition);
            graph.attachFunction(step);
            Ops tf = Ops.create(graph);
            Variable<TFloat32> w = tf.withName("w").variable(Shape.scalar(), TFloat32.class);
            Output<?>[] loopInputs = {tf.constant(0).asOutput(), tf.identity(w).asOutput()};
            var loop = graph.opBuilder("While", "doubling_loop", tf.scope()).addInputList(loopInputs)
                    .setAttr("T", new DataType[] {DataType.DT_INT32, DataType.DT_FLOAT})
                    .setAttr("cond", condition).setAttr("body", step)
                    .setAttr("output_shapes", new Shape[] {Shape.scalar(), Shape.scalar()})
                    .setAttr("parallel_iterations", 10L).build();
            @SuppressWarnings("unchecked")
            Output<TFloat32> loss = tf.withName("loss").math.square((Operand<TFloat32>) (Operand<?>) loop.output(1)).asOutput();
            ModelVariable variable = new ModelVariable(new VariableSpec("w", "FLOAT", "[]", VariableKind.VARIABLE_V2, true),
                    w.asOutput(), List.of(w.asOutput()));
            LrlabException e = assertThrows(LrlabException.class, () -> GradientBuilder.gradients(graph, loss,
                    List.of(variable)));
            assertEquals("cannot train through node 'doubling_loop' (op type While): TensorFlow has no gradient for a "
                    + "While loop (tf.while_loop, Keras RNN layers); export a train or loss signature (see "
                    + "docs/tf2-and-keras.md) or train another output", e.getMessage());
        }
    }

    /** cond: i < 3; body: (i + 1, v * 2). */
    private static ConcreteFunction loopFunction(Graph graph, boolean isCondition) {
        Ops tf = Ops.create(graph);
        Placeholder<TInt32> i = tf.withName("i").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
        Placeholder<TFloat32> v = tf.withName("v").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        Signature.Builder signature = Signature.builder().key(isCondition ? "cond" : "body").input("i", i).input("v", v);
        if (isCondition) {
            signature.output("keep_going", tf.math.less(i, tf.constant(3)));
        } else {
            signature.output("i_next", tf.math.add(i, tf.constant(1))).output("v_next", tf.math.mul(v, tf.constant(2f)));
        }
        return ConcreteFunction.create(signature.build(), graph);
    }
}
