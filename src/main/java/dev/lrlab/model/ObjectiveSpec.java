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
 * @param labelClassCount when every label is a whole number from 0 up, the largest plus one (the classes the labels
 *     can index); 0 otherwise or when unknown. An output of width k &gt; 1 with such labels, at most k, is inferred
 *     to be class scores
 */
public record ObjectiveSpec(Optional<String> outputKey, Optional<LossKind> lossKind, Optional<Boolean> fromLogits,
        int labelWidth, boolean labelsAreIntegers, int labelClassCount) {

    public ObjectiveSpec {
        if (labelClassCount < 0) {
            throw new IllegalArgumentException("labelClassCount must be >= 0, found " + labelClassCount);
        }
    }

    /** A spec whose labels' range is unknown ({@code labelClassCount} 0). */
    public ObjectiveSpec(Optional<String> outputKey, Optional<LossKind> lossKind, Optional<Boolean> fromLogits,
            int labelWidth, boolean labelsAreIntegers) {
        this(outputKey, lossKind, fromLogits, labelWidth, labelsAreIntegers, 0);
    }

    /** @return a spec that infers everything, for single-value labels */
    public static ObjectiveSpec inferred(boolean labelsAreIntegers) {
        return new ObjectiveSpec(Optional.empty(), Optional.empty(), Optional.empty(), 1, labelsAreIntegers);
    }

    /**
     * @param labels every label value
     * @return the largest label plus one when every label is a whole number from 0 up (and below 2^24, exact in
     *     float32); 0 otherwise
     */
    public static int classCountOf(float[] labels) {
        float max = -1;
        for (float label : labels) {
            if (!(label >= 0 && label < (1 << 24)) || label != Math.rint(label)) {
                return 0;
            }
            max = Math.max(max, label);
        }
        return labels.length == 0 ? 0 : (int) max + 1;
    }
}
