package dev.lrlab.model.inline;

import dev.lrlab.LrlabException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.OpDef.ArgDef;
import org.tensorflow.proto.OpList;

/**
 * Looks up the signature ({@link OpDef}) of a node's op, either a registered kernel op or a function
 * of the graph's library called directly by name, and turns {@code node:out_arg:i} references of
 * function bodies into flat output indices.
 */
final class OpSignatures {
    private final Map<String, OpDef> registered;
    private final Map<String, FunctionDef> library;

    OpSignatures(OpList registeredOps, Map<String, FunctionDef> library) {
        this.registered = new HashMap<>();
        for (OpDef op : registeredOps.getOpList()) {
            registered.put(op.getName(), op);
        }
        this.library = library;
    }

    /** @return the library function named by this op type, or null when the op is a kernel op */
    FunctionDef function(String opType) {
        return library.get(opType);
    }

    /** @return the signature of the op type: the library function's one first, else the registered op */
    OpDef signature(String opType) {
        FunctionDef function = library.get(opType);
        if (function != null) {
            return function.getSignature();
        }
        OpDef op = registered.get(opType);
        if (op == null) {
            throw LrlabException.model("op type '" + opType
                    + "' is neither a registered TensorFlow op nor a function of the graph's library;"
                    + " load its custom-op library with TensorFlow.loadLibrary before inlining");
        }
        return op;
    }

    /**
     * Flat output index of {@code outputArg}'s element {@code index} in {@code node}: the sizes of the
     * output args before it, plus {@code index}.
     */
    int flatOutputIndex(NodeDef node, String outputArg, int index) {
        OpDef op = signature(node.getOp());
        int offset = 0;
        for (ArgDef arg : op.getOutputArgList()) {
            if (arg.getName().equals(outputArg)) {
                return offset + index;
            }
            offset += argSize(node, op, arg);
        }
        throw LrlabException.model("node '" + node.getName() + "' (op " + node.getOp()
                + ") has no output arg '" + outputArg + "'; expected one of "
                + op.getOutputArgList().stream().map(ArgDef::getName).toList());
    }

    /** Number of tensors an input or output arg stands for in this node. */
    static int argSize(NodeDef node, OpDef op, ArgDef arg) {
        if (!arg.getNumberAttr().isEmpty()) {
            AttrValue value = attrOrDefault(node, op, arg.getNumberAttr());
            return (int) value.getI();
        }
        if (!arg.getTypeListAttr().isEmpty()) {
            AttrValue value = attrOrDefault(node, op, arg.getTypeListAttr());
            return value.getList().getTypeCount();
        }
        return 1;
    }

    private static AttrValue attrOrDefault(NodeDef node, OpDef op, String attrName) {
        AttrValue value = node.getAttrMap().get(attrName);
        if (value != null) {
            return value;
        }
        List<OpDef.AttrDef> attrs = op.getAttrList();
        for (OpDef.AttrDef attr : attrs) {
            if (attr.getName().equals(attrName) && attr.hasDefaultValue()) {
                return attr.getDefaultValue();
            }
        }
        throw LrlabException.model("node '" + node.getName() + "' (op " + node.getOp()
                + ") lacks attr '" + attrName + "' and its op gives no default; the graph is malformed");
    }
}
