package dev.lrlab.fit;

import dev.lrlab.run.StepRow;
import dev.lrlab.train.Evaluation;
import dev.lrlab.training.TrainResult;
import dev.lrlab.training.TrainSettings;
import java.util.List;
import java.util.Optional;

/**
 * One training of a fit: at the chosen rate ({@code factor} 1) or a comparison's multiple of it.
 *
 * @param factor the multiple of the chosen rate every rate of the schedule was scaled by
 * @param settings its steps and schedule
 * @param rows every step's row
 * @param result how it ended
 */
public record FitTraining(double factor, TrainSettings settings, List<StepRow> rows, TrainResult result) {

    /** Copies the rows. */
    public FitTraining {
        rows = List.copyOf(rows);
    }

    /**
     * @return the last validation measured after a step, when it describes the final weights (the run completed);
     *     empty when the run stopped early or there are no validation rows
     */
    public Optional<Evaluation> finalValidation() {
        return result.stop().isEmpty() && result.lastValidationIsFinal()
                ? result.lastValidation().map(v -> v.evaluation()) : Optional.empty();
    }

    /** @return the final validation loss, or infinity when the run has none (it diverged, or stopped early) */
    public double finalValLossOrInfinity() {
        return finalValidation().map(Evaluation::loss).orElse(Double.POSITIVE_INFINITY);
    }
}
