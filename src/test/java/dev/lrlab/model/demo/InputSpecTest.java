package dev.lrlab.model.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InputSpecTest {

    @Test
    void describesItselfWithItsShape() {
        assertEquals("x[-1,64]", new InputSpec("x", 64).toString());
    }

    @Test
    void rejectsZeroWidth() {
        assertEquals("expected input 'x' width >= 1, found 0",
                assertThrows(IllegalArgumentException.class, () -> new InputSpec("x", 0)).getMessage());
    }

    @Test
    void rejectsNamesThatAreNotOpNames() {
        assertEquals("expected input name matching [A-Za-z][A-Za-z0-9_.\\-]* (no '/'), found a/b",
                assertThrows(IllegalArgumentException.class, () -> new InputSpec("a/b", 2)).getMessage());
    }
}
