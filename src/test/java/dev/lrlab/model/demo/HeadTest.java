package dev.lrlab.model.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeadTest {

    @Test
    void outputNamesAndOpTypes() {
        assertEquals("probabilities", Head.SOFTMAX.outputName());
        assertEquals("Softmax", Head.SOFTMAX.opType());
        assertEquals("probability", Head.SIGMOID.outputName());
        assertEquals("Sigmoid", Head.SIGMOID.opType());
        assertEquals("y", Head.IDENTITY.outputName());
        assertEquals("Identity", Head.IDENTITY.opType());
    }
}
