package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StderrTerminalTest {
    @Test
    void terminalDevicesAreTerminals() {
        assertTrue(StderrTerminal.isTerminalDevice(Path.of("/dev/pts/3")));
        assertTrue(StderrTerminal.isTerminalDevice(Path.of("/dev/tty1")));
        assertTrue(StderrTerminal.isTerminalDevice(Path.of("/dev/ttyS0")));
        assertTrue(StderrTerminal.isTerminalDevice(Path.of("/dev/tty")));
    }

    @Test
    void filesPipesAndNullAreNot() {
        assertFalse(StderrTerminal.isTerminalDevice(Path.of("/home/me/run.log")));
        assertFalse(StderrTerminal.isTerminalDevice(Path.of("pipe:[12345]")));
        assertFalse(StderrTerminal.isTerminalDevice(Path.of("/dev/null")));
        assertFalse(StderrTerminal.isTerminalDevice(Path.of("/dev/ptmx")));
    }

    /** Maven's test JVM writes stderr to a file or pipe, never a terminal. */
    @Test
    void thisTestsStderrIsNotATerminal() {
        assertFalse(StderrTerminal.isTerminal());
    }
}
