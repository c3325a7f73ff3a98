package dev.lrlab.experiment;

import dev.lrlab.train.Evaluation;
import dev.lrlab.train.StepResult;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Trains a prepared model for a number of steps with a learning-rate schedule, validating at every epoch
 * end, and stops at the first NaN or infinite loss (naming the step and rate) or when asked to. With a
 * hypergradient optimizer the schedule gives only alpha_0; every later step is fed the alpha_t the
 * previous step returned.
 */
public final class TrainRun {
    private TrainRun() {
    }

    /**
     * @param run the prepared model and data
     * @param settings steps, schedule and momentum
     * @param listener receives every row as it is computed
     * @param stop checked before every step
     * @return what happened
     */
    public static TrainResult run(PreparedRun run, TrainSettings settings, StepListener listener, StopSignal stop) {
        boolean usesMomentum = run.spec().optimizer().kind().usesMomentum();
        boolean adaptive = run.spec().optimizer().kind().isHypergradient();
        double adaptedLr = settings.schedule().learningRate(0);
        Optional<Evaluation> initial = run.validate();
        Optional<Evaluation> latest = initial;
        double lastLoss = Double.NaN;
        int perEpoch = run.stepsPerEpoch();
        for (long step = 0; step < settings.steps(); step++) {
            double lr = adaptive ? adaptedLr : settings.schedule().learningRate(step);
            double momentum = settings.schedule().momentum(step).orElse(settings.momentum());
            if (stop.isStopped()) {
                return new TrainResult(step, lastLoss, initial, latest, Optional.of(new StopReason(StopReason.Kind.INTERRUPTED,
                        step, lr, "interrupted by " + stop.reason() + " before step " + step + "; the curve so far is kept")));
            }
            StepResult result = run.step(step, lr, momentum);
            lastLoss = result.loss();
            adaptedLr = result.learningRate();
            boolean epochEnd = (step + 1) % perEpoch == 0 || step + 1 == settings.steps();
            boolean finite = Double.isFinite(result.loss()) && Double.isFinite(result.learningRate());
            OptionalDouble valLoss = OptionalDouble.empty();
            OptionalDouble valAccuracy = OptionalDouble.empty();
            if (epochEnd && finite) {
                latest = run.validate();
                if (latest.isPresent()) {
                    valLoss = OptionalDouble.of(latest.get().loss());
                    valAccuracy = latest.get().accuracy();
                }
            }
            listener.onStep(new StepRow(step, step / perEpoch, result.learningRate(), usesMomentum ? momentum : Double.NaN,
                    result.loss(), valLoss, valAccuracy, result.hypergradient()));
            if (!finite) {
                String what = Double.isFinite(result.loss()) ? "the learning rate" : "the loss";
                return new TrainResult(step + 1, lastLoss, initial, latest, Optional.of(new StopReason(StopReason.Kind.DIVERGED,
                        step, result.learningRate(), what + " became " + (Double.isFinite(result.loss()) ? result.learningRate()
                        : result.loss()) + " at step " + step + " with learning rate " + result.learningRate()
                        + "; lower the learning rate (a range test suggests one)")));
            }
        }
        return new TrainResult(settings.steps(), lastLoss, initial, latest, Optional.empty());
    }
}
