package dev.lrlab.train;

import dev.lrlab.model.ModelVariable;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What an update rule builds on: the variables, their gradients (weight decay already added) and current
 * values, the fed scalars, the step count after this step, and a factory for optimizer slots.
 *
 * @param tf where to add ops; assignments made through it wait for the loss and every gradient
 * @param variables trainable variables
 * @param gradients one per variable, {@code g + wd * w}
 * @param values current value of each variable, read before any assignment
 * @param learningRate the fed learning rate
 * @param momentum the fed momentum (beta1 for Adam)
 * @param step the 1-based count of this step, as float32
 * @param slots creates zero-initialised optimizer state
 */
record UpdateContext(Ops tf, List<ModelVariable> variables, List<Operand<TFloat32>> gradients,
        List<Operand<TFloat32>> values, Operand<TFloat32> learningRate, Operand<TFloat32> momentum,
        Operand<TFloat32> step, SlotFactory slots) {
}
