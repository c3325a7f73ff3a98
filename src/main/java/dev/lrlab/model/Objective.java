package dev.lrlab.model;

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
 */
public record Objective(Output<TFloat32> loss, Placeholder<TFloat32> labels, LossKind kind, boolean fromLogits,
        Optional<Output<TFloat32>> accuracy, String description) {
}
