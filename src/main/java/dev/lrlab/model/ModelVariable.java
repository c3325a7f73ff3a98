package dev.lrlab.model;

import dev.lrlab.LrlabException;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A variable of a live graph, seen as something to read, differentiate and assign, whether it is a TF1
 * {@code VariableV2} or a resource variable.
 *
 * @param spec what the model says about the variable
 * @param handle the {@code VariableV2} ref output or the {@code VarHandleOp} resource output
 * @param differentiable the tensors to differentiate the loss against: the ref output itself, or every
 *     {@code ReadVariableOp} of the handle already in the graph (their gradients are summed)
 */
public record ModelVariable(VariableSpec spec, Output<?> handle, List<Output<?>> differentiable) {

    /**
     * @param graph the live graph
     * @param spec a variable of that graph
     * @return the variable, bound to the graph's ops, with every read of it
     */
    public static ModelVariable bind(Graph graph, VariableSpec spec) {
        return bind(graph, spec, name -> true);
    }

    /**
     * @param graph the live graph
     * @param spec a variable of that graph
     * @param onPath which op names lie on the way to the loss; reads elsewhere are not differentiated
     * @return the variable, bound to the graph's ops
     */
    public static ModelVariable bind(Graph graph, VariableSpec spec, java.util.function.Predicate<String> onPath) {
        GraphOperation op = graph.operationOrThrow(spec.name());
        Output<?> handle = op.output(0);
        if (spec.kind() == VariableKind.VARIABLE_V2) {
            return new ModelVariable(spec, handle, List.of(handle));
        }
        List<Output<?>> reads = new ArrayList<>();
        for (GraphOperation consumer : op.consumers(0)) {
            if (consumer.type().equals("ReadVariableOp") && onPath.test(consumer.name())) {
                reads.add(consumer.output(0));
            }
        }
        return new ModelVariable(spec, handle, List.copyOf(reads));
    }

    /** @return true when the variable holds float32 values, the only kind lrlab trains */
    public boolean isFloat32() {
        return spec.dtype().equals("FLOAT");
    }

    /** @throws LrlabException unless the variable is float32 */
    public void requireFloat32() {
        if (!isFloat32()) {
            throw LrlabException.model("variable " + spec.name() + " has dtype " + spec.dtype()
                    + "; lrlab trains float32 variables only (mark it non-trainable or export the model in float32)");
        }
    }

    /**
     * Adds an op that reads the current value.
     *
     * @param tf where to add it
     * @return the value
     */
    @SuppressWarnings("unchecked")
    public Operand<TFloat32> read(Ops tf) {
        if (spec.kind() == VariableKind.VARIABLE_V2) {
            return tf.identity((Operand<TFloat32>) (Operand<?>) handle);
        }
        return tf.readVariableOp(handle, TFloat32.class);
    }

    /**
     * Adds an op that assigns a new value.
     *
     * @param tf where to add it (with any control dependencies already set)
     * @param value the new value
     * @return the assignment
     */
    @SuppressWarnings("unchecked")
    public Op assign(Ops tf, Operand<TFloat32> value) {
        if (spec.kind() == VariableKind.VARIABLE_V2) {
            return tf.assign((Operand<TFloat32>) (Operand<?>) handle, value);
        }
        return tf.assignVariableOp(handle, value);
    }
}
