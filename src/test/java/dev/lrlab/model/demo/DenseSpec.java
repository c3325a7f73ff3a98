package dev.lrlab.model.demo;

import java.util.regex.Pattern;

/**
 * One fully connected layer {@code act(h @ kernel + bias)} of a demo model. Its ops live in the name
 * scope {@code name}: variables {@code name/kernel} and {@code name/bias}, then
 * {@code name/MatMul}, {@code name/BiasAdd} and, with ReLU, {@code name/Relu}.
 *
 * @param name the layer's name scope, e.g. {@code dense1}
 * @param units number of outputs, at least 1
 * @param relu whether a ReLU follows the bias (otherwise the layer is linear)
 */
public record DenseSpec(String name, int units, boolean relu) {

    private static final Pattern OP_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]*");

    /** Validates the name and the number of units. */
    public DenseSpec {
        requireOpName("layer name", name);
        if (units < 1) {
            throw new IllegalArgumentException(
                    "expected layer '" + name + "' units >= 1, found " + units);
        }
    }

    /** A layer followed by ReLU. */
    public static DenseSpec relu(String name, int units) {
        return new DenseSpec(name, units, true);
    }

    /** A linear layer (no activation): the last layer, whose output feeds the head. */
    public static DenseSpec linear(String name, int units) {
        return new DenseSpec(name, units, false);
    }

    static void requireOpName(String what, String name) {
        if (name == null || !OP_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("expected " + what + " matching "
                    + OP_NAME.pattern() + " (no '/'), found " + name);
        }
    }
}
