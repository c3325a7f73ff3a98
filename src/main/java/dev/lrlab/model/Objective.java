package dev.lrlab.model;

import dev.lrlab.SettingSource;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Output;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The loss built on a model output, ready to differentiate.
 *
 * @param loss scalar float32 loss, the mean over the batch
 * @param labels the label placeholder to feed, float32 of shape [batch] or [batch, labelWidth]
 * @param kind the loss used
 * @param fromLogits whether the loss was computed from logits
 * @param accuracy fraction of correct predictions in the batch, for classification losses
 * @param description one line for the log, e.g. "binary-crossentropy on the logits feeding dense_5/Sigmoid"
 * @param lossInference empty when the loss was given; {@link SettingSource#INFERRED} when it was inferred from the
 *     output and the labels, {@link SettingSource#DEFAULT} when nothing pointed to a classification (mse)
 * @param warnings doubts about the loss to show the user, e.g. mse on an output that looks like class scores
 */
public record Objective(Output<TFloat32> loss, Placeholder<TFloat32> labels, LossKind kind, boolean fromLogits,
        Optional<Output<TFloat32>> accuracy, String description, Optional<SettingSource> lossInference,
        List<String> warnings) {

    public Objective {
        warnings = List.copyOf(warnings);
    }

    /** An objective whose loss was given, with nothing to warn about. */
    public Objective(Output<TFloat32> loss, Placeholder<TFloat32> labels, LossKind kind, boolean fromLogits,
            Optional<Output<TFloat32>> accuracy, String description) {
        this(loss, labels, kind, fromLogits, accuracy, description, Optional.empty(), List.of());
    }
}
