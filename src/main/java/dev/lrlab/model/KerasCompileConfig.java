package dev.lrlab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Keras model's {@code compile()} settings as its SavedModel keeps them ({@code training_config} in
 * {@code keras_metadata.pb}, see {@link KerasMetadata}): the loss or losses, the optimizer, the metrics. Read
 * only; what lrlab makes of them is decided by the run. Immutable; made by {@link KerasMetadata#compileConfig()}.
 */
public final class KerasCompileConfig {
    private final List<KerasLoss> losses;
    private final KerasOptimizer optimizer;
    private final List<String> metrics;

    private KerasCompileConfig(List<KerasLoss> losses, KerasOptimizer optimizer, List<String> metrics) {
        this.losses = List.copyOf(losses);
        this.optimizer = optimizer;
        this.metrics = List.copyOf(metrics);
    }

    /**
     * @param training the {@code training_config} object
     * @return the settings it holds
     */
    static KerasCompileConfig of(JsonNode training) {
        List<KerasLoss> losses = new ArrayList<>();
        JsonNode loss = training.path("loss");
        if (loss.isTextual() || loss.has("class_name")) {
            losses.add(KerasLoss.of(Optional.empty(), loss));
        } else if (loss.isArray()) {
            for (int i = 0; i < loss.size(); i++) {
                losses.add(KerasLoss.of(loss.size() == 1 ? Optional.empty() : Optional.of("#" + i), loss.get(i)));
            }
        } else if (loss.isObject()) {
            for (Map.Entry<String, JsonNode> entry : loss.properties()) {
                losses.add(KerasLoss.of(loss.size() == 1 ? Optional.empty() : Optional.of(entry.getKey()), entry.getValue()));
            }
        }
        return new KerasCompileConfig(losses, optimizer(training.path("optimizer_config")).orElse(null),
                metrics(training.path("metrics")));
    }

    /** @return the loss, or one per output ({@link KerasLoss#output()} set); empty when compiled without a loss */
    public List<KerasLoss> losses() {
        return losses;
    }

    /** @return the optimizer, when one was saved */
    public Optional<KerasOptimizer> optimizer() {
        return Optional.ofNullable(optimizer);
    }

    /** @return the metric names, e.g. {@code acc} */
    public List<String> metrics() {
        return metrics;
    }

    private static Optional<KerasOptimizer> optimizer(JsonNode json) {
        // Keras 2.11+ may wrap the optimizer: {"optimizer_config": {"class_name", "config"}, "is_legacy_optimizer"}
        if (!json.has("class_name") && json.path("optimizer_config").isObject()) {
            json = json.path("optimizer_config");
        }
        if (!json.path("class_name").isTextual()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = json.path("config").isObject()
                ? new ObjectMapper().convertValue(json.path("config"), LinkedHashMap.class) : Map.of();
        return Optional.of(new KerasOptimizer(json.path("class_name").asText(), config));
    }

    private static List<String> metrics(JsonNode json) {
        List<String> names = new ArrayList<>();
        collectMetrics(json, names);
        return names;
    }

    private static void collectMetrics(JsonNode json, List<String> names) {
        if (json.isTextual()) {
            names.add(json.asText());
        } else if (json.isArray()) {
            json.forEach(child -> collectMetrics(child, names));
        } else if (json.has("class_name")) {
            names.add(json.path("config").path("name").asText(json.path("class_name").asText()));
        } else if (json.isObject()) {
            json.forEach(child -> collectMetrics(child, names)); // one list per output name
        }
    }

    /**
     * @param output the output being trained, when known
     * @return the loss for that output: the only loss, or the one saved for that output's name
     */
    public Optional<KerasLoss> lossFor(Optional<String> output) {
        if (losses.size() == 1 && losses.get(0).output().isEmpty()) {
            return Optional.of(losses.get(0));
        }
        return output.flatMap(key -> losses.stream().filter(l -> l.output().equals(Optional.of(key))).findFirst());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KerasCompileConfig config && losses.equals(config.losses)
                && Objects.equals(optimizer, config.optimizer) && metrics.equals(config.metrics);
    }

    @Override
    public int hashCode() {
        return Objects.hash(losses, optimizer, metrics);
    }

    @Override
    public String toString() {
        return "KerasCompileConfig[losses=" + losses + ", optimizer=" + optimizer() + ", metrics=" + metrics + "]";
    }
}
