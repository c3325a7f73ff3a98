package dev.lrlab.training;

import dev.lrlab.train.Evaluation;

/**
 * A validation measured during a training run, and after which step.
 *
 * @param step the 0-based step after whose update it was measured (the curve row that holds it)
 * @param evaluation the validation loss and accuracy, both finite
 */
public record StepValidation(long step, Evaluation evaluation) {
}
