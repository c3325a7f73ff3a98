package dev.lrlab.schedule;

/**
 * The same learning rate at every step: {@code lr(step) = rate}.
 *
 * <p>Spec form: {@code constant:lr=0.01}.
 *
 * @param rate the learning rate, finite and {@code >= 0}
 */
public record ConstantSchedule(double rate) implements LearningRateSchedule {

    /**
     * Validates the rate.
     *
     * @param rate see the class description
     * @throws IllegalArgumentException if a value is out of range, naming it with what was expected and found
     */
    public ConstantSchedule {
        Checks.requireNonNegative("lr", rate);
    }

    @Override
    public double learningRate(long step) {
        Checks.requireStep(step);
        return rate;
    }

    @Override
    public String describe() {
        return "constant:lr=" + SpecText.number(rate);
    }
}
