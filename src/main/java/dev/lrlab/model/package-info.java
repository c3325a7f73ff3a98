/**
 * Loading and inspecting SavedModels, graph surgery (function inlining, objective, gradients), in-memory snapshot and restore of variables, and export. Works on TF1 graphs ({@code VariableV2}) and on TF2 graphs once their functions are inlined.
 * {@link dev.lrlab.model.KerasMetadata} reads a Keras 2 model's {@code keras_metadata.pb} and its {@code compile()}
 * settings ({@link dev.lrlab.model.KerasCompileConfig}); it does not decide what a run uses of them.
 */
package dev.lrlab.model;
