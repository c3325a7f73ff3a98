package dev.lrlab.run;

import dev.lrlab.LrlabException;
import dev.lrlab.model.LoadMode;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run reaches the model's weights: a loss lrlab builds on a signature output (inference-mode graph, or
 * the Keras training-mode call with {@code --training-mode}), a loss signature of the model that lrlab
 * differentiates ({@code --loss-signature}), or a training-step signature of the model that lrlab drives with a
 * fed rate ({@code --train-signature} with {@code --lr-input}).
 *
 * <p>Made by a factory for each route ({@link #standard()}, {@link #kerasTrainingMode()},
 * {@link #trainSignature(String, String)}, {@link #lossSignature(String)}), with {@link #withLabelInput(String)} for
 * the label input, or by {@link #builder()} from settings given one by one (the command line's), which checks that
 * they make one route.
 */
public final class TrainingRoute {
    private static final TrainingRoute STANDARD = builder().build();
    private static final TrainingRoute KERAS_TRAINING_MODE = builder().optTrainingMode(true).build();

    private final boolean trainingMode;
    private final Optional<String> trainSignature;
    private final Optional<String> lrInput;
    private final Optional<String> lossSignature;
    private final Optional<String> labelInput;

    private TrainingRoute(Builder b) {
        trainingMode = b.trainingMode;
        trainSignature = Optional.ofNullable(b.trainSignature);
        lrInput = Optional.ofNullable(b.lrInput);
        lossSignature = Optional.ofNullable(b.lossSignature);
        labelInput = Optional.ofNullable(b.labelInput);
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
        return STANDARD;
    }

    /** @return the route through the Keras training-mode call */
    public static TrainingRoute kerasTrainingMode() {
        return KERAS_TRAINING_MODE;
    }

    /**
     * @param signature a signature that applies the model's own update and returns the loss
     * @param lrInput that signature's learning-rate input
     * @return the route driving the model's own training step with a fed rate
     */
    public static TrainingRoute trainSignature(String signature, String lrInput) {
        return builder().optTrainSignature(Objects.requireNonNull(signature, "trainSignature"))
                .optLrInput(Objects.requireNonNull(lrInput, "lrInput")).build();
    }

    /**
     * @param signature a signature that returns a scalar loss given features and labels
     * @return the route differentiating the model's own loss
     */
    public static TrainingRoute lossSignature(String signature) {
        return builder().optLossSignature(Objects.requireNonNull(signature, "lossSignature")).build();
    }

    /**
     * @param input the loss or train signature's label input
     * @return this route with that label input
     * @throws LrlabException (usage) on a route without a loss or train signature
     */
    public TrainingRoute withLabelInput(String input) {
        return toBuilder().optLabelInput(Objects.requireNonNull(input, "labelInput")).build();
    }

    /** @return a builder with no route chosen: {@link #standard()} until set */
    public static Builder builder() {
        return new Builder();
    }

    private Builder toBuilder() {
        return new Builder().optTrainingMode(trainingMode).optTrainSignature(trainSignature.orElse(null))
                .optLrInput(lrInput.orElse(null)).optLossSignature(lossSignature.orElse(null))
                .optLabelInput(labelInput.orElse(null));
    }

    /** @return whether to train through the Keras training-mode call */
    public boolean trainingMode() {
        return trainingMode;
    }

    /** @return a signature that applies the model's own update and returns the loss */
    public Optional<String> trainSignature() {
        return trainSignature;
    }

    /** @return the train signature's learning-rate input */
    public Optional<String> lrInput() {
        return lrInput;
    }

    /** @return a signature that returns a scalar loss given features and labels */
    public Optional<String> lossSignature() {
        return lossSignature;
    }

    /** @return the loss or train signature's label input (default: the input named like the label column) */
    public Optional<String> labelInput() {
        return labelInput;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrainingRoute route && trainingMode == route.trainingMode
                && trainSignature.equals(route.trainSignature) && lrInput.equals(route.lrInput)
                && lossSignature.equals(route.lossSignature) && labelInput.equals(route.labelInput);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trainingMode, trainSignature, lrInput, lossSignature, labelInput);
    }

    @Override
    public String toString() {
        return "TrainingRoute[trainingMode=" + trainingMode + ", trainSignature=" + trainSignature + ", lrInput="
                + lrInput + ", lossSignature=" + lossSignature + ", labelInput=" + labelInput + "]";
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

    /** Collects a route's settings one by one; every one is optional and {@link #build()} checks they fit. */
    public static final class Builder {
        private boolean trainingMode;
        private String trainSignature;
        private String lrInput;
        private String lossSignature;
        private String labelInput;

        private Builder() {
        }

        /** @param value train through the Keras training-mode call (default false) */
        public Builder optTrainingMode(boolean value) {
            trainingMode = value;
            return this;
        }

        /** @param value a signature that applies the model's own update, or null for none (needs an lr input) */
        public Builder optTrainSignature(String value) {
            trainSignature = value;
            return this;
        }

        /** @param value the train signature's learning-rate input, or null */
        public Builder optLrInput(String value) {
            lrInput = value;
            return this;
        }

        /** @param value a signature returning a scalar loss, or null for none */
        public Builder optLossSignature(String value) {
            lossSignature = value;
            return this;
        }

        /** @param value the loss or train signature's label input, or null for the input named like the label */
        public Builder optLabelInput(String value) {
            labelInput = value;
            return this;
        }

        /**
         * @return the route
         * @throws LrlabException (usage) for settings that do not make one route
         */
        public TrainingRoute build() {
            return new TrainingRoute(this);
        }
    }
}
