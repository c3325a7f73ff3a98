package dev.lrlab.model;

import dev.lrlab.LrlabException;
import dev.lrlab.model.inline.GradientCoverage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

/**
 * Differentiates a loss with respect to model variables with {@link Graph#addGradients}, once, and sums
 * the gradients of a variable read in several places.
 */
public final class GradientBuilder {
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
                    + "pick another `output` or `lossSignature`, or a model with trainable variables");
        }
        // from the variables themselves: a resource handle captured by a loop reaches the loss with no read outside it
        List<String> from = variables.stream().map(v -> v.handle().op().name()).toList();
        GraphDef graphDef = graph.toGraphDef();
        Optional<Blocker> known = blocker(graphDef, List.of(loss.op().name()), from, List.of());
        if (known.isPresent()) {
            throw LrlabException.model(known.get().trainingMessage());
        }
        MissingGradients.registerAll();
        Output<?>[] grads;
        try {
            grads = graph.addGradients("lrlab_gradients", new Output<?>[] {loss}, xs.toArray(new Output<?>[0]), null);
        } catch (RuntimeException e) {
            Optional<String> opType = GradientCoverage.opTypeFromError(e.getMessage());
            if (opType.isPresent()) {
                throw new LrlabException(LrlabException.Kind.MODEL, Blocker.of(graphDef, List.of(loss.op().name()), from, opType.get(),
                        "").trainingMessage(), e);
            }
            throw new LrlabException(LrlabException.Kind.MODEL, "cannot differentiate the loss: "
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
     * What stops differentiating {@code losses} with respect to {@code xs}, found the way training finds it: the
     * nodes on the path whose op type is in {@link GradientCoverage#KNOWN_WITHOUT_GRADIENT} (less those that {@link
     * MissingGradients} registers); when there are none and {@code probeXs} is not empty, a trial {@code addGradients}
     * on a scratch copy of the graph ({@link GradientCoverage#probeFailure}), with {@link MissingGradients}
     * registered, whose failure is traced back to the nodes of the op type TensorFlow names.
     *
     * @param graph the graph to train
     * @param losses tensors the loss is built on
     * @param from nodes the gradient is taken with respect to (variables, or their reads)
     * @param probeXs tensors to probe with (the variables' differentiable outputs); empty for the static look only
     * @return empty when nothing is known to stop the gradient
     */
    public static Optional<Blocker> blocker(GraphDef graph, List<String> losses, List<String> from, List<String> probeXs) {
        List<GradientCoverage.MissingGradient> missing = GradientCoverage.opsWithoutGradient(graph, from, losses).stream()
                .filter(m -> !MissingGradients.OP_TYPES.contains(m.opType())).toList();
        if (!missing.isEmpty()) {
            return Optional.of(new Blocker(missing, ""));
        }
        if (probeXs.isEmpty()) {
            return Optional.empty();
        }
        MissingGradients.registerAll();
        return GradientCoverage.probeFailure(graph, losses, probeXs).map(failure -> failure.opType()
                .map(op -> Blocker.of(graph, losses, from, op, failure.reason()))
                .orElseGet(() -> new Blocker(List.of(), failure.reason())));
    }

    /**
     * Why the gradient cannot be built.
     *
     * @param nodes the nodes without gradient on the path, in graph order (empty when the reason names no node)
     * @param reason what stops it when no node is named
     */
    public record Blocker(List<GradientCoverage.MissingGradient> nodes, String reason) {
        /** How many blocking nodes a message names before it counts the rest. */
        public static final int NAMED = 2;

        public Blocker {
            nodes = List.copyOf(nodes);
        }

        static Blocker of(GraphDef graph, List<String> losses, List<String> from, String opType, String reason) {
            List<GradientCoverage.MissingGradient> nodes = GradientCoverage.opsOnPath(graph, from, losses, Set.of(opType));
            return new Blocker(nodes.isEmpty() ? List.of(new GradientCoverage.MissingGradient("?", opType)) : nodes,
                    reason);
        }

        /** @return the one-line error of a training run: the first node, its op type, the count of the others */
        public String trainingMessage() {
            if (nodes.isEmpty()) {
                return "cannot differentiate the loss: " + reason;
            }
            GradientCoverage.MissingGradient first = nodes.get(0);
            return "cannot train through node '" + first.node() + "' (op type " + first.opType()
                    + "): TensorFlow has no gradient for " + GradientCoverage.construct(first.opType())
                    + (nodes.size() > 1 ? " (and " + (nodes.size() - 1) + " more such nodes)" : "")
                    + "; export a train or loss signature (see docs/tf2-and-keras.md) or train another output";
        }

        /** @return what {@code inspect} says: at most {@link #NAMED} nodes with their constructs, the rest counted */
        public String inspectText() {
            if (nodes.isEmpty()) {
                return reason;
            }
            String named = nodes.stream().limit(NAMED)
                    .map(m -> GradientCoverage.construct(m.opType()) + " at node " + m.node())
                    .collect(Collectors.joining(", "));
            return "no gradient for " + named + (nodes.size() > NAMED ? " (and " + (nodes.size() - NAMED)
                    + " more such nodes)" : "") + "; export a train or loss signature (docs/tf2-and-keras.md)";
        }
    }
}
