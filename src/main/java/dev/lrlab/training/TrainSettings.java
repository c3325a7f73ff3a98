package dev.lrlab.training;

import dev.lrlab.LrlabException;
import dev.lrlab.schedule.ConstantSchedule;
import dev.lrlab.schedule.LearningRateSchedule;

/**
 * How long to train and with which rate.
 *
 * @param steps optimizer steps in all
 * @param schedule the learning rate (and momentum, where it cycles it) of every step
 * @param momentum momentum fed when the schedule does not give one (beta1 for Adam)
 */
public record TrainSettings(long steps, LearningRateSchedule schedule, double momentum) {
    /** The constant learning rate of a run that names no rate or schedule. */
    public static final double DEFAULT_LR = 0.01;
    /** The initial rate alpha_0 of a hypergradient run that names none (the paper's SGD-HD experiments). */
    public static final double DEFAULT_HYPERGRADIENT_LR = 0.001;
    /** Passes over the training rows of a run that names no length. */
    public static final int DEFAULT_EPOCHS = 5;
    /** Passes over the training rows of a hypergradient run that names no length. */
    public static final int DEFAULT_HYPERGRADIENT_EPOCHS = 10;

    public TrainSettings {
        if (steps < 1) {
            throw LrlabException.usage("the run needs at least 1 step, found " + steps);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw LrlabException.usage("`momentum` must be in [0, 1), found " + momentum);
        }
    }

    /**
     * @param steps optimizer steps
     * @param lr a constant learning rate
     * @param momentum momentum (beta1 for Adam)
     * @return settings with a constant rate
     */
    public static TrainSettings constant(long steps, double lr, double momentum) {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw LrlabException.usage("`lr` must be a positive number, found " + lr);
        }
        return new TrainSettings(steps, new ConstantSchedule(lr), momentum);
    }
}
