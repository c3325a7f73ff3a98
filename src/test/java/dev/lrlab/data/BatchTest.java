package dev.lrlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BatchTest {
    @Test
    void knowsItsFeatureCount() {
        assertEquals(3, new Batch(new float[6], new float[2], 2).featureCount());
        assertEquals(0, new Batch(new float[0], new float[0], 0).featureCount());
    }

    @Test
    void rejectsArraysThatDoNotHoldSizeRows() {
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                () -> new Batch(new float[6], new float[3], 2));
        assertEquals("expected 2 rows of labels, found 3 values", labels.getMessage());
        IllegalArgumentException features = assertThrows(IllegalArgumentException.class,
                () -> new Batch(new float[5], new float[2], 2));
        assertEquals("expected a multiple of 2 feature values, found 5", features.getMessage());
    }
}
