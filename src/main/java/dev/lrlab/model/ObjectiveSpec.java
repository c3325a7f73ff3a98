package dev.lrlab.model;

import java.util.Optional;

/**
 * What to minimise: a model output, the loss to compare it with labels, and how to read the output.
 *
 * @param outputKey the signature output to train (empty: the signature's only output)
 * @param lossKind the loss (empty: inferred from the output's final activation and the labels)
 * @param fromLogits whether the output is logits (empty: logits are found when the output comes from a
 *     final Softmax/Sigmoid; otherwise the output is taken as probabilities for cross-entropies)
 * @param labelWidth label values per example (1 for a class index or a scalar target)
 * @param labelsAreIntegers whether every label is a whole number (used to infer classification)
 */
public record ObjectiveSpec(Optional<String> outputKey, Optional<LossKind> lossKind, Optional<Boolean> fromLogits,
        int labelWidth, boolean labelsAreIntegers) {

    /** @return a spec that infers everything, for single-value labels */
    public static ObjectiveSpec inferred(boolean labelsAreIntegers) {
        return new ObjectiveSpec(Optional.empty(), Optional.empty(), Optional.empty(), 1, labelsAreIntegers);
    }
}
