package dev.lrlab.model.demo;

import java.util.Objects;

/**
 * One named input of a demo model: a float32 placeholder of shape {@code [-1, width]}. The name is
 * used both as the placeholder's op name and as its key in the {@code serving_default} signature.
 *
 * @param name op name and signature key, e.g. {@code x}
 * @param width number of features per example, at least 1
 */
public record InputSpec(String name, int width) {

    /** Validates the name and width. */
    public InputSpec {
        DenseSpec.requireOpName("input name", name);
        if (width < 1) {
            throw new IllegalArgumentException(
                    "expected input '" + name + "' width >= 1, found " + width);
        }
    }

    @Override
    public String toString() {
        return Objects.toString(name) + "[-1," + width + "]";
    }
}
