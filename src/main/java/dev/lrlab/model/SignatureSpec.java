package dev.lrlab.model;

import dev.lrlab.LrlabException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A signature of a SavedModel: its key, method and named inputs and outputs.
 *
 * @param key signature key, e.g. {@code serving_default}
 * @param methodName e.g. {@code tensorflow/serving/predict}
 * @param inputs inputs in key order
 * @param outputs outputs in key order
 */
public record SignatureSpec(String key, String methodName, List<TensorSpec> inputs, List<TensorSpec> outputs) {

    public SignatureSpec {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * @param name an input key
     * @return that input
     * @throws LrlabException naming the known inputs when there is none of that name
     */
    public TensorSpec input(String name) {
        return find(inputs, name, "input", "`input`");
    }

    /**
     * @param name an output key
     * @return that output
     * @throws LrlabException naming the known outputs when there is none of that name
     */
    public TensorSpec output(String name) {
        return find(outputs, name, "output", "`output`");
    }

    private TensorSpec find(List<TensorSpec> specs, String name, String what, String option) {
        return specs.stream().filter(s -> s.key().equals(name)).findFirst().orElseThrow(() -> LrlabException.model(
                "signature '" + key + "' has no " + what + " '" + name + "'; pass " + option + " with one of: "
                        + keys(specs)));
    }

    /** @return the keys of the given tensors joined with commas */
    static String keys(List<TensorSpec> specs) {
        return specs.stream().map(TensorSpec::key).collect(Collectors.joining(", "));
    }
}
