package dev.lrlab.spark;

import dev.lrlab.search.SearchStage;
import dev.lrlab.search.TrialResult;
import java.io.Serializable;

/**
 * A {@link TrialResult} as it travels from a task to the driver ({@code Optional} and records of them do not
 * serialize): the same values, curves included, the divergence and the stage by name.
 */
final class TrialOutcome implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String stage;
    private final double lr;
    private final double finalLoss;
    private final double bestLoss;
    private final double valLoss;
    private final String divergence;
    private final long steps;
    private final double seconds;
    private final double[] losses;
    private final double[] smoothedLosses;
    private final String failure;

    private TrialOutcome(TrialResult t) {
        stage = t.stage().name();
        lr = t.lr();
        finalLoss = t.finalLoss();
        bestLoss = t.bestLoss();
        valLoss = t.valLoss();
        divergence = t.divergence().map(Enum::name).orElse(null);
        steps = t.steps();
        seconds = t.seconds();
        losses = t.losses();
        smoothedLosses = t.smoothedLosses();
        failure = t.failure().orElse(null);
    }

    /** @return the outcome of {@code result} */
    static TrialOutcome of(TrialResult result) {
        return new TrialOutcome(result);
    }

    /** @return the trial again, equal value for value to the one {@link #of} was given */
    TrialResult toResult() {
        TrialResult.Builder trial = TrialResult.builder().setStage(SearchStage.valueOf(stage)).setLr(lr)
                .optFinalLoss(finalLoss).optBestLoss(bestLoss).optValLoss(valLoss).optSteps(steps).optSeconds(seconds)
                .optLosses(losses).optSmoothedLosses(smoothedLosses);
        if (divergence != null) {
            trial.optDivergence(TrialResult.Divergence.valueOf(divergence));
        }
        if (failure != null) {
            trial.optFailure(failure);
        }
        return trial.build();
    }
}
