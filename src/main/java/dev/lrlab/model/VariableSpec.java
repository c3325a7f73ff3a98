package dev.lrlab.model;

/**
 * A variable of the model graph.
 *
 * @param name the variable op's name
 * @param dtype dtype without the {@code DT_} prefix
 * @param shape dimensions as text, e.g. {@code [13,36]}
 * @param kind reference or resource variable
 * @param trainable whether the model marks it trainable (TF1 {@code trainable_variables} collection,
 *     TF2 {@code SavedVariable.trainable})
 */
public record VariableSpec(String name, String dtype, String shape, VariableKind kind, boolean trainable) {
}
