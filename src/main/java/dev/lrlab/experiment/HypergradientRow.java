package dev.lrlab.experiment;

/**
 * One step of a hypergradient (or baseline) run.
 *
 * @param step the 1-based step
 * @param epoch the 1-based epoch the batch came from
 * @param learningRate the rate the step applied: alpha_t, or alpha0 for the baseline
 * @param loss the batch loss before the update
 * @param hypergradient h_t, NaN for the baseline
 */
public record HypergradientRow(long step, int epoch, double learningRate, double loss, double hypergradient) {

    /** @return whether the loss or the rate is NaN or infinite */
    public boolean diverged() {
        return !Double.isFinite(loss) || !Double.isFinite(learningRate);
    }
}
