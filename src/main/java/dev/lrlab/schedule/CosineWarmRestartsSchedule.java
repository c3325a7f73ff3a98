package dev.lrlab.schedule;

/**
 * Cosine annealing with warm restarts, SGDR (Loshchilov &amp; Hutter, <i>SGDR: Stochastic Gradient
 * Descent with Warm Restarts</i>, 2017), exactly as PyTorch's {@code CosineAnnealingWarmRestarts}
 * stepped once per optimizer step:
 * {@code lr(t) = minRate + (maxRate - minRate) * (1 + cos(pi * T_cur / T_i)) / 2}, where {@code T_cur}
 * counts the steps since the last restart and {@code T_i} is the length of the current period. The
 * first period has {@code T_0 = firstPeriod} steps and each restart multiplies the length by
 * {@code T_mult = periodMultiplier}, so restarts happen at {@code T_0}, {@code T_0 (1 + T_mult)},
 * {@code T_0 (1 + T_mult + T_mult^2)}, ... where the rate jumps back to {@code maxRate}.
 *
 * <p>Spec form: {@code cosine:max=0.1,min=0,restart=T_0[,mult=T_mult]} ({@code mult} defaults to 1).
 *
 * @param maxRate the rate at step 0 and after every restart, finite and {@code > minRate}
 * @param minRate the rate approached at the end of each period, finite and {@code >= 0}
 * @param firstPeriod {@code T_0}, the steps until the first restart, {@code > 0}
 * @param periodMultiplier {@code T_mult}, a whole factor {@code >= 1} growing each period
 */
public record CosineWarmRestartsSchedule(double maxRate, double minRate, long firstPeriod, int periodMultiplier)
        implements LearningRateSchedule {

    /**
     * Validates the arguments.
     *
     * @param maxRate see the class description
     * @param minRate see the class description
     * @param firstPeriod see the class description
     * @param periodMultiplier see the class description
     * @throws IllegalArgumentException if a value is out of range, naming it with what was expected and found
     */
    public CosineWarmRestartsSchedule {
        Checks.requireNonNegative("min", minRate);
        Checks.requireFinite("max", maxRate);
        Checks.requireBelow("min", minRate, "max", maxRate);
        Checks.requirePositive("restart", firstPeriod);
        if (periodMultiplier < 1) {
            throw new IllegalArgumentException("expected mult >= 1, found " + periodMultiplier);
        }
    }

    @Override
    public double learningRate(long step) {
        Checks.requireStep(step);
        if (periodMultiplier == 1) {
            return CosineAnnealingSchedule.cosine(maxRate, minRate, step % firstPeriod, firstPeriod);
        }
        long periodStart = 0;
        long period = firstPeriod;
        while (step - periodStart >= period) {
            periodStart += period;
            period = period > Long.MAX_VALUE / periodMultiplier ? Long.MAX_VALUE : period * periodMultiplier;
        }
        return CosineAnnealingSchedule.cosine(maxRate, minRate, step - periodStart, period);
    }

    @Override
    public String describe() {
        return "cosine:max=" + SpecText.number(maxRate) + ",min=" + SpecText.number(minRate)
                + ",restart=" + firstPeriod + ",mult=" + periodMultiplier;
    }
}
