package dev.lrlab.schedule;

/**
 * Exponential decay as TensorFlow's {@code tf.keras.optimizers.schedules.ExponentialDecay}:
 * {@code lr(step) = initialRate * decayRate^(step / decaySteps)}, where the exponent is a real
 * quotient, or {@code floor(step / decaySteps)} when {@code staircase} is set (which then equals
 * {@link StepDecaySchedule}).
 *
 * <p>Spec form: {@code exp:lr=0.1,rate=0.96,every=100[,staircase=true]}.
 *
 * @param initialRate the rate at step 0, finite and {@code > 0}
 * @param decayRate the factor applied per {@code decaySteps} steps, finite and {@code > 0}
 * @param decaySteps the number of steps over which the rate is multiplied by {@code decayRate}, {@code > 0}
 * @param staircase whether the exponent is rounded down to a whole number
 */
public record ExponentialDecaySchedule(double initialRate, double decayRate, long decaySteps, boolean staircase)
        implements LearningRateSchedule {

    /**
     * Validates the arguments.
     *
     * @param initialRate see the class description
     * @param decayRate see the class description
     * @param decaySteps see the class description
     * @param staircase see the class description
     * @throws IllegalArgumentException if a value is out of range, naming it with what was expected and found
     */
    public ExponentialDecaySchedule {
        Checks.requirePositive("lr", initialRate);
        Checks.requirePositive("rate", decayRate);
        Checks.requirePositive("every", decaySteps);
    }

    @Override
    public double learningRate(long step) {
        Checks.requireStep(step);
        double exponent = staircase ? (double) (step / decaySteps) : (double) step / decaySteps;
        return initialRate * Math.pow(decayRate, exponent);
    }

    @Override
    public String describe() {
        return "exp:lr=" + SpecText.number(initialRate) + ",rate=" + SpecText.number(decayRate)
                + ",every=" + decaySteps + (staircase ? ",staircase=true" : "");
    }
}
