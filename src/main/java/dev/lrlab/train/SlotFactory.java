package dev.lrlab.train;

import dev.lrlab.model.ModelVariable;
import dev.lrlab.model.VariableKind;
import dev.lrlab.model.VariableSpec;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.types.TFloat32;

/**
 * Creates optimizer state ("slots") as float32 resource variables initialised to zero, and remembers them
 * and their initialisers so the engine can run them once and snapshot them with the model.
 */
final class SlotFactory {
    private final Ops tf;
    private final List<ModelVariable> slots = new ArrayList<>();
    private final List<Op> initializers = new ArrayList<>();

    SlotFactory(Ops tf) {
        this.tf = tf;
    }

    /**
     * @param name unique slot name
     * @param like a variable of the slot's shape
     * @return the slot, as a variable that can be read and assigned
     */
    ModelVariable zerosLike(String name, ModelVariable like) {
        return zerosLike(name, like.read(tf));
    }

    ModelVariable zerosLike(String name, Operand<TFloat32> like) {
        Shape shape = like.shape();
        VarHandleOp handle = tf.withName(name).varHandleOp(TFloat32.class, shape,
                VarHandleOp.sharedName(tf.scope().makeOpName(name)));
        // Zeros of the static shape: zerosLike(like) would make the initialiser wait for whatever 'like'
        // waits for (a variable read ordered after the loss), so running it would ask for the batch.
        Operand<TFloat32> zeros = shape.isUnknown() || shape.hasUnknownDimension()
                ? tf.zerosLike(like) : tf.zeros(tf.constant(shape), TFloat32.class);
        initializers.add(tf.withName(name + "_init").assignVariableOp(handle, zeros));
        ModelVariable slot = new ModelVariable(new VariableSpec(handle.op().name(), "FLOAT", shape.toString(),
                VariableKind.RESOURCE, false), handle.resource(), List.of());
        slots.add(slot);
        return slot;
    }

    /**
     * @param name unique slot name
     * @return a float32 scalar slot
     */
    ModelVariable scalar(String name) {
        return zerosLike(name, tf.constant(0f));
    }

    List<ModelVariable> slots() {
        return List.copyOf(slots);
    }

    List<Op> initializers() {
        return List.copyOf(initializers);
    }
}
