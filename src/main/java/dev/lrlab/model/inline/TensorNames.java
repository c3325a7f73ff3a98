package dev.lrlab.model.inline;

/**
 * The names a GraphDef gives tensors and inputs: {@code op} (output 0), {@code op:i} (output i) and {@code ^op}
 * (a control input). The one place that takes them apart, for the model package and the graph rewrites alike.
 */
public final class TensorNames {
    private TensorNames() {
    }

    /**
     * @param tensorOrInput a tensor name ({@code op:1}), an input string ({@code op}) or a control input ({@code ^op})
     * @return the name of the op that produces it
     */
    public static String nodeName(String tensorOrInput) {
        String name = tensorOrInput.startsWith("^") ? tensorOrInput.substring(1) : tensorOrInput;
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
}
