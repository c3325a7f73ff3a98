/**
 * Pure learning-rate schedules: functions from the 0-based optimizer step to the rate (and, for the
 * cyclical and 1cycle policies, the momentum). Nothing here imports TensorFlow or any other lrlab
 * package; invalid settings raise {@link java.lang.IllegalArgumentException} with "expected X, found Y"
 * messages, which the command line wraps.
 *
 * <p>{@link dev.lrlab.schedule.LearningRateSchedule} is the contract; the implementations follow their
 * papers and PyTorch's {@code torch.optim.lr_scheduler} (each class names its source).
 * {@link dev.lrlab.schedule.ScheduleSpec} parses the command line's one-line specs, and
 * {@code describe()} writes them back.
 *
 * <p>Limits: schedules past their planned end hold their final rate (cosine annealing, 1cycle) where
 * PyTorch would climb again or raise; warm restarts and cyclical schedules run forever. Only one
 * parameter group is modelled.
 */
package dev.lrlab.schedule;
