package dev.lrlab.model.demo;

/**
 * The initial values of one dense layer.
 *
 * @param kernel {@code [fanIn][fanOut]}, Glorot-uniform
 * @param bias {@code [fanOut]}, zeros
 */
public record LayerWeights(float[][] kernel, float[] bias) {

    /** @return number of inputs of the layer */
    public int fanIn() {
        return kernel.length;
    }

    /** @return number of outputs of the layer */
    public int fanOut() {
        return bias.length;
    }
}
