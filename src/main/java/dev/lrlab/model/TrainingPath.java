package dev.lrlab.model;

import java.util.List;

/**
 * Where training reads a signature output from: the output itself, or (for a Keras model loaded in
 * {@link LoadMode#TRAINING}) the same output of the model's training-mode call, with the model's
 * regularization losses (those that call returns and the Keras weight penalties) and the non-trainable
 * variables it updates (BatchNormalization's moving averages).
 *
 * @param output tensor to build the loss on
 * @param regularizationLosses scalar tensors to add to the loss
 * @param updatedState non-trainable variables that computing {@code output} assigns
 * @param trainingMode whether {@code output} comes from a training-mode call
 */
public record TrainingPath(String output, List<String> regularizationLosses, List<VariableSpec> updatedState,
        boolean trainingMode) {

    public TrainingPath {
        regularizationLosses = List.copyOf(regularizationLosses);
        updatedState = List.copyOf(updatedState);
    }

    /**
     * @param output a signature output tensor
     * @return the path that trains through that tensor and nothing else
     */
    public static TrainingPath direct(String output) {
        return new TrainingPath(output, List.of(), List.of(), false);
    }

    /** @return the output and the regularization losses: every tensor the training loss reads */
    public List<String> lossInputs() {
        List<String> all = new java.util.ArrayList<>();
        all.add(output);
        all.addAll(regularizationLosses);
        return all;
    }
}
