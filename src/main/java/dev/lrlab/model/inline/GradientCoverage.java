package dev.lrlab.model.inline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Finds the ops that stop {@code Graph.addGradients} between the trainable variables and the loss.
 *
 * <p>TensorFlow Java has no API that says whether an op type has a registered C++ gradient. Two
 * ways are offered, meant to be used together:
 *
 * <ul>
 *   <li>{@link #opsWithoutGradient}: a static look at the data path from the variables to the loss,
 *       against {@link #KNOWN_WITHOUT_GRADIENT}, a list kept by hand of op types known to have no
 *       C++ gradient in TensorFlow 2.18 (functional control flow, TF1 {@code tf.cond}'s {@code Switch} and
 *       {@code Merge}, leftover function calls, {@code ResourceGather}, {@code
 *       SparseSoftmaxCrossEntropyWithLogits}). Cheap, names every culprit,
 *       but can miss op types not in the list.
 *   <li>{@link #probe}: runs {@code addGradients} on a scratch copy of the graph and reports the op
 *       type from TensorFlow's "No gradient defined for op: X" error, or a gradient that is not a
 *       float (the {@code DT_RESOURCE} "gradient" of a variable captured by a function call).
 *       Exact for the first culprit only.
 * </ul>
 */
public final class GradientCoverage {
    /** Op types with no C++ gradient (TensorFlow 2.18), as far as lrlab knows. */
    public static final Set<String> KNOWN_WITHOUT_GRADIENT = Set.of(
            "While", "StatelessWhile", "If", "StatelessIf", "Case", "StatelessCase",
            "Switch", "Merge", "RefSwitch", "RefMerge",
            "PartitionedCall", "StatefulPartitionedCall", "SymbolicGradient",
            "ResourceGather", "ResourceGatherNd", "SparseSoftmaxCrossEntropyWithLogits",
            "TensorListFromTensor", "TensorListStack", "TensorListGetItem", "TensorListSetItem",
            "TensorArrayV3", "TensorArrayReadV3", "TensorArrayWriteV3", "TensorArrayGatherV3",
            "TensorArrayScatterV3");

    private static final Pattern NO_GRADIENT = Pattern.compile("No gradient defined for op: ?([A-Za-z0-9_]+)");

    private static final Set<DataType> FLOAT_TYPES = Set.of(DataType.DT_FLOAT, DataType.DT_DOUBLE,
            DataType.DT_HALF, DataType.DT_BFLOAT16, DataType.DT_COMPLEX64, DataType.DT_COMPLEX128);

    /**
     * A node on the path from the variables to the loss whose op has no gradient.
     *
     * @param node the node's name
     * @param opType its op type
     */
    public record MissingGradient(String node, String opType) {
        @Override
        public String toString() {
            return node + " (" + opType + ")";
        }
    }

    private GradientCoverage() {
    }

    /**
     * Lists the nodes on a data path from any of {@code from} to any of {@code to} whose op type is in
     * {@link #KNOWN_WITHOUT_GRADIENT}, in graph order.
     *
     * @param graph the (inlined) graph
     * @param from node or tensor names the gradient is taken with respect to (variable reads or
     *     handles)
     * @param to node or tensor names of the loss
     * @return the blocking nodes, empty when none is known
     */
    public static List<MissingGradient> opsWithoutGradient(GraphDef graph, Collection<String> from,
            Collection<String> to) {
        return opsOnPath(graph, from, to, KNOWN_WITHOUT_GRADIENT);
    }

    /**
     * Lists the nodes of the given op types on a data path from any of {@code from} to any of {@code to}, in
     * graph order: where an op type that {@link #probe} named sits.
     *
     * @param graph the (inlined) graph
     * @param from node or tensor names the gradient is taken with respect to
     * @param to node or tensor names of the loss
     * @param opTypes the op types to look for
     * @return those nodes, empty when none is on a path
     */
    public static List<MissingGradient> opsOnPath(GraphDef graph, Collection<String> from, Collection<String> to,
            Set<String> opTypes) {
        Map<String, List<String>> consumers = new HashMap<>();
        Map<String, NodeDef> byName = new HashMap<>();
        for (NodeDef node : graph.getNodeList()) {
            byName.put(node.getName(), node);
            for (String input : node.getInputList()) {
                if (!TensorNames.isControl(input)) {
                    consumers.computeIfAbsent(TensorNames.nodeName(input), k -> new ArrayList<>())
                            .add(node.getName());
                }
            }
        }
        Set<String> downstream = reach(from, name -> consumers.getOrDefault(name, List.of()));
        Set<String> upstream = reach(to, name -> {
            NodeDef node = byName.get(name);
            List<String> inputs = new ArrayList<>();
            if (node != null) {
                for (String input : node.getInputList()) {
                    if (!TensorNames.isControl(input)) {
                        inputs.add(TensorNames.nodeName(input));
                    }
                }
            }
            return inputs;
        });
        List<MissingGradient> missing = new ArrayList<>();
        for (NodeDef node : graph.getNodeList()) {
            if (downstream.contains(node.getName()) && upstream.contains(node.getName())
                    && opTypes.contains(node.getOp())) {
                missing.add(new MissingGradient(node.getName(), node.getOp()));
            }
        }
        return missing;
    }

    /**
     * Tries {@code addGradients(loss, xs)} on a scratch graph imported from {@code graph}.
     *
     * @param graph the (inlined) graph
     * @param loss the tensor to differentiate
     * @param xs the tensors to differentiate with respect to
     * @return empty when every gradient is a float tensor; otherwise why not, in one line: the op type
     *     TensorFlow names, or the tensor whose gradient came out with a non-float type
     */
    public static Optional<String> probe(GraphDef graph, String loss, Collection<String> xs) {
        return probeFailure(graph, List.of(loss), xs).map(ProbeFailure::reason);
    }

    /**
     * Why a probe failed, as {@link #probeFailure} tells it.
     *
     * @param opTypeName the op type TensorFlow named as having no gradient; null when it named none (see
     *     {@link #opType()})
     * @param reason the one-line reason {@link #probe} returns
     */
    public record ProbeFailure(String opTypeName, String reason) {

        /** @return the op type TensorFlow named as having no gradient, if it named one */
        public Optional<String> opType() {
            return Optional.ofNullable(opTypeName);
        }
    }

    /**
     * Tries {@code addGradients(losses, xs)} (the gradient of the losses' sum) on a scratch graph imported from
     * {@code graph}, as {@link #probe} does.
     *
     * @param graph the (inlined) graph
     * @param losses the tensors to differentiate
     * @param xs the tensors to differentiate with respect to
     * @return empty when every gradient is a float tensor (or none, where a loss does not depend on an x);
     *     otherwise why not
     */
    public static Optional<ProbeFailure> probeFailure(GraphDef graph, Collection<String> losses, Collection<String> xs) {
        try (Graph scratch = new Graph()) {
            scratch.importGraphDef(graph);
            Output<?>[] inputs = new Output<?>[xs.size()];
            int i = 0;
            for (String x : xs) {
                inputs[i++] = scratch.outputOrThrow(x);
            }
            Output<?>[] ys = losses.stream().map(scratch::outputOrThrow).toArray(Output<?>[]::new);
            Output<?>[] gradients;
            try {
                gradients = scratch.addGradients("lrlab_probe", ys, inputs, null);
            } catch (RuntimeException e) {
                return Optional.of(new ProbeFailure(opTypeFromError(e.getMessage()).orElse(null), describe(e)));
            }
            i = 0;
            for (String x : xs) {
                Output<?> gradient = gradients[i++];
                if (gradient != null && !FLOAT_TYPES.contains(gradient.dataType())) {
                    return Optional.of(new ProbeFailure(null, "the gradient with respect to '" + x
                            + "' has type " + gradient.dataType()
                            + "; expected a float type (is the variable captured by a function call?)"));
                }
            }
            return Optional.empty();
        }
    }

    /**
     * @param opType an op type, e.g. {@code While}
     * @return what it is in model terms, for messages: {@code "a While loop (tf.while_loop, RNN layers)"}
     */
    public static String construct(String opType) {
        return switch (opType) {
            case "While", "StatelessWhile" -> "a " + opType + " loop (tf.while_loop, Keras RNN layers)";
            case "If", "StatelessIf", "Case", "StatelessCase" -> "a functional " + opType + " (tf.cond, tf.switch_case)";
            case "Switch", "Merge", "RefSwitch", "RefMerge" -> "a TF1 tf.cond (" + opType + "; lrlab resolves only "
                    + "the Keras learning phase's)";
            case "PartitionedCall", "StatefulPartitionedCall", "SymbolicGradient" ->
                    "a function call that was not inlined (" + opType + ")";
            case "ResourceGather", "ResourceGatherNd" -> "a " + opType + " on a variable that was not rewritten";
            default -> {
                if (opType.startsWith("TensorList") || opType.startsWith("TensorArray")) {
                    yield "a " + opType + " (tf.TensorArray, loops over tensor lists)";
                }
                yield "op type " + opType;
            }
        };
    }

    /**
     * @param message an error message of {@code addGradients}
     * @return the op type named by "No gradient defined for op: X", if the message has it
     */
    public static Optional<String> opTypeFromError(String message) {
        Matcher matcher = NO_GRADIENT.matcher(String.valueOf(message));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String describe(RuntimeException e) {
        Optional<String> op = opTypeFromError(e.getMessage());
        if (op.isPresent()) {
            return "op type " + op.get() + " has no registered gradient";
        }
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static Set<String> reach(Collection<String> roots,
            java.util.function.Function<String, List<String>> next) {
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        for (String root : roots) {
            pending.add(TensorNames.nodeName(root));
        }
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (seen.add(name)) {
                pending.addAll(next.apply(name));
            }
        }
        return seen;
    }
}
