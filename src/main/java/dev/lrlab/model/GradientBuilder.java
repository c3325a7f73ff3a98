package dev.lrlab.model;

import dev.lrlab.ExitCode;
import dev.lrlab.LrlabException;
import dev.lrlab.model.inline.GradientCoverage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * Differentiates a loss with respect to model variables with {@link Graph#addGradients}, once, and sums
 * the gradients of a variable read in several places.
 */
public final class GradientBuilder {
    private static final Pattern NO_GRADIENT = Pattern.compile("No gradient defined for op: ([A-Za-z0-9_]+)");

    private GradientBuilder() {
    }

    /**
     * @param graph the graph holding loss and variables
     * @param loss scalar loss
     * @param variables trainable variables the loss depends on
     * @return one gradient per variable, same order
     * @throws LrlabException when nothing is trainable, or an op on the path has no registered gradient
     */
    @SuppressWarnings("unchecked")
    public static List<Operand<TFloat32>> gradients(Graph graph, Output<TFloat32> loss, List<ModelVariable> variables) {
        List<Output<?>> xs = new ArrayList<>();
        for (ModelVariable variable : variables) {
            variable.requireFloat32();
            xs.addAll(variable.differentiable());
        }
        if (xs.isEmpty()) {
            throw LrlabException.model("nothing to train: no trainable variable is read on the way to the loss; "
                    + "pick another --output or --loss-signature, or a model with trainable variables");
        }
        requireKnownGradients(graph, loss, xs);
        MissingGradients.registerAll();
        Output<?>[] grads;
        try {
            grads = graph.addGradients("lrlab_gradients", new Output<?>[] {loss}, xs.toArray(new Output<?>[0]), null);
        } catch (RuntimeException e) {
            Matcher matcher = NO_GRADIENT.matcher(String.valueOf(e.getMessage()));
            if (matcher.find()) {
                throw new LrlabException(ExitCode.MODEL, "cannot train through op type " + matcher.group(1)
                        + ": TensorFlow has no gradient for it; train another output or export a loss signature", e);
            }
            throw new LrlabException(ExitCode.MODEL, "cannot differentiate the loss: "
                    + LrlabException.firstLine(e), e);
        }
        Ops tf = Ops.create(graph).withSubScope("lrlab_gradients_sum");
        List<Operand<TFloat32>> result = new ArrayList<>();
        int next = 0;
        for (ModelVariable variable : variables) {
            List<Operand<TFloat32>> parts = new ArrayList<>();
            for (int i = 0; i < variable.differentiable().size(); i++) {
                Output<?> grad = grads[next++];
                if (grad == null) {
                    continue;
                }
                if (grad.dataType() == DataType.DT_RESOURCE) {
                    throw LrlabException.model("the gradient for " + variable.spec().name() + " is a resource handle: "
                            + "the variable is captured by a function call; the model's functions must be inlined first");
                }
                parts.add((Operand<TFloat32>) (Operand<?>) grad);
            }
            if (parts.isEmpty()) {
                parts.add(tf.zerosLike(variable.read(tf)));
            }
            result.add(parts.size() == 1 ? parts.get(0) : tf.math.addN(parts));
        }
        return result;
    }

    /**
     * Fails before differentiating when an op known to have no gradient sits between the variables and the loss,
     * naming its type and node (TensorFlow's own error names only the type).
     */
    private static void requireKnownGradients(Graph graph, Output<TFloat32> loss, List<Output<?>> xs) {
        List<String> from = xs.stream().map(x -> x.op().name()).toList();
        List<GradientCoverage.MissingGradient> missing = GradientCoverage.opsWithoutGradient(graph.toGraphDef(), from,
                List.of(loss.op().name())).stream().filter(m -> !MissingGradients.OP_TYPES.contains(m.opType())).toList();
        if (!missing.isEmpty()) {
            GradientCoverage.MissingGradient first = missing.get(0);
            throw LrlabException.model("cannot train through node '" + first.node() + "' (op type " + first.opType()
                    + "): TensorFlow has no gradient for " + GradientCoverage.construct(first.opType())
                    + (missing.size() > 1 ? " (and " + (missing.size() - 1) + " more such nodes)" : "")
                    + "; export a train or loss signature (see docs/tf2-and-keras.md) or train another output");
        }
    }
}
