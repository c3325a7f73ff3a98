package dev.lrlab.model.inline;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.tensorflow.proto.NodeDef;

/**
 * The names a GraphDef gives tensors and inputs: {@code op} (output 0), {@code op:i} (output i) and {@code ^op}
 * (a control input). The one place that takes them apart and puts them together, and walks a graph through them,
 * for the model package ({@code GraphIndex}) and the graph rewrites ({@link FunctionInliner} and the others) alike.
 * It lives here rather than in {@code dev.lrlab.model} because the rewrites import nothing of the model package.
 */
public final class TensorNames {
    private static final String CONTROL = "^";

    private TensorNames() {
    }

    /**
     * @param tensorOrInput a tensor name ({@code op:1}), an input string ({@code op}) or a control input ({@code ^op})
     * @return the name of the op that produces it
     */
    public static String nodeName(String tensorOrInput) {
        String name = isControl(tensorOrInput) ? tensorOrInput.substring(CONTROL.length()) : tensorOrInput;
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    /**
     * @param tensorName e.g. {@code dense/Softmax:0} or {@code dense/Softmax}
     * @return its output index (0 when absent)
     */
    public static int outputIndex(String tensorName) {
        int colon = tensorName.lastIndexOf(':');
        return colon < 0 ? 0 : Integer.parseInt(tensorName.substring(colon + 1));
    }

    /**
     * @param nodeName an op's name
     * @param index one of its outputs
     * @return the tensor name {@code nodeName:index}
     */
    public static String tensorName(String nodeName, int index) {
        return nodeName + ":" + index;
    }

    /**
     * @param tensorOrInput {@code op} or {@code op:i}
     * @return the same tensor always written {@code op:i}, so {@code op} and {@code op:0} compare equal
     */
    public static String canonical(String tensorOrInput) {
        return tensorName(nodeName(tensorOrInput), outputIndex(tensorOrInput));
    }

    /**
     * @param input an input string of a node
     * @return whether it is a control input ({@code ^op}), which carries no value
     */
    public static boolean isControl(String input) {
        return input.startsWith(CONTROL);
    }

    /**
     * @param nodeName an op's name
     * @return the input string that makes a node wait for it: {@code ^nodeName}
     */
    public static String control(String nodeName) {
        return CONTROL + nodeName;
    }

    /**
     * @param node a node
     * @return its data inputs, in order (control inputs left out)
     */
    public static List<String> dataInputs(NodeDef node) {
        return node.getInputList().stream().filter(i -> !isControl(i)).toList();
    }

    /**
     * @param node a node
     * @return its control inputs ({@code ^op}), in order
     */
    public static List<String> controlInputs(NodeDef node) {
        return node.getInputList().stream().filter(TensorNames::isControl).toList();
    }

    /**
     * The nodes that the given tensors depend on, the starting nodes included: through data inputs, and through
     * control inputs too when asked. Names that {@code nodes} does not know are left out.
     *
     * @param nodes a node by its name, or {@code null}
     * @param roots tensor, node or control-input names to start from
     * @param throughControl whether to follow control inputs as well
     * @return the names of those nodes
     */
    public static Set<String> ancestors(Function<String, NodeDef> nodes, Collection<String> roots, boolean throughControl) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (String root : roots) {
            todo.push(nodeName(root));
        }
        while (!todo.isEmpty()) {
            String name = todo.pop();
            NodeDef node = nodes.apply(name);
            if (node == null || !seen.add(name)) {
                continue;
            }
            for (String input : node.getInputList()) {
                if (throughControl || !isControl(input)) {
                    todo.push(nodeName(input));
                }
            }
        }
        return seen;
    }
}
