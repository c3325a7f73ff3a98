package dev.lrlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GrowableFloatsTest {
    @Test
    void growsAndKeepsValuesInOrder() {
        GrowableFloats values = new GrowableFloats(1);
        float[] expected = new float[100];
        for (int i = 0; i < 100; i++) {
            values.add(i * 0.5f);
            expected[i] = i * 0.5f;
        }
        assertEquals(100, values.size());
        assertArrayEquals(expected, values.toArray());
        assertArrayEquals(new float[0], new GrowableFloats(4).toArray());
    }
}
