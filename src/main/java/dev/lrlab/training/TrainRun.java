package dev.lrlab.training;

import dev.lrlab.report.ScientificFormat;
import dev.lrlab.run.DivergenceDetector;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.StepListener;
import dev.lrlab.run.StepRow;
import dev.lrlab.run.StopReason;
import dev.lrlab.run.StopSignal;
import dev.lrlab.train.Evaluation;
import dev.lrlab.train.HypergradientSettings;
import dev.lrlab.train.StepResult;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Trains a prepared model for a number of steps with a learning-rate schedule, validating at every epoch
 * end, and stops, naming the step and rate, at the first NaN or infinite loss, at the first validation loss
 * that is not finite (the step before it left the weights non-finite), or when asked to; a run with no
 * validation after its last step has its weights checked for NaN and infinite values instead. With a
 * hypergradient optimizer the schedule gives only alpha_0; every later step is fed the alpha_t the previous
 * step returned, and the run also stops at the first alpha_t that is negative or not finite (beta too large).
 * The result's last validation is the last finite one measured after a step, never the one before training.
 */
public final class TrainRun {
    private TrainRun() {
    }

    /**
     * @param run the prepared model and data
     * @param settings steps, schedule and momentum
     * @param listener receives every row as it is computed, the row of a stopping step included
     * @param stop checked before every step
     * @return what happened
     */
    public static TrainResult run(PreparedRun run, TrainSettings settings, StepListener<StepRow> listener, StopSignal stop) {
        boolean usesMomentum = run.spec().optimizer().kind().usesMomentum();
        boolean adaptive = run.spec().optimizer().kind().isHypergradient();
        double adaptedLr = settings.schedule().learningRate(0);
        TrainResult.Builder outcome = TrainResult.builder();
        run.validate().ifPresent(outcome::optInitialValidation);
        double lastLoss = Double.NaN;
        int perEpoch = run.stepsPerEpoch();
        DivergenceDetector detector = DivergenceDetector.nonFiniteOnly();
        for (long step = 0; step < settings.steps(); step++) {
            double lr = adaptive ? adaptedLr : settings.schedule().learningRate(step);
            double momentum = settings.schedule().momentum(step).orElse(settings.momentum());
            if (stop.isStopped()) {
                return outcome.setStepsRun(step).optLastLoss(lastLoss).optStop(new StopReason(StopReason.Kind.INTERRUPTED,
                        step, lr, "interrupted by " + stop.reason() + " before step " + step + "; the curve so far is kept"))
                        .build();
            }
            StepResult result = run.step(step, lr, momentum);
            lastLoss = result.loss();
            adaptedLr = result.learningRate();
            Optional<StopReason> diverged = adaptive
                    ? adaptiveDivergence(step, lr, result, run.spec().optimizer().hypergradient(), detector)
                    : divergence(step, result, detector);
            boolean epochEnd = (step + 1) % perEpoch == 0 || step + 1 == settings.steps();
            OptionalDouble valLoss = OptionalDouble.empty();
            OptionalDouble valAccuracy = OptionalDouble.empty();
            if (epochEnd && diverged.isEmpty()) {
                Optional<Evaluation> evaluation = run.validate();
                if (evaluation.isPresent()) {
                    valLoss = OptionalDouble.of(evaluation.get().loss());
                    valAccuracy = evaluation.get().accuracy();
                    if (Double.isFinite(evaluation.get().loss())) {
                        outcome.optLastValidation(new StepValidation(step, evaluation.get()));
                    } else {
                        diverged = Optional.of(new StopReason(StopReason.Kind.DIVERGED, step, result.learningRate(),
                                "the validation loss became " + evaluation.get().loss() + " after step " + step
                                + " with learning rate " + result.learningRate() + ": that step's update left the weights "
                                + "non-finite; lower the learning rate (a range test suggests one)"));
                    }
                }
            }
            StepRow.Builder row = StepRow.builder().setStep(step).setEpoch(step / perEpoch).setLr(result.learningRate())
                    .setLoss(result.loss()).optHypergradient(result.hypergradient());
            if (usesMomentum) {
                row.optMomentum(momentum);
            }
            valLoss.ifPresent(row::optValLoss);
            valAccuracy.ifPresent(row::optValAccuracy);
            listener.onStep(row.build());
            if (diverged.isPresent()) {
                return outcome.setStepsRun(step + 1).optLastLoss(lastLoss).optStop(diverged.get()).build();
            }
        }
        TrainResult done = outcome.setStepsRun(settings.steps()).optLastLoss(lastLoss).build();
        if (done.lastValidationIsFinal()) {
            return done; // a finite validation after the last step: the weights are finite
        }
        Optional<String> nonFinite = run.engine().firstNonFiniteWeight();
        if (nonFinite.isEmpty()) {
            return done;
        }
        long last = settings.steps() - 1;
        return outcome.optStop(new StopReason(StopReason.Kind.DIVERGED, last, adaptedLr, "the last step (" + last
                + ", learning rate " + adaptedLr + ") left the weights non-finite (variable '" + nonFinite.get()
                + "') though its loss was finite; lower the learning rate (a range test suggests one)")).build();
    }

    /**
     * A fixed-rate step diverged when its loss is not finite ({@link DivergenceDetector#nonFiniteOnly()}: a schedule
     * may raise the loss on purpose), or, defensively, the rate it reports.
     */
    private static Optional<StopReason> divergence(long step, StepResult result, DivergenceDetector detector) {
        if (detector.observe(result.loss(), result.loss()).isEmpty() && Double.isFinite(result.learningRate())) {
            return Optional.empty();
        }
        String what = Double.isFinite(result.loss()) ? "the learning rate" : "the loss";
        return Optional.of(new StopReason(StopReason.Kind.DIVERGED, step, result.learningRate(), what + " became "
                + (Double.isFinite(result.loss()) ? result.learningRate() : result.loss()) + " at step " + step
                + " with learning rate " + result.learningRate() + "; lower the learning rate (a range test suggests one)"));
    }

    /**
     * A hypergradient step diverged when its loss is not finite, or when the rate alpha_t it computed and applied is
     * negative (the step climbed the loss) or not finite: then beta is too large for this model.
     */
    private static Optional<StopReason> adaptiveDivergence(long step, double fed, StepResult result,
            HypergradientSettings hd, DivergenceDetector detector) {
        double alpha = result.learningRate();
        String beta = ScientificFormat.format(hd.beta(), 3);
        String smaller = ScientificFormat.format(hd.beta() / 10, 3);
        if (detector.observe(result.loss(), result.loss()).isPresent()) {
            return Optional.of(new StopReason(StopReason.Kind.DIVERGED, step, alpha, "the loss became " + result.loss()
                    + " at step " + step + " with learning rate " + fed + "; lower alpha_0, or the hypergradient beta"
                    + " (`beta`, now " + beta + ", e.g. `beta` " + smaller + ")"));
        }
        if (Double.isFinite(alpha) && alpha >= 0) {
            return Optional.empty();
        }
        String what = Double.isFinite(alpha) ? "turned negative (" + ScientificFormat.format(alpha, 3) + ")"
                : "became " + alpha;
        String bound = Double.isNaN(alpha) ? "" : alpha < 0 ? ", or bound it with `minLr`" : ", or bound it with `maxLr`";
        return Optional.of(new StopReason(StopReason.Kind.DIVERGED, step, alpha, String.format(Locale.ROOT,
                "the hypergradient learning rate %s at step %d (from alpha %s with hypergradient %s): `beta` %s is too large; "
                + "try `beta` %s (10x smaller)%s", what, step, ScientificFormat.format(fed, 3),
                ScientificFormat.format(result.hypergradient(), 3), beta, smaller, bound)));
    }
}
