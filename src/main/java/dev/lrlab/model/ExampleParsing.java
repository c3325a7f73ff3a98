package dev.lrlab.model;

import dev.lrlab.model.inline.TensorNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Finds what a string input of a model parses: the features of the {@code tf.Example} protos it expects.
 *
 * <p>An input takes serialized {@code tf.Example} protos when a {@code ParseExample}, {@code ParseExampleV2} or
 * {@code ParseSingleExample} op reads it (directly or through {@code Identity}, {@code Reshape}, {@code
 * ExpandDims} or {@code Squeeze}); this is how TF1 estimators' {@code classify}, {@code regress} and {@code
 * predict} signatures and TFX Keras models take their input. The feature keys are the op's constant key inputs
 * (or attributes, for {@code ParseSingleExample}), the types its {@code Tdense}, {@code sparse_types} and
 * {@code ragged_value_types}, the dense shapes its {@code dense_shapes}.
 */
public final class ExampleParsing {
    private static final Set<String> PASS_THROUGH = Set.of("Identity", "Reshape", "ExpandDims", "Squeeze");
    private static final int MAX_HOPS = 8;

    private ExampleParsing() {
    }

    /**
     * @param index the model's graph
     * @param inputTensor a signature input's tensor name, e.g. {@code input_tensors:0}
     * @return the features parsed from that input, in the op's order (dense, then sparse, then ragged);
     *     empty when no parsing op reads the input
     */
    public static List<ExampleFeature> featuresOf(GraphIndex index, String inputTensor) {
        String input = TensorNames.nodeName(inputTensor);
        List<ExampleFeature> features = new ArrayList<>();
        for (NodeDef node : index.nodes()) {
            switch (node.getOp()) {
                case "ParseExample", "ParseExampleV2", "ParseSingleExample" -> {
                    if (node.getInputCount() > 0 && reads(index, node.getInput(0), input)) {
                        features.addAll(features(index, node));
                    }
                }
                default -> {
                }
            }
        }
        return features;
    }

    private static boolean reads(GraphIndex index, String inputRef, String target) {
        String name = TensorNames.nodeName(inputRef);
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            if (name.equals(target)) {
                return true;
            }
            NodeDef node = index.node(name);
            if (node == null || !PASS_THROUGH.contains(node.getOp()) || node.getInputCount() == 0) {
                return false;
            }
            name = TensorNames.nodeName(node.getInput(0));
        }
        return false;
    }

    private static List<ExampleFeature> features(GraphIndex index, NodeDef node) {
        List<String> denseKeys;
        List<String> sparseKeys;
        List<String> raggedKeys = List.of();
        switch (node.getOp()) {
            case "ParseExample" -> {
                int sparse = (int) node.getAttrOrThrow("Nsparse").getI();
                int dense = (int) node.getAttrOrThrow("Ndense").getI();
                sparseKeys = new ArrayList<>();
                denseKeys = new ArrayList<>();
                for (int i = 0; i < sparse; i++) {
                    sparseKeys.addAll(constantStrings(index, node.getInput(2 + i)));
                }
                for (int i = 0; i < dense; i++) {
                    denseKeys.addAll(constantStrings(index, node.getInput(2 + sparse + i)));
                }
            }
            case "ParseExampleV2" -> {
                sparseKeys = constantStrings(index, node.getInput(2));
                denseKeys = constantStrings(index, node.getInput(3));
                raggedKeys = constantStrings(index, node.getInput(4));
            }
            default -> {
                sparseKeys = strings(node.getAttrOrDefault("sparse_keys", AttrValue.getDefaultInstance()));
                denseKeys = strings(node.getAttrOrDefault("dense_keys", AttrValue.getDefaultInstance()));
            }
        }
        List<DataType> denseTypes = node.getAttrOrDefault("Tdense", AttrValue.getDefaultInstance()).getList().getTypeList();
        List<TensorShapeProto> shapes = node.getAttrOrDefault("dense_shapes", AttrValue.getDefaultInstance()).getList()
                .getShapeList();
        List<DataType> sparseTypes = node.getAttrOrDefault("sparse_types", AttrValue.getDefaultInstance()).getList()
                .getTypeList();
        List<DataType> raggedTypes = node.getAttrOrDefault("ragged_value_types", AttrValue.getDefaultInstance()).getList()
                .getTypeList();
        List<ExampleFeature> features = new ArrayList<>();
        for (int i = 0; i < denseKeys.size(); i++) {
            long[] shape = i < shapes.size() ? dims(shapes.get(i)) : null;
            features.add(new ExampleFeature(denseKeys.get(i), typeName(denseTypes, i), shape));
        }
        for (int i = 0; i < sparseKeys.size(); i++) {
            features.add(new ExampleFeature(sparseKeys.get(i), typeName(sparseTypes, i), null));
        }
        for (int i = 0; i < raggedKeys.size(); i++) {
            features.add(new ExampleFeature(raggedKeys.get(i), typeName(raggedTypes, i), null));
        }
        return features;
    }

    private static String typeName(List<DataType> types, int i) {
        return i < types.size() ? types.get(i).name().replace("DT_", "") : "FLOAT";
    }

    private static long[] dims(TensorShapeProto shape) {
        if (shape.getUnknownRank()) {
            return null;
        }
        long[] dims = new long[shape.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.getDim(i).getSize();
        }
        return dims;
    }

    private static List<String> strings(AttrValue value) {
        return value.getList().getSList().stream().map(b -> b.toStringUtf8()).toList();
    }

    /** The string values of a constant node (through Identity), or none when the input is not a constant. */
    private static List<String> constantStrings(GraphIndex index, String inputRef) {
        NodeDef node = index.node(TensorNames.nodeName(inputRef));
        for (int hop = 0; node != null && node.getOp().equals("Identity") && hop < MAX_HOPS; hop++) {
            node = index.node(TensorNames.nodeName(node.getInput(0)));
        }
        if (node == null || !node.getOp().equals("Const")) {
            return List.of();
        }
        return node.getAttrOrThrow("value").getTensor().getStringValList().stream().map(b -> b.toStringUtf8()).toList();
    }
}
