package dev.lrlab.model.inline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Resolves the learning-phase switch of a TF1 Keras graph for one phase, so that gradients no longer meet
 * {@code Switch} and {@code Merge} (TensorFlow's C++ registry has no gradient for {@code Merge}).
 *
 * <p>TF1 Keras feeds Dropout and BatchNormalization a boolean {@code keras_learning_phase}
 * ({@code PlaceholderWithDefault(false)} or {@code Placeholder}) and builds each choice with {@code tf.cond}: a
 * {@code Switch(pred, pred)} whose ports feed the Identities {@code switch_f} (port 0) and {@code switch_t} (port 1),
 * {@code pred_id = Identity(pred)}, one {@code Switch(tensor, pred_id)} for every tensor a branch reads (the false
 * branch reads port 0, the true branch port 1), and {@code Merge(false_value, true_value)}. The rewrite works on
 * the GraphDef before it is imported. The rules:
 *
 * <ul>
 *   <li>Every node named {@code keras_learning_phase} (or ending in {@code /keras_learning_phase}) of op {@code
 *       Placeholder} or {@code PlaceholderWithDefault} with dtype {@code bool} becomes a {@code Const} of the chosen
 *       phase under the same name, so anything that still reads it sees that phase.
 *   <li>A boolean is known when it is the phase, an {@code Identity} or {@code LogicalNot} of a known boolean, a
 *       {@code Const} scalar, or the live port of a resolved {@code Switch} whose data is known.
 *   <li>A {@code Switch} (or {@code RefSwitch}) whose predicate is known is resolved: its live port is 1 when the
 *       predicate is true, else 0. Consumers of the live port are rewired to the Switch's data input; consumers of
 *       the dead port keep reading it.
 *   <li>Deadness is propagated as the executor would: a node is dead when one of its inputs (data or control) comes
 *       from a dead port or a dead node; a {@code Merge} only when all its data inputs are dead. Back edges from
 *       {@code NextIteration} are taken as live.
 *   <li>A {@code Merge} with exactly one live data input is resolved: consumers of its output 0 are rewired to that
 *       input, consumers of its {@code value_index} output to a new {@code Const} {@code <merge>/value_index}.
 *   <li>Nothing is deleted: the dead branch stays in the graph, unreachable from the rewired consumers (the moving
 *       average updates of a BatchNormalization's dead branch, say, are simply never run). Control inputs are not
 *       rewired.
 * </ul>
 *
 * <p>Switches whose predicate does not depend on the phase (other {@code tf.cond}s) are left as they are.
 */
public final class LearningPhaseRewrite {
    /** The name TF1 Keras gives its learning-phase placeholder. */
    public static final String PHASE_NODE = "keras_learning_phase";

    private static final Set<String> SWITCH_OPS = Set.of("Switch", "RefSwitch");
    private static final Set<String> MERGE_OPS = Set.of("Merge", "RefMerge");

    private LearningPhaseRewrite() {
    }

    /**
     * @param graph any graph
     * @return whether it has a Keras learning-phase placeholder
     */
    public static boolean applies(GraphDef graph) {
        return graph.getNodeList().stream().anyMatch(LearningPhaseRewrite::isPhase);
    }

    /**
     * @param graph a graph with a learning phase (a graph without one comes back unchanged)
     * @param training the phase to fix: true for training (Dropout active, BatchNormalization on batch
     *     statistics), false for inference
     * @return a copy of the graph with the phase constant and the switches that depend on it resolved
     */
    public static GraphDef rewrite(GraphDef graph, boolean training) {
        if (!applies(graph)) {
            return graph;
        }
        Map<String, NodeDef> byName = new LinkedHashMap<>();
        for (NodeDef node : graph.getNodeList()) {
            byName.put(node.getName(), node);
        }
        Map<String, Boolean> known = new HashMap<>(); // tensor "node:port" -> value
        Map<String, Integer> livePort = new HashMap<>(); // resolved Switch -> its live port
        Set<String> dead = new HashSet<>();
        Map<String, String> rewired = new HashMap<>(); // tensor "node:port" -> replacement input
        Map<String, Integer> mergeLiveInput = new HashMap<>(); // resolved Merge -> index of its live input
        for (NodeDef node : topologicalOrder(byName)) {
            String name = node.getName();
            String op = node.getOp();
            List<String> data = TensorNames.dataInputs(node);
            if (isPhase(node)) {
                known.put(TensorNames.tensorName(name, 0), training);
                continue;
            }
            boolean isDead = MERGE_OPS.contains(op) ? !data.isEmpty() && data.stream().allMatch(i -> deadInput(i, dead, livePort))
                    : node.getInputList().stream().anyMatch(i -> deadInput(i, dead, livePort));
            if (isDead) {
                dead.add(name);
                continue;
            }
            switch (op) {
                case "Identity" -> copyKnown(known, TensorNames.canonical(data.get(0)), TensorNames.tensorName(name, 0), false);
                case "LogicalNot" -> copyKnown(known, TensorNames.canonical(data.get(0)), TensorNames.tensorName(name, 0), true);
                case "Const" -> constantBool(node).ifPresent(v -> known.put(TensorNames.tensorName(name, 0), v));
                default -> {
                }
            }
            if (SWITCH_OPS.contains(op) && known.containsKey(TensorNames.canonical(data.get(1)))) {
                int live = known.get(TensorNames.canonical(data.get(1))) ? 1 : 0;
                livePort.put(name, live);
                rewired.put(TensorNames.tensorName(name, live), data.get(0));
                copyKnown(known, TensorNames.canonical(data.get(0)), TensorNames.tensorName(name, live), false);
            } else if (MERGE_OPS.contains(op)) {
                List<String> live = data.stream().filter(i -> !deadInput(i, dead, livePort)).toList();
                if (live.size() == 1 && data.size() > 1) {
                    rewired.put(TensorNames.tensorName(name, 0), live.get(0));
                    mergeLiveInput.put(name, data.indexOf(live.get(0)));
                    copyKnown(known, TensorNames.canonical(live.get(0)), TensorNames.tensorName(name, 0), false);
                }
            }
        }
        List<NodeDef> out = new ArrayList<>(graph.getNodeCount() + 1);
        Set<String> valueIndexNeeded = new java.util.LinkedHashSet<>();
        for (NodeDef node : graph.getNodeList()) {
            if (isPhase(node)) {
                out.add(constant(node, training));
                continue;
            }
            NodeDef.Builder builder = node.toBuilder().clearInput();
            for (String input : node.getInputList()) {
                String producer = TensorNames.nodeName(input);
                if (!TensorNames.isControl(input) && mergeLiveInput.containsKey(producer)
                        && TensorNames.outputIndex(input) == 1) {
                    valueIndexNeeded.add(producer);
                    builder.addInput(producer + "/value_index");
                } else {
                    builder.addInput(TensorNames.isControl(input) ? input : resolve(input, rewired));
                }
            }
            out.add(builder.build());
        }
        for (String merge : valueIndexNeeded) {
            NodeDef node = byName.get(merge);
            int index = mergeLiveInput.get(merge);
            out.add(NodeDef.newBuilder().setName(merge + "/value_index").setOp("Const").setDevice(node.getDevice())
                    .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
                    .putAttr("value", AttrValue.newBuilder().setTensor(TensorProto.newBuilder().setDtype(DataType.DT_INT32)
                            .setTensorShape(TensorShapeProto.getDefaultInstance()).addIntVal(index)).build())
                    .build());
        }
        return graph.toBuilder().clearNode().addAllNode(out).build();
    }

    private static boolean isPhase(NodeDef node) {
        boolean named = node.getName().equals(PHASE_NODE) || node.getName().endsWith("/" + PHASE_NODE);
        boolean placeholder = node.getOp().equals("PlaceholderWithDefault") || node.getOp().equals("Placeholder");
        return named && placeholder && node.containsAttr("dtype")
                && node.getAttrOrThrow("dtype").getType() == DataType.DT_BOOL;
    }

    private static NodeDef constant(NodeDef phase, boolean training) {
        return NodeDef.newBuilder().setName(phase.getName()).setOp("Const").setDevice(phase.getDevice())
                .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_BOOL).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(TensorProto.newBuilder().setDtype(DataType.DT_BOOL)
                        .setTensorShape(TensorShapeProto.getDefaultInstance()).addBoolVal(training)).build())
                .build();
    }

    private static java.util.Optional<Boolean> constantBool(NodeDef node) {
        AttrValue value = node.getAttrMap().get("value");
        if (value == null || !value.hasTensor() || value.getTensor().getDtype() != DataType.DT_BOOL
                || value.getTensor().getBoolValCount() != 1 || value.getTensor().getTensorShape().getDimCount() != 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(value.getTensor().getBoolVal(0));
    }

    private static void copyKnown(Map<String, Boolean> known, String from, String to, boolean negate) {
        Boolean value = known.get(from);
        if (value != null) {
            known.put(to, negate != value);
        }
    }

    /** Follows rewirings until the input names a tensor that is not rewired (a Switch's data may be rewired too). */
    private static String resolve(String input, Map<String, String> rewired) {
        String current = input;
        for (int hops = 0; hops < 10_000; hops++) {
            String next = rewired.get(TensorNames.canonical(current));
            if (next == null) {
                return current;
            }
            current = next;
        }
        return current;
    }

    private static boolean deadInput(String input, Set<String> dead, Map<String, Integer> livePort) {
        String producer = TensorNames.nodeName(input);
        if (dead.contains(producer)) {
            return true;
        }
        Integer live = livePort.get(producer);
        return live != null && !TensorNames.isControl(input) && TensorNames.outputIndex(input) != live;
    }

    /** Kahn's order over data and control edges, back edges from {@code NextIteration} left out; nodes on a cycle last. */
    private static List<NodeDef> topologicalOrder(Map<String, NodeDef> byName) {
        Map<String, Integer> pending = new HashMap<>();
        Map<String, List<String>> consumers = new HashMap<>();
        for (NodeDef node : byName.values()) {
            int count = 0;
            for (String input : node.getInputList()) {
                NodeDef producer = byName.get(TensorNames.nodeName(input));
                if (producer != null && !producer.getOp().equals("NextIteration")) {
                    count++;
                    consumers.computeIfAbsent(producer.getName(), k -> new ArrayList<>()).add(node.getName());
                }
            }
            pending.put(node.getName(), count);
        }
        Deque<String> ready = new ArrayDeque<>();
        pending.forEach((name, count) -> {
            if (count == 0) {
                ready.add(name);
            }
        });
        List<NodeDef> order = new ArrayList<>(byName.size());
        Set<String> placed = new HashSet<>();
        while (!ready.isEmpty()) {
            String name = ready.pop();
            placed.add(name);
            order.add(byName.get(name));
            for (String consumer : consumers.getOrDefault(name, List.of())) {
                if (pending.merge(consumer, -1, Integer::sum) == 0) {
                    ready.add(consumer);
                }
            }
        }
        for (NodeDef node : byName.values()) {
            if (!placed.contains(node.getName())) {
                order.add(node);
            }
        }
        return order;
    }
}
