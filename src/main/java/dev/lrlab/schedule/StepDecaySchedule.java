package dev.lrlab.schedule;

/**
 * Step decay: the rate is multiplied by {@code gamma} every {@code stepSize} steps,
 * {@code lr(step) = initialRate * gamma^floor(step / stepSize)}, as PyTorch's {@code StepLR}
 * ({@code torch.optim.lr_scheduler.StepLR}, with {@code step_size} counted in optimizer steps).
 *
 * <p>Spec form: {@code step:lr=0.1,gamma=0.5,every=100}.
 *
 * @param initialRate the rate for steps {@code 0 .. stepSize-1}, finite and {@code > 0}
 * @param gamma the factor applied at each drop, finite and {@code > 0} (usually below 1)
 * @param stepSize the number of steps between drops, {@code > 0}
 */
public record StepDecaySchedule(double initialRate, double gamma, long stepSize) implements LearningRateSchedule {

    /**
     * Validates the arguments.
     *
     * @param initialRate see the class description
     * @param gamma see the class description
     * @param stepSize see the class description
     * @throws IllegalArgumentException if a value is out of range, naming it with what was expected and found
     */
    public StepDecaySchedule {
        Checks.requirePositive("lr", initialRate);
        Checks.requirePositive("gamma", gamma);
        Checks.requirePositive("every", stepSize);
    }

    @Override
    public double learningRate(long step) {
        Checks.requireStep(step);
        return initialRate * Math.pow(gamma, step / stepSize);
    }

    @Override
    public String describe() {
        return "step:lr=" + SpecText.number(initialRate) + ",gamma=" + SpecText.number(gamma)
                + ",every=" + stepSize;
    }
}
