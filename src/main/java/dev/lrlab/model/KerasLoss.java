package dev.lrlab.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One loss of a Keras model's {@code compile()}, as saved in its {@code training_config}, and lrlab's loss for it.
 * Read from {@link KerasCompileConfig}; immutable.
 */
public final class KerasLoss {
    /** Keras's loss names and aliases, lower case without underscores, and lrlab's loss for each. */
    private static final Map<String, LossKind> KINDS = Map.ofEntries(
            Map.entry("mse", LossKind.MSE),
            Map.entry("meansquarederror", LossKind.MSE),
            Map.entry("mae", LossKind.MAE),
            Map.entry("meanabsoluteerror", LossKind.MAE),
            Map.entry("bce", LossKind.BINARY_CROSSENTROPY),
            Map.entry("binarycrossentropy", LossKind.BINARY_CROSSENTROPY),
            Map.entry("categoricalcrossentropy", LossKind.CATEGORICAL_CROSSENTROPY),
            Map.entry("sparsecategoricalcrossentropy", LossKind.SPARSE_CATEGORICAL_CROSSENTROPY));

    private final String output;
    private final String name;
    private final LossKind kind;
    private final Boolean fromLogits;
    private final List<String> notes;

    private KerasLoss(String output, String name, LossKind kind, Boolean fromLogits, List<String> notes) {
        this.output = output;
        this.name = Objects.requireNonNull(name, "name");
        this.kind = kind;
        this.fromLogits = fromLogits;
        this.notes = List.copyOf(notes);
    }

    /**
     * @param output the output the loss belongs to, or empty
     * @param json a loss as Keras serializes it: a name ({@code "mse"}), a loss object
     *     ({@code {"class_name": "BinaryCrossentropy", "config": {"from_logits": true}}}), or a function
     *     ({@code {"class_name": "function", "config": "mean_squared_error"}})
     * @return the loss
     */
    static KerasLoss of(Optional<String> output, JsonNode json) {
        if (json.isTextual()) {
            return named(output, json.asText(), Optional.empty(), List.of());
        }
        String className = json.path("class_name").asText("");
        JsonNode config = json.path("config");
        if (className.equals("function") && config.isTextual()) {
            return named(output, config.asText(), Optional.empty(), List.of());
        }
        Optional<Boolean> fromLogits = config.path("from_logits").isBoolean()
                ? Optional.of(config.path("from_logits").asBoolean()) : Optional.empty();
        List<String> notes = new ArrayList<>();
        double smoothing = config.path("label_smoothing").asDouble(0);
        if (smoothing != 0) {
            notes.add("label_smoothing " + smoothing + " is not applied");
        }
        if (config.hasNonNull("ignore_class")) {
            notes.add("ignore_class " + config.get("ignore_class").asText() + " is not applied");
        }
        return named(output, className.isEmpty() ? json.toString() : className, fromLogits, notes);
    }

    private static KerasLoss named(Optional<String> output, String name, Optional<Boolean> fromLogits, List<String> notes) {
        String bare = name.substring(Math.max(name.lastIndexOf('>'), name.lastIndexOf('.')) + 1);
        LossKind kind = KINDS.get(bare.replace("_", "").toLowerCase(Locale.ROOT));
        return new KerasLoss(output.orElse(null), name, kind, fromLogits.orElse(null), notes);
    }

    /** @return the model output it belongs to, when the model has one loss per output (empty: the only loss) */
    public Optional<String> output() {
        return Optional.ofNullable(output);
    }

    /** @return the loss as the model names it, e.g. {@code binary_crossentropy} or {@code SparseCategoricalCrossentropy} */
    public String name() {
        return name;
    }

    /** @return lrlab's loss of that name; empty when lrlab has none ({@code huber}, {@code hinge}, a custom loss) */
    public Optional<LossKind> kind() {
        return Optional.ofNullable(kind);
    }

    /**
     * @return the loss's {@code from_logits}, when its configuration gives one (a loss named by a string takes
     *     probabilities, Keras's default)
     */
    public Optional<Boolean> fromLogits() {
        return Optional.ofNullable(fromLogits);
    }

    /** @return parts of the loss's configuration lrlab does not apply, e.g. a label smoothing */
    public List<String> notes() {
        return notes;
    }

    /** @return e.g. {@code BinaryCrossentropy(from_logits=true)} or {@code mse} */
    public String describe() {
        return name + fromLogits().map(f -> "(from_logits=" + f + ")").orElse("");
    }

    private List<Object> values() {
        return Arrays.asList(output, name, kind, fromLogits, notes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KerasLoss loss && values().equals(loss.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    @Override
    public String toString() {
        return "KerasLoss[output=" + output() + ", name=" + name + ", kind=" + kind() + ", fromLogits=" + fromLogits()
                + ", notes=" + notes + "]";
    }
}
