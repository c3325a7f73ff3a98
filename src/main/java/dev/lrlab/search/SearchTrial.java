package dev.lrlab.search;

import dev.lrlab.model.VariableSnapshot;
import dev.lrlab.run.DivergenceDetector;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.suggest.LossSmoother;
import dev.lrlab.train.Evaluation;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Runs one trial of a search: restores the initial weights and optimizer slots, takes up to
 * {@code stepsPerTrial} steps at a constant rate over the run's batch order from step 0 (so every trial sees
 * the same batches), and stops early by {@link DivergenceDetector#againstFirstLoss(double)}: when the loss is NaN
 * or infinite or the smoothed loss exceeds {@code divergeFactor} times the first loss (only when that first loss is
 * positive). A trial that ran to the
 * end is validated.
 */
final class SearchTrial {
    private SearchTrial() {
    }

    /**
     * @return the result, or empty when a stop was asked for before the trial ended
     */
    static Optional<TrialResult> run(PreparedRun run, VariableSnapshot initial, SearchStage stage, double lr,
            SearchConfig config, BooleanSupplier stopped) {
        long start = System.nanoTime();
        run.restore(initial);
        int steps = (int) config.stepsPerTrial();
        double[] losses = new double[steps];
        double[] smoothed = new double[steps];
        LossSmoother smoother = new LossSmoother(config.smoothing());
        DivergenceDetector detector = DivergenceDetector.againstFirstLoss(config.divergeFactor());
        double best = Double.POSITIVE_INFINITY;
        Optional<TrialResult.Divergence> divergence = Optional.empty();
        int done = 0;
        while (done < steps) {
            if (stopped.getAsBoolean()) {
                return Optional.empty();
            }
            double loss = run.step(done, lr, config.momentum()).loss();
            double average = smoother.add(loss);
            losses[done] = loss;
            smoothed[done] = average;
            done++;
            if (average < best) {
                best = average;
            }
            Optional<DivergenceDetector.Reason> diverged = detector.observe(loss, average);
            if (diverged.isPresent()) {
                divergence = Optional.of(diverged.get() == DivergenceDetector.Reason.NON_FINITE_LOSS
                        ? TrialResult.Divergence.NON_FINITE : TrialResult.Divergence.ABOVE_INITIAL);
                break;
            }
        }
        double valLoss = Double.NaN;
        if (divergence.isEmpty()) {
            Optional<Evaluation> evaluation = run.validate();
            if (evaluation.isPresent()) {
                valLoss = evaluation.get().loss();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        TrialResult.Builder trial = TrialResult.builder().setStage(stage).setLr(lr).optFinalLoss(smoothed[done - 1])
                .optBestLoss(best).optValLoss(valLoss).optSteps(done).optSeconds(seconds)
                .optLosses(Arrays.copyOf(losses, done)).optSmoothedLosses(Arrays.copyOf(smoothed, done));
        divergence.ifPresent(trial::optDivergence);
        return Optional.of(trial.build());
    }
}
