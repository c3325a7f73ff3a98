package dev.lrlab.experiment;

import dev.lrlab.train.Evaluation;
import java.util.Optional;

/**
 * What a training run did.
 *
 * @param stepsRun steps completed
 * @param lastLoss loss of the last step
 * @param initialValidation validation before the first step, when there is a validation split
 * @param finalValidation validation after the last step
 * @param stop why it stopped early: empty when it ran every step
 */
public record TrainResult(long stepsRun, double lastLoss, Optional<Evaluation> initialValidation,
        Optional<Evaluation> finalValidation, Optional<StopReason> stop) {
}
