package dev.lrlab.run;

import java.util.OptionalDouble;

/**
 * One row of a training curve.
 *
 * @param step 0-based optimizer step
 * @param epoch 0-based epoch the step belongs to
 * @param lr learning rate applied
 * @param momentum momentum fed (NaN when the optimizer has none)
 * @param loss batch loss before the update
 * @param valLoss validation loss, measured after this step (at epoch ends)
 * @param valAccuracy validation accuracy, for classifiers, measured with valLoss
 * @param hypergradient h_t for hypergradient optimizers, NaN otherwise
 */
public record StepRow(long step, long epoch, double lr, double momentum, double loss, OptionalDouble valLoss,
        OptionalDouble valAccuracy, double hypergradient) {
}
