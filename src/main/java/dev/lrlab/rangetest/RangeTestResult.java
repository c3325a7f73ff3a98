package dev.lrlab.rangetest;

import dev.lrlab.LrlabException;
import dev.lrlab.run.StopReason;
import dev.lrlab.suggest.Suggestion;
import dev.lrlab.suggest.Suggestions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a range test measured and suggests. The arrays hold one value per step run, in step order; they are
 * copied in and out, so changing them changes nothing here.
 *
 * @param lr the learning rate of each step
 * @param loss the batch loss of each step (NaN or infinite where the run diverged)
 * @param smoothedLoss the smoothed loss of each step
 * @param valLoss the validation loss after each step, NaN where it was not measured
 * @param valAccuracy the validation accuracy after each step, NaN where it was not measured or the model is
 *                    not a classifier
 * @param suggestions learning rates suggested from the smoothed curve, or the reason there are none
 * @param stop why the test ended before its last step: the loss exploded, became NaN, or the test was
 *             interrupted; empty when every step ran
 * @param wallTime time spent on the steps (validation included, restore excluded)
 * @param setup what the test ran on, for {@link RangeTestOutputs}; null for a result made by hand
 */
public record RangeTestResult(double[] lr, double[] loss, double[] smoothedLoss, double[] valLoss, double[] valAccuracy,
        Suggestions suggestions, Optional<StopReason> stop, Duration wallTime, RangeTestSetup setup) {

    /**
     * Copies the arrays and checks they have one value per step.
     *
     * @param lr the learning rate of each step
     * @param loss the batch loss of each step
     * @param smoothedLoss the smoothed loss of each step
     * @param valLoss the validation loss after each step, NaN where not measured
     * @param valAccuracy the validation accuracy after each step, NaN where not measured
     * @param suggestions the suggested rates or the reason there are none
     * @param stop why the test ended early, if it did
     * @param wallTime time spent on the steps
     * @param setup what the test ran on; null when unknown
     */
    public RangeTestResult {
        lr = lr.clone();
        loss = loss.clone();
        smoothedLoss = smoothedLoss.clone();
        valLoss = valLoss.clone();
        valAccuracy = valAccuracy.clone();
        for (double[] column : new double[][] {loss, smoothedLoss, valLoss, valAccuracy}) {
            if (column.length != lr.length) {
                throw new IllegalArgumentException("expected " + lr.length + " values per column, found " + column.length);
            }
        }
        Objects.requireNonNull(suggestions, "suggestions");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(wallTime, "wallTime");
    }

    /**
     * A result without its setup (a curve from elsewhere, a test): {@link RangeTestOutputs} cannot write it.
     *
     * @param lr the learning rate of each step
     * @param loss the batch loss of each step
     * @param smoothedLoss the smoothed loss of each step
     * @param valLoss the validation loss after each step, NaN where not measured
     * @param valAccuracy the validation accuracy after each step, NaN where not measured
     * @param suggestions the suggested rates or the reason there are none
     * @param stop why the test ended early, if it did
     * @param wallTime time spent on the steps
     */
    public RangeTestResult(double[] lr, double[] loss, double[] smoothedLoss, double[] valLoss, double[] valAccuracy,
            Suggestions suggestions, Optional<StopReason> stop, Duration wallTime) {
        this(lr, loss, smoothedLoss, valLoss, valAccuracy, suggestions, stop, wallTime, null);
    }

    /**
     * The rate to train with: the recommended suggestion's ({@link Suggestions#recommended()}, valley by default).
     * It throws rather than return an empty optional because the reason is what the caller needs: a range test
     * that suggests nothing says why and what to change, e.g. {@code only 7 points after skipping the first 0 and
     * last 5; run more steps}.
     *
     * @return the recommended learning rate
     * @throws LrlabException (data) when the test made no suggestion, with the reason and what to change
     */
    public double suggestedLr() {
        return suggestions.recommended().map(Suggestion::lr).orElseThrow(() -> LrlabException.data(
                "the range test suggested no learning rate (" + suggestions.defaultName() + "): " + (suggestions.isEmpty()
                        ? suggestions.reason() : "the curve was too short for it; run more steps or ask another method")));
    }

    /** @return the learning rate of each step (a copy) */
    @Override
    public double[] lr() {
        return lr.clone();
    }

    /** @return the batch loss of each step (a copy) */
    @Override
    public double[] loss() {
        return loss.clone();
    }

    /** @return the smoothed loss of each step (a copy) */
    @Override
    public double[] smoothedLoss() {
        return smoothedLoss.clone();
    }

    /** @return the validation loss after each step, NaN where not measured (a copy) */
    @Override
    public double[] valLoss() {
        return valLoss.clone();
    }

    /** @return the validation accuracy after each step, NaN where not measured (a copy) */
    @Override
    public double[] valAccuracy() {
        return valAccuracy.clone();
    }

    /** @return the number of steps run */
    public int stepsRun() {
        return lr.length;
    }

    /** @return whether a stop was asked for (Ctrl-C, SIGTERM, or a listener) before the last step */
    public boolean interrupted() {
        return stop.isPresent() && stop.get().kind() == StopReason.Kind.INTERRUPTED;
    }

    /** @return steps per second of wall time, or NaN when no time was measured */
    public double stepsPerSecond() {
        double seconds = wallTime.toNanos() / 1e9;
        return seconds > 0 ? stepsRun() / seconds : Double.NaN;
    }

    /** @return why the test ended, in a few words for a summary */
    public String stopDescription() {
        return stop.map(StopReason::message).orElse("ran every step");
    }
}
