package dev.lrlab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LrlabExceptionTest {
    @Test
    void quotedEscapesLineBreaksTabsAndControlCharacters() {
        assertEquals("'two\\nlines\\r\\tand\\u0000nul'", LrlabException.quoted("two\nlines\r\tand\0nul"));
        assertEquals("'日本 ü'", LrlabException.quoted("日本 ü"));
    }

    @Test
    void quotedCutsLongTextAfterMaxCharacters() {
        assertEquals("'abc...'", LrlabException.quoted("abcdef", 3));
        assertEquals("'abc'", LrlabException.quoted("abc", 3));
        assertEquals("'" + "x".repeat(80) + "...'", LrlabException.quoted("x".repeat(81)));
    }

    @Test
    void firstLineKeepsTheFirstLineOfAMessage() {
        assertEquals("one", LrlabException.firstLine(new RuntimeException("one\ntwo")));
        assertEquals("unknown TensorFlow error", LrlabException.firstLine(new RuntimeException()));
    }
}
