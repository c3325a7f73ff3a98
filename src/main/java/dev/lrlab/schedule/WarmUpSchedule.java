package dev.lrlab.schedule;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Linear warm-up in front of another schedule (Goyal et al., <i>Accurate, Large Minibatch SGD</i>, 2017;
 * the shape of PyTorch's {@code LinearLR} chained with {@code SequentialLR}).
 *
 * <p>For {@code step < warmupSteps} the rate climbs linearly from {@code startRate} to the wrapped
 * schedule's first rate: {@code lr(step) = startRate + (wrapped(0) - startRate) * step / warmupSteps}.
 * From {@code warmupSteps} on, the wrapped schedule runs <b>shifted</b> by the warm-up, on its own
 * step count: {@code lr(step) = wrapped(step - warmupSteps)}. So a cosine schedule of {@code T} steps
 * behind a warm-up of {@code W} steps ends at step {@code W + T}; {@link ScheduleSpec} therefore gives
 * the wrapped schedule {@code totalSteps - W} as its total. Momentum during warm-up is the wrapped
 * schedule's momentum at its step 0, afterwards its momentum at {@code step - warmupSteps}.
 *
 * <p>Spec form: a prefix, {@code warmup=W[,start=X]+<schedule spec>}, e.g. {@code warmup=500+cosine:max=0.1}.
 *
 * @param wrapped the schedule that follows the warm-up
 * @param warmupSteps {@code W}, the number of warm-up steps, {@code > 0}
 * @param startRate the rate at step 0, finite and {@code >= 0} (0 by default in the spec)
 */
public record WarmUpSchedule(LearningRateSchedule wrapped, long warmupSteps, double startRate)
        implements LearningRateSchedule {

    /**
     * Validates the arguments.
     *
     * @param wrapped see the class description
     * @param warmupSteps see the class description
     * @param startRate see the class description
     * @throws IllegalArgumentException if a value is out of range, naming it with what was expected and found
     */
    public WarmUpSchedule {
        Objects.requireNonNull(wrapped, "wrapped");
        Checks.requirePositive("warmup", warmupSteps);
        Checks.requireNonNegative("start", startRate);
    }

    /**
     * @param wrapped the schedule that follows the warm-up
     * @param warmupSteps the number of warm-up steps, starting from a rate of 0
     */
    public WarmUpSchedule(LearningRateSchedule wrapped, long warmupSteps) {
        this(wrapped, warmupSteps, 0.0);
    }

    @Override
    public double learningRate(long step) {
        Checks.requireStep(step);
        if (step >= warmupSteps) {
            return wrapped.learningRate(step - warmupSteps);
        }
        double target = wrapped.learningRate(0);
        return startRate + (target - startRate) * step / warmupSteps;
    }

    @Override
    public OptionalDouble momentum(long step) {
        Checks.requireStep(step);
        return wrapped.momentum(Math.max(0, step - warmupSteps));
    }

    @Override
    public String describe() {
        String start = startRate == 0 ? "" : ",start=" + SpecText.number(startRate);
        return "warmup=" + warmupSteps + start + "+" + wrapped.describe();
    }
}
