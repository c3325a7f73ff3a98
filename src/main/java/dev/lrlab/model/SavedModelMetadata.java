package dev.lrlab.model;

import dev.lrlab.LrlabException;
import dev.lrlab.model.inline.InlinedSavedModel;
import dev.lrlab.model.inline.ModelVariables;
import dev.lrlab.model.inline.TensorNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.VariableDef;

/**
 * Reads what a loaded SavedModel says about itself, from its protos alone: the signatures (their tensor names mapped
 * into the inlined graph when there is one) and the variables, each with its trainability. Opens and runs nothing.
 */
final class SavedModelMetadata {
    private SavedModelMetadata() {
    }

    /**
     * @param meta the meta graph the model was loaded from
     * @param inlined the inlined graph its tensor names map into, or {@code null} for the graph as loaded
     * @return the signatures, sorted by key, without internal ones ({@code __saved_model_init_op})
     */
    static List<SignatureSpec> signatures(MetaGraphDef meta, InlinedSavedModel inlined) {
        List<SignatureSpec> result = new ArrayList<>();
        for (Map.Entry<String, SignatureDef> entry : meta.getSignatureDefMap().entrySet()) {
            if (entry.getKey().startsWith("__")) {
                continue;
            }
            SignatureDef def = entry.getValue();
            result.add(new SignatureSpec(entry.getKey(), def.getMethodName(), tensors(def.getInputsMap(), inlined),
                    tensors(def.getOutputsMap(), inlined)));
        }
        result.sort(Comparator.comparing(SignatureSpec::key));
        return result;
    }

    /**
     * The variables of the graph to train: the variable nodes of a graph as loaded (or of a TF1 graph), or the
     * resource variables of a TF2 model's object graph that the signatures' outputs read.
     *
     * @param meta the meta graph the model was loaded from
     * @param graph the graph to train
     * @param index the index of {@code graph}
     * @param tf2Inlined whether {@code graph} is a TF2 model's inlined functions
     * @param signatures the model's signatures
     * @return every variable, each once
     */
    static List<VariableSpec> variables(MetaGraphDef meta, GraphDef graph, GraphIndex index, boolean tf2Inlined,
            List<SignatureSpec> signatures) {
        if (!tf2Inlined) {
            return variableNodes(meta, graph);
        }
        return resourceVariables(meta, index.dataAncestors(signatures.stream()
                .flatMap(s -> s.outputs().stream()).map(TensorSpec::tensorName).toList())::contains);
    }

    private static List<TensorSpec> tensors(Map<String, TensorInfo> infos, InlinedSavedModel inlined) {
        return infos.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new TensorSpec(e.getKey(),
                        inlined == null ? e.getValue().getName() : inlined.tensor(e.getValue().getName()),
                        e.getValue().getDtype().name().replace("DT_", ""), shape(e.getValue().getTensorShape())))
                .collect(Collectors.toList());
    }

    private static long[] shape(TensorShapeProto proto) {
        if (proto.getUnknownRank()) {
            return null;
        }
        return proto.getDimList().stream().mapToLong(TensorShapeProto.Dim::getSize).toArray();
    }

    private static List<VariableSpec> variableNodes(MetaGraphDef meta, GraphDef graph) {
        Set<String> trainable = trainableNames(meta);
        List<VariableSpec> result = new ArrayList<>();
        for (NodeDef node : graph.getNodeList()) {
            VariableKind kind = variableKind(node.getOp());
            if (kind == null) {
                continue;
            }
            String dtype = node.getAttrOrThrow("dtype").getType().name().replace("DT_", "");
            String shape = shapeText(node.getAttrOrThrow("shape").getShape());
            String sharedName = node.containsAttr("shared_name")
                    ? node.getAttrOrThrow("shared_name").getS().toStringUtf8() : "";
            boolean isTrainable = trainable == null
                    ? isFloat(dtype)
                    : trainable.contains(node.getName()) || (!sharedName.isEmpty() && trainable.contains(sharedName));
            result.add(new VariableSpec(node.getName(), dtype, shape, kind, isTrainable));
        }
        return result;
    }

    /**
     * Variables of a TF2 model, with trainability matched through its object graph, each listed once (see {@link
     * ModelVariables#of(MetaGraphDef, Predicate)}).
     */
    private static List<VariableSpec> resourceVariables(MetaGraphDef meta, Predicate<String> read) {
        return ModelVariables.of(meta, read).stream()
                .map(v -> new VariableSpec(v.nodeName(), v.dtype().name().replace("DT_", ""), v.shape().toString(),
                        VariableKind.RESOURCE, v.trainable()))
                .toList();
    }

    private static VariableKind variableKind(String op) {
        return switch (op) {
            case "VariableV2", "Variable" -> VariableKind.VARIABLE_V2;
            case "VarHandleOp" -> VariableKind.RESOURCE;
            default -> null;
        };
    }

    private static boolean isFloat(String dtype) {
        return dtype.equals("FLOAT") || dtype.equals("DOUBLE") || dtype.equals("HALF") || dtype.equals("BFLOAT16");
    }

    /**
     * Names the model marks trainable: the TF1 {@code trainable_variables} collection, or the TF2 object
     * graph's {@code SavedVariable.trainable}; {@code null} when the model says nothing.
     */
    private static Set<String> trainableNames(MetaGraphDef meta) {
        CollectionDef collection = meta.getCollectionDefMap().get("trainable_variables");
        if (collection != null && collection.hasBytesList()) {
            Set<String> names = new HashSet<>();
            for (var bytes : collection.getBytesList().getValueList()) {
                try {
                    names.add(TensorNames.nodeName(VariableDef.parseFrom(bytes).getVariableName()));
                } catch (IOException e) {
                    throw LrlabException.model("the model's trainable_variables collection cannot be read: " + e.getMessage());
                }
            }
            return names;
        }
        if (meta.hasObjectGraphDef()) {
            Set<String> names = new HashSet<>();
            boolean any = false;
            for (SavedObject object : meta.getObjectGraphDef().getNodesList()) {
                if (object.hasVariable()) {
                    any = true;
                    if (object.getVariable().getTrainable()) {
                        names.add(object.getVariable().getName());
                    }
                }
            }
            return any ? names : null;
        }
        return null;
    }

    private static String shapeText(TensorShapeProto shape) {
        if (shape.getUnknownRank()) {
            return "<unknown>";
        }
        return shape.getDimList().stream().map(d -> Long.toString(d.getSize()))
                .collect(Collectors.joining(",", "[", "]"));
    }
}
