package dev.lrlab.model;

import dev.lrlab.model.inline.TensorNames;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/** Read-only index of a {@link GraphDef}'s nodes by name, with ancestor walks over data edges. */
public final class GraphIndex {
    private final Map<String, NodeDef> nodes = new HashMap<>();

    /** @param graph the graph to index */
    public GraphIndex(GraphDef graph) {
        for (NodeDef node : graph.getNodeList()) {
            nodes.put(node.getName(), node);
        }
    }

    /** @return the node of that name, or {@code null} */
    public NodeDef node(String name) {
        return nodes.get(name);
    }

    /** @return all nodes */
    public Collection<NodeDef> nodes() {
        return nodes.values();
    }

    /**
     * Ops that the given tensors depend on through data edges (control edges are not followed), the
     * starting ops included.
     *
     * @param tensorNames tensor or op names to start from
     * @return the names of all ancestor ops
     */
    public Set<String> dataAncestors(Collection<String> tensorNames) {
        return TensorNames.ancestors(nodes::get, tensorNames, false);
    }
}
