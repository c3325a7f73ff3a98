package dev.lrlab.model;

import dev.lrlab.LrlabException;
import dev.lrlab.model.inline.TensorNames;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * A loss that the model computes itself in a signature: a scalar output, given feature inputs and a label input.
 * Used for {@code --loss-signature} (lrlab differentiates it) and {@code --train-signature} (the signature also
 * applies the update; lrlab only feeds it and reads the loss).
 *
 * @param signature the signature
 * @param loss its loss output
 * @param labelInput its input that takes the labels (a float32 placeholder)
 * @param featureInputs its other inputs, fed with feature columns (the learning-rate input of a train signature left
 *     out)
 */
public record SignatureLoss(SignatureSpec signature, TensorSpec loss, TensorSpec labelInput, List<TensorSpec> featureInputs) {

    public SignatureLoss {
        featureInputs = List.copyOf(featureInputs);
    }

    /** Output keys taken as the loss when none is named, in order of preference. */
    public static final List<String> LOSS_KEYS = List.of("loss", "total_loss");

    /**
     * @param signature the loss or train signature
     * @param lossKey its loss output (empty: {@code loss}, else its only float output)
     * @param labelInputKey the input for labels (empty: the input named like {@code labelColumn})
     * @param labelColumn the data's label column, when the data names one
     * @param otherInputs inputs that take neither features nor labels (a learning-rate input)
     * @return the resolved loss
     * @throws LrlabException naming the signature's inputs or outputs when one cannot be found
     */
    public static SignatureLoss of(SignatureSpec signature, Optional<String> lossKey, Optional<String> labelInputKey,
            Optional<String> labelColumn, List<String> otherInputs) {
        TensorSpec loss = lossKey.map(signature::output).orElseGet(() -> defaultLoss(signature));
        TensorSpec label;
        if (labelInputKey.isPresent()) {
            label = signature.input(labelInputKey.get());
        } else {
            label = signature.inputs().stream().filter(i -> labelColumn.isPresent() && i.key().equals(labelColumn.get()))
                    .findFirst().orElseThrow(() -> LrlabException.usage("signature '" + signature.key()
                            + "' has no input named like the label column " + labelColumn.map(c -> "'" + c + "'")
                                    .orElse("(the data names none)")
                            + "; pass `labelInput` with one of: " + SignatureSpec.keys(signature.inputs())));
        }
        if (!label.dtype().equals("FLOAT")) {
            throw LrlabException.model("label input '" + label.key() + "' of signature '" + signature.key() + "' is "
                    + label.dtype() + "; lrlab feeds float32 labels: export the signature with a float32 label input "
                    + "and cast inside");
        }
        List<TensorSpec> features = signature.inputs().stream()
                .filter(i -> !i.key().equals(label.key()) && !otherInputs.contains(i.key())).toList();
        return new SignatureLoss(signature, loss, label, features);
    }

    private static TensorSpec defaultLoss(SignatureSpec signature) {
        for (String key : LOSS_KEYS) {
            for (TensorSpec output : signature.outputs()) {
                if (output.key().equals(key)) {
                    return output;
                }
            }
        }
        List<TensorSpec> floats = signature.outputs().stream()
                .filter(o -> o.dtype().equals("FLOAT") || o.dtype().equals("DOUBLE")).toList();
        if (floats.size() == 1) {
            return floats.get(0);
        }
        throw LrlabException.usage("signature '" + signature.key() + "' has no output named 'loss'; pass `output` with "
                + "its loss output, one of: " + SignatureSpec.keys(signature.outputs()));
    }

    /**
     * Builds the objective: the loss output (averaged if it is not a scalar, cast to float32) and the label input.
     *
     * @param graph the model's graph
     * @param role how the log line names the loss, e.g. "the loss of signature 'loss'"
     * @return the objective, of kind {@link LossKind#SIGNATURE}, without accuracy
     */
    @SuppressWarnings("unchecked")
    public Objective objective(Graph graph, String role) {
        Output<?> raw = graph.outputOrThrow(loss.tensorName());
        if (!(loss.dtype().equals("FLOAT") || loss.dtype().equals("DOUBLE") || loss.dtype().equals("HALF"))) {
            throw LrlabException.model("loss output '" + loss.key() + "' of signature '" + signature.key() + "' is "
                    + loss.dtype() + "; expected a float scalar");
        }
        Ops tf = Ops.create(graph).withSubScope("lrlab_objective");
        Operand<TFloat32> values = tf.dtypes.cast((Operand<TNumber>) raw, TFloat32.class);
        Operand<TFloat32> mean = tf.math.mean(values, tf.range(tf.constant(0), tf.rank(values), tf.constant(1)));
        Output<TFloat32> named = tf.withName("signature_loss").identity(mean).asOutput();
        return Objective.builder().setLoss(named).setLabels(placeholder(graph, labelInput, signature))
                .setKind(LossKind.SIGNATURE).setDescription(role).build();
    }

    /**
     * @param graph the model's graph
     * @param input a signature input
     * @param signature its signature, for messages
     * @return the placeholder behind that input
     * @throws LrlabException when the input is not output 0 of a float32 placeholder
     */
    public static Placeholder<TFloat32> placeholder(Graph graph, TensorSpec input, SignatureSpec signature) {
        GraphOperation op = graph.operationOrThrow(TensorNames.nodeName(input.tensorName()));
        if (!op.type().equals("Placeholder") || TensorNames.outputIndex(input.tensorName()) != 0
                || !input.dtype().equals("FLOAT")) {
            throw LrlabException.model("input '" + input.key() + "' of signature '" + signature.key() + "' is "
                    + op.type() + " of " + input.dtype() + "; expected a float32 Placeholder that lrlab can feed");
        }
        return new Placeholder<>(op);
    }
}
