package dev.lrlab.model.inline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef.ArgDef;

/**
 * How many times a functional {@code While} loop runs, when its condition says so before the graph runs.
 *
 * <p>The condition function must return {@code Less(i, n)}, or a {@code LogicalAnd} of such terms (through {@code
 * Identity}s), where {@code i} is a loop variable the body returns plus 1, {@code n} a loop variable the body
 * returns unchanged or a constant of the condition, and the loop's inputs for both fold to numbers ({@link
 * KnownInts}). A bound of -1 on the first loop variable is while_v2's "no maximum_iterations". The loop then runs {@code
 * n - i} steps; with several terms, the fewest.
 */
final class TripCount {
    private TripCount() {
    }

    /**
     * @param loop a While node of the outer graph
     * @param library the graph's functions by name
     * @param known folds the loop's inputs
     * @return whether the condition is a counter below a bound (the pattern above), whatever the bound's value
     */
    static boolean countsToABound(NodeDef loop, Map<String, FunctionDef> library, KnownInts known) {
        return of(loop, library, known, true).isPresent();
    }

    /**
     * @param loop a While node of the outer graph
     * @param library the graph's functions by name
     * @param known folds the loop's inputs
     * @return the number of steps, empty when the condition or inputs do not fix it
     */
    static OptionalLong of(NodeDef loop, Map<String, FunctionDef> library, KnownInts known) {
        return of(loop, library, known, false);
    }

    /** With {@code patternOnly}, any value (0) stands for a bound that does not fold. */
    private static OptionalLong of(NodeDef loop, Map<String, FunctionDef> library, KnownInts known,
            boolean patternOnly) {
        FunctionDef cond = library.get(loop.getAttrOrThrow("cond").getFunc().getName());
        FunctionDef body = library.get(loop.getAttrOrThrow("body").getFunc().getName());
        if (cond == null || body == null || cond.getSignature().getOutputArgCount() != 1) {
            return OptionalLong.empty();
        }
        List<String> inputs = TensorNames.dataInputs(loop);
        Map<String, NodeDef> condNodes = nodes(cond);
        List<NodeDef> terms = new ArrayList<>();
        if (!conjunction(cond.getRetMap().get(cond.getSignature().getOutputArg(0).getName()), condNodes, terms)) {
            return OptionalLong.empty();
        }
        Map<String, Integer> condArgs = argIndices(cond);
        OptionalLong fewest = OptionalLong.empty();
        for (NodeDef less : terms) {
            Integer counter = condArgs.get(less.getInput(0));
            if (counter == null || counter >= inputs.size() || !incrementsByOne(body, counter)) {
                return OptionalLong.empty();
            }
            Integer bound = condArgs.get(less.getInput(1));
            OptionalLong limit;
            if (bound != null) {
                if (bound >= inputs.size() || !passesThrough(body, bound)) {
                    return OptionalLong.empty();
                }
                limit = known.value(inputs.get(bound));
            } else {
                NodeDef constant = through(less.getInput(1), condNodes);
                limit = constant != null && constant.getOp().equals("Const")
                        ? KnownInts.scalar(constant.getAttrMap().get("value")) : OptionalLong.empty();
            }
            OptionalLong start = known.value(inputs.get(counter));
            if (limit.isPresent() && limit.getAsLong() < 0 && counter == 0) {
                continue; // while_v2's loop_counter < maximum_iterations, with no maximum (-1)
            }
            if (start.isEmpty() || limit.isEmpty()) {
                if (patternOnly) {
                    fewest = OptionalLong.of(0);
                    continue;
                }
                return OptionalLong.empty();
            }
            long steps = Math.max(0, limit.getAsLong() - start.getAsLong());
            fewest = fewest.isEmpty() || steps < fewest.getAsLong() ? OptionalLong.of(steps) : fewest;
        }
        return fewest;
    }

    /** Collects the Less terms of a conjunction; false when the condition is anything else. */
    private static boolean conjunction(String reference, Map<String, NodeDef> nodes, List<NodeDef> terms) {
        if (reference == null) {
            return false;
        }
        NodeDef node = nodes.get(TensorNames.nodeName(reference));
        if (node == null) {
            return false;
        }
        List<String> data = TensorNames.dataInputs(node);
        switch (node.getOp()) {
            case "Identity":
                return conjunction(data.get(0), nodes, terms);
            case "LogicalAnd":
                return conjunction(data.get(0), nodes, terms) && conjunction(data.get(1), nodes, terms);
            case "Less":
                terms.add(node.toBuilder().clearInput().addAllInput(data).build());
                return true;
            default:
                return false;
        }
    }

    /** Whether the body returns arg {@code index} plus a constant 1 for output {@code index}. */
    private static boolean incrementsByOne(FunctionDef body, int index) {
        if (index >= body.getSignature().getInputArgCount() || index >= body.getSignature().getOutputArgCount()) {
            return false;
        }
        String arg = body.getSignature().getInputArg(index).getName();
        Map<String, NodeDef> nodes = nodes(body);
        NodeDef node = through(body.getRetMap().get(body.getSignature().getOutputArg(index).getName()), nodes);
        if (node == null || !(node.getOp().equals("AddV2") || node.getOp().equals("Add"))) {
            return false;
        }
        List<String> data = TensorNames.dataInputs(node);
        for (int side = 0; side < 2; side++) {
            NodeDef other = through(data.get(1 - side), nodes);
            if (data.get(side).equals(arg) && other != null && other.getOp().equals("Const")
                    && KnownInts.scalar(other.getAttrMap().get("value")).orElse(0) == 1) {
                return true;
            }
        }
        return false;
    }

    /** Whether the body returns arg {@code index} unchanged (directly or through Identities). */
    private static boolean passesThrough(FunctionDef body, int index) {
        if (index >= body.getSignature().getInputArgCount() || index >= body.getSignature().getOutputArgCount()) {
            return false;
        }
        String arg = body.getSignature().getInputArg(index).getName();
        String reference = body.getRetMap().get(body.getSignature().getOutputArg(index).getName());
        Map<String, NodeDef> nodes = nodes(body);
        for (int hops = 0; reference != null && hops < 64; hops++) {
            if (reference.equals(arg)) {
                return true;
            }
            NodeDef node = nodes.get(TensorNames.nodeName(reference));
            if (node == null || !node.getOp().equals("Identity")) {
                return false;
            }
            reference = node.getInput(0);
        }
        return false;
    }

    /** The node a body reference names, skipping Identities; null for an arg. */
    private static NodeDef through(String reference, Map<String, NodeDef> nodes) {
        NodeDef node = reference == null ? null : nodes.get(TensorNames.nodeName(reference));
        for (int hops = 0; node != null && node.getOp().equals("Identity") && hops < 64; hops++) {
            node = nodes.get(TensorNames.nodeName(node.getInput(0)));
        }
        return node;
    }

    private static Map<String, NodeDef> nodes(FunctionDef function) {
        Map<String, NodeDef> nodes = new HashMap<>();
        function.getNodeDefList().forEach(n -> nodes.put(n.getName(), n));
        return nodes;
    }

    private static Map<String, Integer> argIndices(FunctionDef function) {
        Map<String, Integer> indices = new HashMap<>();
        List<ArgDef> args = function.getSignature().getInputArgList();
        for (int i = 0; i < args.size(); i++) {
            indices.put(args.get(i).getName(), i);
        }
        return indices;
    }
}
