package dev.lrlab.model.inline;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Rewrites {@code ResourceGather} (what Keras {@code Embedding} reads with) into {@code
 * ReadVariableOp} + {@code GatherV2}: {@code ResourceGather} has no registered C++ gradient, while
 * {@code ReadVariableOp} and {@code GatherV2} do.
 *
 * <p>A node {@code N = ResourceGather(resource, indices)} becomes {@code N/ReadVariableOp =
 * ReadVariableOp(resource)}, {@code N/axis = Const(batch_dims)} and {@code N = GatherV2(read,
 * indices, axis)} with the same {@code batch_dims}; consumers of {@code N} are unchanged. The read
 * copies the whole table, which costs memory for large embeddings.
 */
public final class ResourceGatherRewrite {
    /** The op type rewritten. */
    public static final String OP = "ResourceGather";

    private ResourceGatherRewrite() {
    }

    /**
     * @param graph any graph
     * @return a copy of the graph without {@code ResourceGather} nodes
     */
    public static GraphDef rewrite(GraphDef graph) {
        return graph.toBuilder().clearNode().addAllNode(rewrite(graph.getNodeList())).build();
    }

    static List<NodeDef> rewrite(List<NodeDef> nodes) {
        List<NodeDef> out = new ArrayList<>(nodes.size());
        for (NodeDef node : nodes) {
            if (node.getOp().equals(OP)) {
                out.addAll(expand(node));
            } else {
                out.add(node);
            }
        }
        return out;
    }

    private static List<NodeDef> expand(NodeDef gather) {
        List<String> data = new ArrayList<>();
        List<String> controls = new ArrayList<>();
        for (String input : gather.getInputList()) {
            (TensorNames.isControl(input) ? controls : data).add(input);
        }
        AttrValue dtype = gather.getAttrOrThrow("dtype");
        long batchDims = gather.getAttrMap().getOrDefault("batch_dims", AttrValue.newBuilder().setI(0).build()).getI();
        AttrValue indexType = gather.getAttrMap().getOrDefault("Tindices",
                AttrValue.newBuilder().setType(DataType.DT_INT32).build());

        NodeDef read = NodeDef.newBuilder().setName(gather.getName() + "/ReadVariableOp").setOp("ReadVariableOp")
                .setDevice(gather.getDevice())
                .addInput(data.get(0)).addAllInput(controls)
                .putAttr("dtype", dtype).build();
        NodeDef axis = NodeDef.newBuilder().setName(gather.getName() + "/axis").setOp("Const")
                .setDevice(gather.getDevice())
                .addAllInput(controls)
                .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(TensorProto.newBuilder()
                        .setDtype(DataType.DT_INT32)
                        .setTensorShape(TensorShapeProto.getDefaultInstance())
                        .addIntVal((int) batchDims)).build())
                .build();
        NodeDef.Builder gatherV2 = NodeDef.newBuilder().setName(gather.getName()).setOp("GatherV2")
                .setDevice(gather.getDevice())
                .addInput(read.getName()).addInput(data.get(1)).addInput(axis.getName())
                .putAttr("Tparams", dtype)
                .putAttr("Tindices", indexType)
                .putAttr("Taxis", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
                .putAttr("batch_dims", AttrValue.newBuilder().setI(batchDims).build());
        AttrValue shapes = gather.getAttrMap().get("_output_shapes");
        if (shapes != null) {
            gatherV2.putAttr("_output_shapes", shapes);
        }
        return List.of(read, axis, gatherV2.build());
    }
}
