package dev.lrlab.run;

import dev.lrlab.LrlabException;
import dev.lrlab.model.LoadMode;
import java.util.Optional;

/**
 * How a run reaches the model's weights: a loss lrlab builds on a signature output (inference-mode graph, or
 * the Keras training-mode call with {@code --training-mode}), a loss signature of the model that lrlab
 * differentiates ({@code --loss-signature}), or a training-step signature of the model that lrlab drives with a
 * fed rate ({@code --train-signature} with {@code --lr-input}).
 *
 * @param trainingMode train through the Keras training-mode call
 * @param trainSignature a signature that applies the model's own update and returns the loss
 * @param lrInput the train signature's learning-rate input
 * @param lossSignature a signature that returns a scalar loss given features and labels
 * @param labelInput the loss or train signature's label input (default: the input named like the label column)
 */
public record TrainingRoute(boolean trainingMode, Optional<String> trainSignature, Optional<String> lrInput,
        Optional<String> lossSignature, Optional<String> labelInput) {

    public TrainingRoute {
        if (trainSignature.isPresent() != lrInput.isPresent()) {
            throw LrlabException.usage(trainSignature.isPresent()
                    ? "`trainSignature` needs `lrInput` NAME, the signature's learning-rate input"
                    : "`lrInput` only applies with `trainSignature` NAME");
        }
        if (trainingMode && (trainSignature.isPresent() || lossSignature.isPresent())) {
            throw LrlabException.usage("`trainingMode` builds lrlab's loss on the Keras training-mode call; it cannot "
                    + "be combined with `trainSignature` or `lossSignature`");
        }
        if (labelInput.isPresent() && trainSignature.isEmpty() && lossSignature.isEmpty()) {
            throw LrlabException.usage("`labelInput` only applies with `lossSignature` or `trainSignature`");
        }
    }

    /** @return the default route: lrlab's loss on a signature output, inference-mode graph */
    public static TrainingRoute standard() {
        return new TrainingRoute(false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** @return the route through the Keras training-mode call */
    public static TrainingRoute kerasTrainingMode() {
        return new TrainingRoute(true, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** @return how the model must be loaded for this route */
    public LoadMode loadMode() {
        if (trainSignature.isPresent()) {
            return LoadMode.AS_SAVED;
        }
        return trainingMode ? LoadMode.TRAINING : LoadMode.INFERENCE;
    }

    /** @return one line for the log */
    public String describe() {
        if (trainSignature.isPresent()) {
            return "the model's own train signature '" + trainSignature.get() + "' with the rate fed to '" + lrInput.get()
                    + "'";
        }
        if (lossSignature.isPresent()) {
            return "gradients of the model's loss signature '" + lossSignature.get() + "'";
        }
        return trainingMode ? "Keras training mode (Dropout active, BatchNorm on batch statistics)"
                : "inference-mode graph (Dropout off, BatchNorm on moving statistics)";
    }
}
