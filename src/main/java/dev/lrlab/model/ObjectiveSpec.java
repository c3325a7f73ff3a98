package dev.lrlab.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What to minimise: a model output, the loss to compare it with labels, and how to read the output. Immutable; made
 * with {@link #builder()} (every setting optional) or {@link #inferred}.
 */
public final class ObjectiveSpec {
    private final String outputKey;
    private final LossKind lossKind;
    private final Boolean fromLogits;
    private final int labelWidth;
    private final boolean labelsAreIntegers;
    private final int labelClassCount;

    private ObjectiveSpec(Builder builder) {
        this.outputKey = builder.outputKey;
        this.lossKind = builder.lossKind;
        this.fromLogits = builder.fromLogits;
        this.labelWidth = builder.labelWidth;
        this.labelsAreIntegers = builder.labelsAreIntegers;
        this.labelClassCount = builder.labelClassCount;
    }

    /** @return a builder of a spec that infers everything, for single-value labels that are not whole numbers */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a spec that infers everything, for single-value labels */
    public static ObjectiveSpec inferred(boolean labelsAreIntegers) {
        return builder().optLabelsAreIntegers(labelsAreIntegers).build();
    }

    /** @return the signature output to train (empty: the signature's only output) */
    public Optional<String> outputKey() {
        return Optional.ofNullable(outputKey);
    }

    /** @return the loss (empty: inferred from the output's final activation and the labels) */
    public Optional<LossKind> lossKind() {
        return Optional.ofNullable(lossKind);
    }

    /**
     * @return whether the output is logits (empty: logits are found when the output comes from a final
     *     Softmax/Sigmoid; otherwise the output is taken as probabilities for cross-entropies)
     */
    public Optional<Boolean> fromLogits() {
        return Optional.ofNullable(fromLogits);
    }

    /** @return label values per example (1 for a class index or a scalar target) */
    public int labelWidth() {
        return labelWidth;
    }

    /** @return whether every label is a whole number (used to infer classification) */
    public boolean labelsAreIntegers() {
        return labelsAreIntegers;
    }

    /**
     * @return when every label is a whole number from 0 up, the largest plus one (the classes the labels can index);
     *     0 otherwise or when unknown. An output of width k &gt; 1 with such labels, at most k, is inferred to be class
     *     scores
     */
    public int labelClassCount() {
        return labelClassCount;
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

    private List<Object> values() {
        return Arrays.asList(outputKey, lossKind, fromLogits, labelWidth, labelsAreIntegers, labelClassCount);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectiveSpec spec && values().equals(spec.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    @Override
    public String toString() {
        return "ObjectiveSpec[outputKey=" + outputKey() + ", lossKind=" + lossKind() + ", fromLogits=" + fromLogits()
                + ", labelWidth=" + labelWidth + ", labelsAreIntegers=" + labelsAreIntegers + ", labelClassCount="
                + labelClassCount + "]";
    }

    /** Builds an {@link ObjectiveSpec}: every setting is optional (null for "infer it"); {@link #build()} checks them. */
    public static final class Builder {
        private String outputKey;
        private LossKind lossKind;
        private Boolean fromLogits;
        private int labelWidth = 1;
        private boolean labelsAreIntegers;
        private int labelClassCount;

        private Builder() {
        }

        /** @param value the signature output to train (default: the signature's only output) */
        public Builder optOutputKey(String value) {
            outputKey = value;
            return this;
        }

        /** @param value the loss (default: inferred from the output's final activation and the labels) */
        public Builder optLossKind(LossKind value) {
            lossKind = value;
            return this;
        }

        /** @param value whether the output is logits (default: found from a final Softmax/Sigmoid) */
        public Builder optFromLogits(Boolean value) {
            fromLogits = value;
            return this;
        }

        /** @param value label values per example (default 1: a class index or a scalar target) */
        public Builder optLabelWidth(int value) {
            labelWidth = value;
            return this;
        }

        /** @param value whether every label is a whole number, used to infer classification (default false) */
        public Builder optLabelsAreIntegers(boolean value) {
            labelsAreIntegers = value;
            return this;
        }

        /**
         * @param value the largest label plus one when every label is a whole number from 0 up (see
         *     {@link ObjectiveSpec#classCountOf}); default 0, unknown
         */
        public Builder optLabelClassCount(int value) {
            labelClassCount = value;
            return this;
        }

        /**
         * @return the spec
         * @throws IllegalArgumentException when {@code labelClassCount} is negative
         */
        public ObjectiveSpec build() {
            if (labelClassCount < 0) {
                throw new IllegalArgumentException("labelClassCount must be >= 0, found " + labelClassCount);
            }
            return new ObjectiveSpec(this);
        }
    }
}
