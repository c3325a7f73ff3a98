package dev.lrlab.model.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LayerWeightsTest {

    @Test
    void fansComeFromTheKernelRowsAndBiasLength() {
        LayerWeights weights = new LayerWeights(new float[5][3], new float[3]);
        assertEquals(5, weights.fanIn());
        assertEquals(3, weights.fanOut());
    }
}
