package dev.lrlab.model.demo;

import java.util.Random;

/**
 * Glorot (Xavier) uniform initialization, drawn from {@link Random} so that a seed always gives the
 * same values on every platform: each weight is uniform in {@code [-limit, limit)} with
 * {@code limit = sqrt(6 / (fanIn + fanOut))}, so its variance is {@code 2 / (fanIn + fanOut)}
 * (Glorot and Bengio, 2010).
 *
 * <p>Each layer draws from its own generator, seeded from {@code seed} and the layer's index, so
 * changing one layer's shape leaves the other layers' values unchanged.
 *
 * @param seed the base seed
 */
public record GlorotUniform(long seed) {

    /**
     * The bound of the uniform distribution.
     *
     * @param fanIn number of inputs of the layer, at least 1
     * @param fanOut number of outputs of the layer, at least 1
     * @return {@code sqrt(6 / (fanIn + fanOut))}
     */
    public static double limit(int fanIn, int fanOut) {
        requirePositive("fanIn", fanIn);
        requirePositive("fanOut", fanOut);
        return Math.sqrt(6.0 / (fanIn + fanOut));
    }

    /**
     * Draws the kernel of one dense layer.
     *
     * @param layerIndex the layer's position in its model, from 0; selects the generator
     * @param fanIn rows of the kernel (inputs of the layer)
     * @param fanOut columns of the kernel (outputs of the layer)
     * @return a new {@code [fanIn][fanOut]} matrix, filled row by row
     */
    public float[][] kernel(int layerIndex, int fanIn, int fanOut) {
        if (layerIndex < 0) {
            throw new IllegalArgumentException("expected a layer index >= 0, found " + layerIndex);
        }
        double limit = limit(fanIn, fanOut);
        Random random = new Random(layerSeed(layerIndex));
        float[][] kernel = new float[fanIn][fanOut];
        for (float[] row : kernel) {
            for (int j = 0; j < fanOut; j++) {
                row[j] = (float) ((2.0 * random.nextDouble() - 1.0) * limit);
            }
        }
        return kernel;
    }

    private long layerSeed(int layerIndex) {
        return seed * 1_000_003L + layerIndex;
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("expected " + name + " >= 1, found " + value);
        }
    }
}
