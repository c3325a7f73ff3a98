package dev.lrlab.schedule;

import java.util.OptionalDouble;

/**
 * A learning-rate schedule: a pure function from the 0-based optimizer step to the learning rate and,
 * for schedules that cycle it, the momentum (or Adam's beta1).
 *
 * <p>Implementations are immutable and hold no state between calls, so the step engine may ask for
 * any step in any order. A negative step is rejected with an {@link IllegalArgumentException}.
 */
public interface LearningRateSchedule {

    /**
     * @param step the 0-based optimizer step (the number of updates already applied)
     * @return the learning rate to use for this step
     * @throws IllegalArgumentException if {@code step < 0}
     */
    double learningRate(long step);

    /**
     * @param step the 0-based optimizer step
     * @return the momentum (or beta1) to use for this step, or empty when this schedule does not cycle
     *     momentum and the optimizer should keep its own
     * @throws IllegalArgumentException if {@code step < 0}
     */
    default OptionalDouble momentum(long step) {
        Checks.requireStep(step);
        return OptionalDouble.empty();
    }

    /**
     * @return a one-line spec in the form {@link ScheduleSpec#parse(String, long)} accepts, complete
     *     enough that parsing it back yields an equal schedule without a total step count (0)
     */
    String describe();
}
