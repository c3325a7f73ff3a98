/**
 * Small, deterministic demo SavedModels for trying lrlab and for its tests: MLPs for the digits,
 * iris and Fashion-MNIST data, a linear regressor and a logistic regression. Each is a TF1-style
 * graph ({@code VariableV2} variables, a saver, a {@code serving_default} signature) built with
 * TensorFlow Java and exported with {@link org.tensorflow.SavedModelBundle#exporter(String)}.
 *
 * <p>The weights are the models' untrained initial values: Glorot-uniform kernels drawn from
 * {@link java.util.Random} with a fixed seed, zero biases. The models exist to be trained, not to
 * predict well. {@link dev.lrlab.model.demo.DemoModels} writes them; {@code scripts/build-models}
 * runs it.
 */
package dev.lrlab.model.demo;
