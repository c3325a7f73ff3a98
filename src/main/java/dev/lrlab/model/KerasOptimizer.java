package dev.lrlab.model;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The optimizer of a Keras model's {@code compile()}, as saved in its {@code training_config}.
 *
 * @param className the class as saved, e.g. {@code Adam}, {@code Custom>Adam} (Keras 2.11+) or {@code SGD}
 * @param config its hyperparameters as saved ({@code learning_rate}, {@code beta_1}, {@code momentum},
 *     {@code nesterov}, ...): numbers, booleans, text, null, or nested maps (a learning-rate schedule)
 */
public record KerasOptimizer(String className, Map<String, Object> config) {

    public KerasOptimizer {
        config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }

    /** @return the class name without a {@code Custom>} or module prefix, e.g. {@code Adam} */
    public String name() {
        return className.substring(Math.max(className.lastIndexOf('>'), className.lastIndexOf('.')) + 1);
    }

    /**
     * @param key a hyperparameter, e.g. {@code beta_1}
     * @return its value when it is a number
     */
    public OptionalDouble number(String key) {
        return config.get(key) instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }

    /**
     * @param key a hyperparameter, e.g. {@code nesterov}
     * @return whether it is {@code true}
     */
    public boolean flag(String key) {
        return Boolean.TRUE.equals(config.get(key));
    }

    /**
     * @return the learning rate ({@code learning_rate}, or {@code lr} before Keras 2.3); a schedule's
     *     {@code initial_learning_rate}
     */
    public OptionalDouble learningRate() {
        Object rate = config.containsKey("learning_rate") ? config.get("learning_rate") : config.get("lr");
        if (rate instanceof Number n) {
            return OptionalDouble.of(n.doubleValue());
        }
        if (rate instanceof Map<?, ?> schedule && schedule.get("config") instanceof Map<?, ?> settings
                && settings.get("initial_learning_rate") instanceof Number n) {
            return OptionalDouble.of(n.doubleValue());
        }
        return OptionalDouble.empty();
    }

    /** @return the class of a learning-rate schedule, e.g. {@code ExponentialDecay}; empty for a fixed rate */
    public Optional<String> learningRateSchedule() {
        Object rate = config.containsKey("learning_rate") ? config.get("learning_rate") : config.get("lr");
        return rate instanceof Map<?, ?> schedule && schedule.get("class_name") != null
                ? Optional.of(String.valueOf(schedule.get("class_name"))) : Optional.empty();
    }
}
