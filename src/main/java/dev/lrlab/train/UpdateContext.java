package dev.lrlab.train;

import dev.lrlab.model.ModelVariable;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What an update rule builds on: the variables with their gradients (weight decay already added) and current
 * values, the fed scalars with the step count after this step, and a factory for optimizer slots.
 *
 * @param tf where to add ops; assignments made through it wait for the loss and every gradient
 * @param parameters the trainable variables, their gradients and values
 * @param scalars the fed learning rate and momentum, and the step count
 * @param slots creates zero-initialised optimizer state
 */
record UpdateContext(Ops tf, Parameters parameters, Scalars scalars, SlotFactory slots) {

    /**
     * The trainable variables and, index for index, what the rule needs of each.
     *
     * @param variables trainable variables
     * @param gradients one per variable, {@code g + wd * w}
     * @param values current value of each variable, read before any assignment
     */
    record Parameters(List<ModelVariable> variables, List<Operand<TFloat32>> gradients,
            List<Operand<TFloat32>> values) {
    }

    /**
     * The scalars of one step.
     *
     * @param learningRate the fed learning rate
     * @param momentum the fed momentum (beta1 for Adam)
     * @param step the 1-based count of this step, as float32
     */
    record Scalars(Operand<TFloat32> learningRate, Operand<TFloat32> momentum, Operand<TFloat32> step) {
    }

    /** @return trainable variables */
    List<ModelVariable> variables() {
        return parameters.variables();
    }

    /** @return one gradient per variable, {@code g + wd * w} */
    List<Operand<TFloat32>> gradients() {
        return parameters.gradients();
    }

    /** @return current value of each variable, read before any assignment */
    List<Operand<TFloat32>> values() {
        return parameters.values();
    }

    /** @return the fed learning rate */
    Operand<TFloat32> learningRate() {
        return scalars.learningRate();
    }

    /** @return the fed momentum (beta1 for Adam) */
    Operand<TFloat32> momentum() {
        return scalars.momentum();
    }

    /** @return the 1-based count of this step, as float32 */
    Operand<TFloat32> step() {
        return scalars.step();
    }
}
