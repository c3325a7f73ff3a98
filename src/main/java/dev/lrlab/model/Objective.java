package dev.lrlab.model;

import dev.lrlab.SettingSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tensorflow.Output;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The loss built on a model output, ready to differentiate. Immutable; made with {@link #builder()}
 * ({@code setLoss}, {@code setLabels}, {@code setKind} and {@code setDescription} required).
 */
public final class Objective {
    private final Output<TFloat32> loss;
    private final Placeholder<TFloat32> labels;
    private final LossKind kind;
    private final boolean fromLogits;
    private final Output<TFloat32> accuracy;
    private final String description;
    private final SettingSource lossInference;
    private final List<String> warnings;

    private Objective(Builder builder) {
        this.loss = builder.loss;
        this.labels = builder.labels;
        this.kind = builder.kind;
        this.fromLogits = builder.fromLogits;
        this.accuracy = builder.accuracy;
        this.description = builder.description;
        this.lossInference = builder.lossInference;
        this.warnings = List.copyOf(builder.warnings);
    }

    /** @return a builder of an objective whose loss was given, with nothing to warn about */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding every setting of this objective, to change some */
    public Builder toBuilder() {
        return builder().setLoss(loss).setLabels(labels).setKind(kind).optFromLogits(fromLogits).optAccuracy(accuracy)
                .setDescription(description).optLossInference(lossInference).optWarnings(warnings);
    }

    /** @return scalar float32 loss, the mean over the batch */
    public Output<TFloat32> loss() {
        return loss;
    }

    /** @return the label placeholder to feed, float32 of shape [batch] or [batch, labelWidth] */
    public Placeholder<TFloat32> labels() {
        return labels;
    }

    /** @return the loss used */
    public LossKind kind() {
        return kind;
    }

    /** @return whether the loss was computed from logits */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** @return fraction of correct predictions in the batch, for classification losses */
    public Optional<Output<TFloat32>> accuracy() {
        return Optional.ofNullable(accuracy);
    }

    /** @return one line for the log, e.g. "binary-crossentropy on the logits feeding dense_5/Sigmoid" */
    public String description() {
        return description;
    }

    /**
     * @return empty when the loss was given; {@link SettingSource#INFERRED} when it was inferred from the output and
     *     the labels, {@link SettingSource#DEFAULT} when nothing pointed to a classification (mse)
     */
    public Optional<SettingSource> lossInference() {
        return Optional.ofNullable(lossInference);
    }

    /** @return doubts about the loss to show the user, e.g. mse on an output that looks like class scores */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "Objective[loss=" + loss + ", labels=" + labels + ", kind=" + kind + ", fromLogits=" + fromLogits
                + ", accuracy=" + accuracy() + ", description=" + description + ", lossInference=" + lossInference()
                + ", warnings=" + warnings + "]";
    }

    /**
     * Builds an {@link Objective}: {@code setLoss}, {@code setLabels}, {@code setKind} and {@code setDescription} are
     * required, the rest optional.
     */
    public static final class Builder {
        private Output<TFloat32> loss;
        private Placeholder<TFloat32> labels;
        private LossKind kind;
        private boolean fromLogits;
        private Output<TFloat32> accuracy;
        private String description;
        private SettingSource lossInference;
        private List<String> warnings = List.of();

        private Builder() {
        }

        /** @param value scalar float32 loss, the mean over the batch (required) */
        public Builder setLoss(Output<TFloat32> value) {
            loss = value;
            return this;
        }

        /** @param value the label placeholder to feed, float32 of shape [batch] or [batch, labelWidth] (required) */
        public Builder setLabels(Placeholder<TFloat32> value) {
            labels = value;
            return this;
        }

        /** @param value the loss used (required) */
        public Builder setKind(LossKind value) {
            kind = value;
            return this;
        }

        /** @param value one line for the log, e.g. "mse on the output y:0" (required) */
        public Builder setDescription(String value) {
            description = value;
            return this;
        }

        /** @param value whether the loss was computed from logits (default false) */
        public Builder optFromLogits(boolean value) {
            fromLogits = value;
            return this;
        }

        /** @param value fraction of correct predictions in the batch, for classification losses (default none) */
        public Builder optAccuracy(Output<TFloat32> value) {
            accuracy = value;
            return this;
        }

        /** @param value how the loss was chosen when it was not given (default none: it was given) */
        public Builder optLossInference(SettingSource value) {
            lossInference = value;
            return this;
        }

        /** @param value doubts about the loss to show the user (default none) */
        public Builder optWarnings(List<String> value) {
            warnings = Objects.requireNonNull(value, "warnings");
            return this;
        }

        /**
         * @return the objective
         * @throws NullPointerException naming a required setting that was not set
         */
        public Objective build() {
            Objects.requireNonNull(loss, "loss");
            Objects.requireNonNull(labels, "labels");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(description, "description");
            return new Objective(this);
        }
    }
}
