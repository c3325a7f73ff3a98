package dev.lrlab.model.inline;

import dev.lrlab.LrlabException;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.NodeDef;

/**
 * Moves the nodes of one function body into the caller's namespace: prefixes names, turns {@code
 * node:out_arg:i} into flat tensor names, replaces input args by the call's inputs and rewrites
 * {@code _class} colocation attrs.
 */
final class BodyTranslator {
    private static final String CLASS_ATTR = "_class";
    private static final String LOCATION_PREFIX = "loc:@";

    private final String prefix;
    private final Map<String, NodeDef> body;
    private final Map<String, String> argInputs;
    private final OpSignatures signatures;

    BodyTranslator(String prefix, Map<String, NodeDef> body, Map<String, String> argInputs,
            OpSignatures signatures) {
        this.prefix = prefix;
        this.body = body;
        this.argInputs = argInputs;
        this.signatures = signatures;
    }

    /**
     * @param node a body node, placeholders already resolved
     * @param callControls the call's control inputs, added when the node has no input from the body
     * @return the node as it will sit in the outer graph
     */
    NodeDef translate(NodeDef node, List<String> callControls) {
        NodeDef.Builder builder = node.toBuilder().setName(prefix + node.getName()).clearInput();
        boolean fromBody = false;
        for (String input : node.getInputList()) {
            if (TensorNames.isControl(input)) {
                String name = TensorNames.nodeName(input);
                if (body.containsKey(name)) {
                    builder.addInput(TensorNames.control(prefix + name));
                    fromBody = true;
                } else {
                    builder.addInput(TensorNames.control(TensorNames.nodeName(argInput(name, node))));
                }
            } else {
                if (input.indexOf(':') >= 0) {
                    fromBody = true;
                }
                builder.addInput(tensor(input));
            }
        }
        if (!fromBody) {
            for (String control : callControls) {
                if (!builder.getInputList().contains(control)) {
                    builder.addInput(control);
                }
            }
        }
        AttrValue colocation = node.getAttrMap().get(CLASS_ATTR);
        if (colocation != null) {
            AttrValue.ListValue.Builder kept = AttrValue.ListValue.newBuilder();
            for (com.google.protobuf.ByteString entry : colocation.getList().getSList()) {
                String text = entry.toStringUtf8();
                if (text.startsWith(LOCATION_PREFIX) && body.containsKey(text.substring(LOCATION_PREFIX.length()))) {
                    kept.addS(com.google.protobuf.ByteString.copyFromUtf8(
                            LOCATION_PREFIX + prefix + text.substring(LOCATION_PREFIX.length())));
                }
            }
            if (kept.getSCount() == 0) {
                builder.removeAttr(CLASS_ATTR);
            } else {
                builder.putAttr(CLASS_ATTR, AttrValue.newBuilder().setList(kept).build());
            }
        }
        return builder.build();
    }

    /**
     * @param reference a body tensor reference: an input arg name or {@code node:out_arg:i}
     * @return the outer-graph tensor name
     */
    String tensor(String reference) {
        String[] parts = reference.split(":");
        if (parts.length == 1) {
            return argInput(reference, null);
        }
        if (parts.length != 3) {
            throw LrlabException.model("function body reference '" + reference
                    + "' is malformed; expected 'arg' or 'node:out_arg:index'");
        }
        NodeDef producer = body.get(parts[0]);
        if (producer == null) {
            throw LrlabException.model("function body reference '" + reference
                    + "' names no node of the body; the function library is malformed");
        }
        int flat = signatures.flatOutputIndex(producer, parts[1], Integer.parseInt(parts[2]));
        return flat == 0 ? prefix + parts[0] : prefix + parts[0] + ":" + flat;
    }

    private String argInput(String argName, NodeDef user) {
        String input = argInputs.get(argName);
        if (input == null) {
            throw LrlabException.model("function body input '" + argName + "'"
                    + (user == null ? "" : " of node '" + user.getName() + "'")
                    + " is neither an input arg nor a body node; the function library is malformed");
        }
        return input;
    }
}
