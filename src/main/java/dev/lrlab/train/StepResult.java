package dev.lrlab.train;

/**
 * The scalars one training step returns.
 *
 * @param loss the batch loss before the update
 * @param learningRate the rate the step applied: the fed one, or alpha_t for hypergradient optimizers
 * @param hypergradient h_t for hypergradient optimizers, NaN otherwise
 */
public record StepResult(float loss, double learningRate, double hypergradient) {
}
