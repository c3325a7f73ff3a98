package dev.lrlab.rangetest;

import java.util.OptionalDouble;

/**
 * One step of a range test.
 *
 * @param step 0-based step
 * @param lr the learning rate fed at this step
 * @param loss the batch loss, computed before this step's update
 * @param smoothedLoss the bias-corrected moving average of the losses up to this step
 * @param valLoss validation loss measured after this step's update (only every {@code validateEvery} steps)
 * @param valAccuracy validation accuracy, for classifiers, measured with {@code valLoss}
 */
public record RangeTestPoint(int step, double lr, double loss, double smoothedLoss, OptionalDouble valLoss,
        OptionalDouble valAccuracy) {
}
