package dev.lrlab.model.inline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Turns the {@code TensorList} ops of an unrolled Keras recurrent layer into ops with C++ gradients, on the GraphDef.
 * After {@link LoopUnrolling}, each step's list index folds to a number ({@link KnownInts}); the rules:
 *
 * <ul>
 *   <li>{@code TensorListGetItem(L, k)} where {@code L} is (through {@code Identity}s) {@code TensorListFromTensor(x)}
 *       becomes an {@code Identity} of output k of {@code Unpack(x)} (one {@code L/unstacked} per list, with as many
 *       outputs as the highest index read plus one).
 *   <li>{@code TensorListStack(L)} where {@code L} is a chain of {@code TensorListSetItem(.., k, v_k)} (through {@code
 *       Identity}s) back to a {@code TensorListReserve}, every index from 0 to n-1 set, becomes {@code Pack(v_0, ...,
 *       v_n-1)} of the last value set at each index (Keras without {@code return_sequences} writes every step to
 *       index 0 of a list of 1).
 *   <li>{@code TensorListLength(L)} of either kind of list becomes a constant.
 * </ul>
 *
 * <p>Rewritten nodes keep their names, so their consumers are unchanged; the lists themselves stay in the graph, off
 * the path to the loss. Lists in other patterns are left as they are (and keep blocking gradients).
 */
final class TensorListRewrite {
    private TensorListRewrite() {
    }

    static GraphDef rewrite(GraphDef graph) {
        Map<String, NodeDef> byName = new HashMap<>();
        graph.getNodeList().forEach(n -> byName.put(n.getName(), n));
        KnownInts known = new KnownInts(byName, tensor -> null);

        Map<String, NodeDef> replacements = new HashMap<>();
        Map<String, Integer> unstackCounts = new TreeMap<>();
        Map<String, String> getItemSource = new HashMap<>();
        Map<String, Long> getItemIndex = new HashMap<>();
        for (NodeDef node : graph.getNodeList()) {
            switch (node.getOp()) {
                case "TensorListGetItem" -> {
                    NodeDef list = listSource(node.getInput(0), byName);
                    OptionalLong index = known.value(node.getInput(1));
                    if (list != null && list.getOp().equals("TensorListFromTensor") && index.isPresent()
                            && index.getAsLong() >= 0) {
                        getItemSource.put(node.getName(), list.getName());
                        getItemIndex.put(node.getName(), index.getAsLong());
                        unstackCounts.merge(list.getName(), (int) index.getAsLong() + 1, Math::max);
                    }
                }
                case "TensorListStack" -> {
                    NodeDef pack = pack(node, byName, known);
                    if (pack != null) {
                        replacements.put(node.getName(), pack);
                    }
                }
                case "TensorListLength" -> {
                    OptionalLong length = length(listSource(node.getInput(0), byName), byName, known);
                    if (length.isPresent()) {
                        replacements.put(node.getName(), intConstant(node, length.getAsLong()));
                    }
                }
                default -> {
                }
            }
        }
        getItemSource.forEach((name, list) -> {
            NodeDef item = byName.get(name);
            replacements.put(name, NodeDef.newBuilder().setName(name).setOp("Identity").setDevice(item.getDevice())
                    .addInput(unstackedName(list) + ":" + getItemIndex.get(name))
                    .addAllInput(TensorNames.controlInputs(item))
                    .putAttr("T", item.getAttrOrThrow("element_dtype")).build());
        });
        List<NodeDef> out = new ArrayList<>(graph.getNodeCount() + unstackCounts.size());
        for (NodeDef node : graph.getNodeList()) {
            out.add(replacements.getOrDefault(node.getName(), node));
            Integer count = unstackCounts.get(node.getName());
            if (count != null) {
                out.add(NodeDef.newBuilder().setName(unstackedName(node.getName())).setOp("Unpack")
                        .setDevice(node.getDevice()).addInput(node.getInput(0))
                        .putAttr("T", node.getAttrOrThrow("element_dtype"))
                        .putAttr("num", AttrValue.newBuilder().setI(count).build())
                        .putAttr("axis", AttrValue.newBuilder().setI(0).build()).build());
            }
        }
        return graph.toBuilder().clearNode().addAllNode(out).build();
    }

    private static String unstackedName(String list) {
        return list + "/unstacked";
    }

    /** {@code Pack} of the values set into a Reserve'd list, or null when the list is not that pattern. */
    private static NodeDef pack(NodeDef stack, Map<String, NodeDef> byName, KnownInts known) {
        Map<Long, String> values = new TreeMap<>();
        NodeDef list = listSource(stack.getInput(0), byName);
        while (list != null && list.getOp().equals("TensorListSetItem")) {
            OptionalLong index = known.value(list.getInput(1));
            if (index.isEmpty()) {
                return null;
            }
            values.putIfAbsent(index.getAsLong(), list.getInput(2)); // walking back: the last write wins
            list = listSource(list.getInput(0), byName);
        }
        if (list == null || !list.getOp().equals("TensorListReserve") || values.isEmpty()) {
            return null;
        }
        OptionalLong reserved = known.value(list.getInput(1));
        int n = values.size();
        if (!values.containsKey(0L) || !values.containsKey((long) n - 1)
                || (reserved.isPresent() && reserved.getAsLong() != n)) {
            return null;
        }
        return NodeDef.newBuilder().setName(stack.getName()).setOp("Pack").setDevice(stack.getDevice())
                .addAllInput(values.values()).addAllInput(TensorNames.controlInputs(stack))
                .putAttr("T", stack.getAttrOrThrow("element_dtype"))
                .putAttr("N", AttrValue.newBuilder().setI(n).build())
                .putAttr("axis", AttrValue.newBuilder().setI(0).build()).build();
    }

    private static OptionalLong length(NodeDef list, Map<String, NodeDef> byName, KnownInts known) {
        if (list == null) {
            return OptionalLong.empty();
        }
        while (list != null && list.getOp().equals("TensorListSetItem")) {
            list = listSource(list.getInput(0), byName);
        }
        return list != null && list.getOp().equals("TensorListReserve") ? known.value(list.getInput(1))
                : OptionalLong.empty();
    }

    /** The node a list tensor comes from, skipping Identities. */
    private static NodeDef listSource(String tensor, Map<String, NodeDef> byName) {
        NodeDef node = byName.get(TensorNames.nodeName(tensor));
        for (int hops = 0; node != null && node.getOp().equals("Identity") && hops < 100_000; hops++) {
            node = byName.get(TensorNames.nodeName(node.getInput(0)));
        }
        return node;
    }

    private static NodeDef intConstant(NodeDef node, long value) {
        return NodeDef.newBuilder().setName(node.getName()).setOp("Const").setDevice(node.getDevice())
                .addAllInput(TensorNames.controlInputs(node))
                .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(TensorProto.newBuilder().setDtype(DataType.DT_INT32)
                        .setTensorShape(TensorShapeProto.getDefaultInstance()).addIntVal((int) value)).build())
                .build();
    }
}
