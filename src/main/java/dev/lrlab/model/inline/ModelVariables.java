package dev.lrlab.model.inline;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.lrlab.LrlabException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedVariable;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.VariableDef;

/**
 * Lists the variables of a SavedModel with their trainable flag.
 *
 * <p>TF2: each {@code SavedVariable} of the {@code SavedObjectGraph} is matched to a {@code
 * VarHandleOp} of the graph. Names are not unique (Keras metrics write two variables named {@code
 * total}, whose handles are {@code total} and {@code total_1}), so matching goes, per variable in
 * object-graph order and skipping handles already taken: first a handle whose {@code shared_name}
 * equals the name, then one whose node name equals it, then one whose {@code shared_name} is the
 * name with a {@code _N} suffix. A trainable variable without a handle is an error; others are left
 * out.
 *
 * <p>TF1: the {@code variables} and {@code trainable_variables} collections ({@code VariableDef}s)
 * name the {@code VariableV2} (or {@code VarHandleOp}) nodes.
 */
public final class ModelVariables {
    private static final Set<String> VARIABLE_OPS = Set.of("VarHandleOp", "VariableV2", "Variable");

    private ModelVariables() {
    }

    /**
     * @param metaGraph the SavedModel's meta graph
     * @return its variables, in the order the object graph or the collection lists them
     */
    public static List<GraphVariable> of(MetaGraphDef metaGraph) {
        return of(metaGraph, handle -> false);
    }

    /**
     * Like {@link #of(MetaGraphDef)}, each variable listed once: a Keras 3 export ({@code model.export()}) tracks
     * every variable twice, under {@code variables} and {@code _all_variables}, as two {@code SavedVariable}s of the
     * same name whose handles are {@code x} and {@code x_1}, and its signatures read only one of them. A variable
     * of the object graph is left out when another of the same name, dtype and shape is read by the graph and it
     * is not.
     *
     * @param metaGraph the SavedModel's meta graph
     * @param read whether the graph's signatures read a handle (by node name)
     * @return its variables, in the order the object graph or the collection lists them
     */
    public static List<GraphVariable> of(MetaGraphDef metaGraph, java.util.function.Predicate<String> read) {
        Map<String, NodeDef> handles = handles(metaGraph);
        List<SavedVariable> saved = new ArrayList<>();
        for (SavedObject object : metaGraph.getObjectGraphDef().getNodesList()) {
            if (object.hasVariable()) {
                saved.add(object.getVariable());
            }
        }
        if (saved.isEmpty()) {
            return fromCollections(metaGraph, handles);
        }
        List<Matched> all = matchObjectGraph(saved, handles);
        Set<String> readKeys = new HashSet<>();
        for (Matched matched : all) {
            if (read.test(matched.variable().nodeName())) {
                readKeys.add(matched.key());
            }
        }
        return all.stream().filter(m -> read.test(m.variable().nodeName()) || !readKeys.contains(m.key()))
                .map(Matched::variable).toList();
    }

    /** A variable of the object graph with the name it has there. */
    private record Matched(String savedName, GraphVariable variable) {
        String key() {
            return savedName + "|" + variable.dtype() + "|" + variable.shape();
        }
    }

    /**
     * The variables of a TF2 object graph keyed by their object id, the number a concrete function's
     * {@code bound_inputs} use; matched to handles as {@link #of} does.
     *
     * @param metaGraph the SavedModel's meta graph
     * @return object id to variable, for every variable that has a handle in the graph
     */
    public static Map<Integer, GraphVariable> byObjectId(MetaGraphDef metaGraph) {
        Map<String, NodeDef> handles = handles(metaGraph);
        Set<String> taken = new HashSet<>();
        Map<Integer, GraphVariable> out = new LinkedHashMap<>();
        List<SavedObject> objects = metaGraph.getObjectGraphDef().getNodesList();
        for (int id = 0; id < objects.size(); id++) {
            if (!objects.get(id).hasVariable()) {
                continue;
            }
            SavedVariable variable = objects.get(id).getVariable();
            NodeDef handle = match(variable.getName(), handles, taken);
            if (handle != null) {
                taken.add(handle.getName());
                out.put(id, new GraphVariable(handle.getName(), sharedName(handle), variable.getDtype(),
                        shape(variable.getShape()), variable.getTrainable()));
            }
        }
        return out;
    }

    private static Map<String, NodeDef> handles(MetaGraphDef metaGraph) {
        Map<String, NodeDef> handles = new LinkedHashMap<>();
        for (NodeDef node : metaGraph.getGraphDef().getNodeList()) {
            if (VARIABLE_OPS.contains(node.getOp())) {
                handles.put(node.getName(), node);
            }
        }
        return handles;
    }

    /** @return only the trainable ones of {@link #of} */
    public static List<GraphVariable> trainable(MetaGraphDef metaGraph) {
        return of(metaGraph).stream().filter(GraphVariable::trainable).toList();
    }

    private static List<Matched> matchObjectGraph(List<SavedVariable> saved, Map<String, NodeDef> handles) {
        Set<String> taken = new HashSet<>();
        List<Matched> out = new ArrayList<>();
        for (SavedVariable variable : saved) {
            NodeDef handle = match(variable.getName(), handles, taken);
            if (handle == null) {
                if (variable.getTrainable()) {
                    throw LrlabException.model("trainable variable '" + variable.getName()
                            + "' of the object graph has no VarHandleOp in the graph; expected one with"
                            + " that shared_name (re-export the SavedModel with tf.saved_model.save)");
                }
                continue;
            }
            taken.add(handle.getName());
            out.add(new Matched(variable.getName(), new GraphVariable(handle.getName(), sharedName(handle),
                    variable.getDtype(), shape(variable.getShape()), variable.getTrainable())));
        }
        return out;
    }

    private static NodeDef match(String name, Map<String, NodeDef> handles, Set<String> taken) {
        for (NodeDef node : handles.values()) {
            if (!taken.contains(node.getName()) && sharedName(node).equals(name)) {
                return node;
            }
        }
        NodeDef byName = handles.get(name);
        if (byName != null && !taken.contains(name)) {
            return byName;
        }
        Pattern suffixed = Pattern.compile(Pattern.quote(name) + "_\\d+");
        for (NodeDef node : handles.values()) {
            if (!taken.contains(node.getName()) && suffixed.matcher(sharedName(node)).matches()) {
                return node;
            }
        }
        return null;
    }

    private static List<GraphVariable> fromCollections(MetaGraphDef metaGraph, Map<String, NodeDef> handles) {
        Set<String> trainable = new HashSet<>(variableNodes(metaGraph, "trainable_variables"));
        List<String> all = variableNodes(metaGraph, "variables");
        if (all.isEmpty()) {
            all = new ArrayList<>(handles.keySet());
        }
        List<GraphVariable> out = new ArrayList<>();
        for (String name : all) {
            NodeDef node = handles.get(name);
            if (node == null) {
                continue;
            }
            AttrValue dtype = node.getAttrOrThrow("dtype");
            AttrValue shape = node.getAttrMap().get("shape");
            out.add(new GraphVariable(name, sharedName(node), dtype.getType(),
                    shape == null ? Shape.unknown() : shape(shape.getShape()), trainable.contains(name)));
        }
        return out;
    }

    private static List<String> variableNodes(MetaGraphDef metaGraph, String collection) {
        CollectionDef def = metaGraph.getCollectionDefMap().get(collection);
        List<String> names = new ArrayList<>();
        if (def == null || !def.hasBytesList()) {
            return names;
        }
        for (com.google.protobuf.ByteString bytes : def.getBytesList().getValueList()) {
            try {
                names.add(TensorNames.nodeName(VariableDef.parseFrom(bytes).getVariableName()));
            } catch (InvalidProtocolBufferException e) {
                throw new LrlabException(LrlabException.Kind.MODEL, "collection '" + collection
                        + "' holds a malformed VariableDef; expected a SavedModel written by TensorFlow", e);
            }
        }
        return names;
    }

    private static String sharedName(NodeDef node) {
        AttrValue shared = node.getAttrMap().get("shared_name");
        return shared == null ? "" : shared.getS().toStringUtf8();
    }

    private static Shape shape(TensorShapeProto proto) {
        if (proto.getUnknownRank()) {
            return Shape.unknown();
        }
        long[] dims = new long[proto.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = proto.getDim(i).getSize();
        }
        return Shape.of(dims);
    }
}
