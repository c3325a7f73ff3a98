package dev.lrlab.training;

import dev.lrlab.run.StopReason;
import dev.lrlab.train.Evaluation;
import java.util.Optional;

/**
 * What a training run did.
 *
 * @param stepsRun steps completed
 * @param lastLoss loss of the last step; NaN when no step ran ({@code stepsRun == 0})
 * @param initialValidation validation before the first step, when there is a validation split
 * @param lastValidation the last finite validation measured after a step (at an epoch end or the last step), and
 *     which step: empty when no step reached one, never the initial validation. A validation that came out NaN
 *     or infinite stops the run as diverged and is not kept here.
 * @param stop why it stopped early: empty when it ran every step
 */
public record TrainResult(long stepsRun, double lastLoss, Optional<Evaluation> initialValidation,
        Optional<StepValidation> lastValidation, Optional<StopReason> stop) {

    /** @return whether the last validation was measured after the run's last step, so it describes the final weights */
    public boolean lastValidationIsFinal() {
        return lastValidation.isPresent() && lastValidation.get().step() == stepsRun - 1;
    }
}
