package dev.lrlab.model.inline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;

/**
 * Folds the integer scalars of a graph that are fixed before it runs: constants, their sums, differences and products, reductions of
 * a constant scalar, and a
 * dimension of a tensor's static shape read as {@code tf.shape(x)[k]} ({@code StridedSlice} of {@code Shape}). What a
 * loop's bound and a {@code TensorList} index come down to in Keras' recurrent layers.
 */
final class KnownInts {
    private final Map<String, NodeDef> byName;
    private final Function<String, long[]> staticShape;
    private final Map<String, OptionalLong> memo = new HashMap<>();

    /**
     * @param byName the graph's nodes by name
     * @param staticShape the static shape of a tensor ({@code node:i}), -1 for unknown dimensions, null when the rank
     *     is unknown
     */
    KnownInts(Map<String, NodeDef> byName, Function<String, long[]> staticShape) {
        this.byName = byName;
        this.staticShape = staticShape;
    }

    /**
     * @param tensor {@code node} or {@code node:i}
     * @return its value when it is an integer scalar fixed before the graph runs
     */
    OptionalLong value(String tensor) {
        String key = TensorNames.canonical(tensor);
        OptionalLong known = memo.get(key);
        if (known == null) {
            memo.put(key, OptionalLong.empty()); // cycles (none in a graph without loops) fold to unknown
            known = fold(key);
            memo.put(key, known);
        }
        return known;
    }

    private OptionalLong fold(String tensor) {
        NodeDef node = byName.get(TensorNames.nodeName(tensor));
        if (node == null) {
            return OptionalLong.empty();
        }
        List<String> data = TensorNames.dataInputs(node);
        switch (node.getOp()) {
            case "Const":
                return scalar(node.getAttrMap().get("value"));
            case "Identity":
                return value(data.get(0));
            case "AddV2", "Add", "Sub", "Mul": {
                OptionalLong a = value(data.get(0));
                OptionalLong b = value(data.get(1));
                if (a.isEmpty() || b.isEmpty()) {
                    return OptionalLong.empty();
                }
                return OptionalLong.of(switch (node.getOp()) {
                    case "Sub" -> a.getAsLong() - b.getAsLong();
                    case "Mul" -> a.getAsLong() * b.getAsLong();
                    default -> a.getAsLong() + b.getAsLong();
                });
            }
            case "StridedSlice":
                return shapeDimension(node, data);
            case "Max", "Min": {
                // a reduction of a scalar is the scalar (Keras 3 writes max(T) for maximum_iterations)
                NodeDef input = byName.get(TensorNames.nodeName(data.get(0)));
                return input != null && input.getOp().equals("Const") ? scalar(input.getAttrMap().get("value"))
                        : OptionalLong.empty();
            }
            default:
                return OptionalLong.empty();
        }
    }

    /** {@code tf.shape(x)[k]}: a StridedSlice of a Shape that keeps one element, read from x's static shape. */
    private OptionalLong shapeDimension(NodeDef slice, List<String> data) {
        NodeDef shape = byName.get(TensorNames.nodeName(data.get(0)));
        if (shape == null || !shape.getOp().equals("Shape") || attr(slice, "shrink_axis_mask") != 1
                || attr(slice, "begin_mask") != 0 || attr(slice, "ellipsis_mask") != 0
                || attr(slice, "new_axis_mask") != 0) {
            return OptionalLong.empty();
        }
        OptionalLong begin = vectorOfOne(data.get(1));
        OptionalLong stride = vectorOfOne(data.get(3));
        if (begin.isEmpty() || stride.isEmpty() || stride.getAsLong() != 1) {
            return OptionalLong.empty();
        }
        long[] dims = staticShape.apply(TensorNames.canonical(shape.getInput(0)));
        if (dims == null) {
            return OptionalLong.empty();
        }
        long k = begin.getAsLong() < 0 ? dims.length + begin.getAsLong() : begin.getAsLong();
        return k >= 0 && k < dims.length && dims[(int) k] >= 0 ? OptionalLong.of(dims[(int) k]) : OptionalLong.empty();
    }

    private OptionalLong vectorOfOne(String tensor) {
        NodeDef node = byName.get(TensorNames.nodeName(tensor));
        if (node == null || !node.getOp().equals("Const")) {
            return OptionalLong.empty();
        }
        TensorProto proto = node.getAttrOrThrow("value").getTensor();
        if (proto.getTensorShape().getDimCount() != 1 || proto.getTensorShape().getDim(0).getSize() != 1) {
            return OptionalLong.empty();
        }
        return element(proto);
    }

    private static long attr(NodeDef node, String name) {
        AttrValue value = node.getAttrMap().get(name);
        return value == null ? 0 : value.getI();
    }

    /** @return the value of an int32 or int64 scalar constant */
    static OptionalLong scalar(AttrValue value) {
        if (value == null || !value.hasTensor() || value.getTensor().getTensorShape().getDimCount() != 0) {
            return OptionalLong.empty();
        }
        return element(value.getTensor());
    }

    private static OptionalLong element(TensorProto proto) {
        if (proto.getDtype() == DataType.DT_INT32) {
            if (proto.getIntValCount() > 0) {
                return OptionalLong.of(proto.getIntVal(0));
            }
            if (proto.getTensorContent().size() == 4) {
                return OptionalLong.of(proto.getTensorContent().asReadOnlyByteBuffer()
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
            }
        } else if (proto.getDtype() == DataType.DT_INT64) {
            if (proto.getInt64ValCount() > 0) {
                return OptionalLong.of(proto.getInt64Val(0));
            }
            if (proto.getTensorContent().size() == 8) {
                return OptionalLong.of(proto.getTensorContent().asReadOnlyByteBuffer()
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
            }
        }
        return OptionalLong.empty();
    }
}
