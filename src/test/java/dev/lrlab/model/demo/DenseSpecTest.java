package dev.lrlab.model.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DenseSpecTest {

    @Test
    void factoriesSetTheActivation() {
        assertTrue(DenseSpec.relu("dense1", 8).relu());
        assertFalse(DenseSpec.linear("dense2", 3).relu());
        assertEquals(8, DenseSpec.relu("dense1", 8).units());
    }

    @Test
    void rejectsNoUnits() {
        assertEquals("expected layer 'dense1' units >= 1, found 0",
                assertThrows(IllegalArgumentException.class, () -> DenseSpec.relu("dense1", 0)).getMessage());
    }

    @Test
    void rejectsMissingOrScopedNames() {
        assertThrows(IllegalArgumentException.class, () -> DenseSpec.linear(null, 1));
        assertEquals("expected layer name matching [A-Za-z][A-Za-z0-9_.\\-]* (no '/'), found 1dense",
                assertThrows(IllegalArgumentException.class, () -> DenseSpec.linear("1dense", 1)).getMessage());
    }
}
