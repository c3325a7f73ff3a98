package dev.lrlab.schedule;

/**
 * Cosine annealing without restarts (Loshchilov &amp; Hutter, <i>SGDR: Stochastic Gradient Descent with
 * Warm Restarts</i>, 2017, eq. 5; PyTorch {@code CosineAnnealingLR} in closed form):
 * {@code lr(t) = minRate + (maxRate - minRate) * (1 + cos(pi * t / T)) / 2} for {@code t <= T}.
 *
 * <p>Unlike PyTorch's closed form, which climbs back up after {@code T}, the rate stays at
 * {@code minRate} for every {@code t >= T}. For warm restarts use {@link CosineWarmRestartsSchedule}.
 *
 * <p>Spec form: {@code cosine:max=0.1,min=0[,steps=T]} ({@code T} defaults to the total step count).
 *
 * @param maxRate the rate at step 0, finite and {@code > minRate}
 * @param minRate the rate reached at step {@code T}, finite and {@code >= 0}
 * @param periodSteps {@code T}, the number of steps from {@code maxRate} down to {@code minRate}, {@code > 0}
 */
public record CosineAnnealingSchedule(double maxRate, double minRate, long periodSteps)
        implements LearningRateSchedule {

    /**
     * Validates the arguments.
     *
     * @param maxRate see the class description
     * @param minRate see the class description
     * @param periodSteps see the class description
     * @throws IllegalArgumentException if a value is out of range, naming it with what was expected and found
     */
    public CosineAnnealingSchedule {
        Checks.requireNonNegative("min", minRate);
        Checks.requireFinite("max", maxRate);
        Checks.requireBelow("min", minRate, "max", maxRate);
        Checks.requirePositive("steps", periodSteps);
    }

    @Override
    public double learningRate(long step) {
        Checks.requireStep(step);
        return cosine(maxRate, minRate, Math.min(step, periodSteps), periodSteps);
    }

    @Override
    public String describe() {
        return "cosine:max=" + SpecText.number(maxRate) + ",min=" + SpecText.number(minRate)
                + ",steps=" + periodSteps;
    }

    /** {@code min + (max - min) * (1 + cos(pi * tCur / tI)) / 2}, the SGDR annealing curve. */
    static double cosine(double max, double min, long tCur, long tI) {
        return min + (max - min) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
    }
}
