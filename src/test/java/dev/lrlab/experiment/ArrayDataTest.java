package dev.lrlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrlab.LrlabException;
import org.junit.jupiter.api.Test;

class ArrayDataTest {
    @Test
    void labelWidthComesFromTheArrays() {
        assertEquals(1, new ArrayData(new float[6], new float[3], 3, 2).labelWidth());
        assertEquals(2, new ArrayData(new float[6], new float[6], 3, 2).labelWidth());
    }

    @Test
    void rejectsArraysThatDoNotFit() {
        assertEquals("expected 3 rows x 2 features = 6 feature values, found 5",
                assertThrows(LrlabException.class, () -> new ArrayData(new float[5], new float[3], 3, 2)).getMessage());
        assertEquals("expected a whole number of label values per row (3 rows), found 4 label values",
                assertThrows(LrlabException.class, () -> new ArrayData(new float[6], new float[4], 3, 2)).getMessage());
        assertEquals("expected at least 1 row of training data, found 0",
                assertThrows(LrlabException.class, () -> new ArrayData(new float[0], new float[0], 0, 2)).getMessage());
    }
}
