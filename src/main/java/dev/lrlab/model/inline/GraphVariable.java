package dev.lrlab.model.inline;

import java.util.Objects;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;

/**
 * A variable of a SavedModel as it sits in the (inlined) graph.
 *
 * @param nodeName the variable node ({@code VarHandleOp} in TF2, {@code VariableV2} in TF1)
 * @param sharedName its {@code shared_name} attr (empty for TF1 variables without one)
 * @param dtype the value's type
 * @param shape the value's shape as saved
 * @param trainable whether the model marks it trainable
 */
public record GraphVariable(String nodeName, String sharedName, DataType dtype, Shape shape, boolean trainable) {
    /** Validates that every part is present. */
    public GraphVariable {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(sharedName, "sharedName");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
    }
}
