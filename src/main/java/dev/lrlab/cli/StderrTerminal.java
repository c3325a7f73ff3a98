package dev.lrlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error is a terminal, the condition for drawing a progress bar there. Java 17's
 * {@code System.console()} answers for standard input and output instead ({@code lrlab range-test > out.txt}
 * has a console-less stdout but a terminal stderr; {@code 2> log} the reverse), so on Linux the answer is read
 * from the device {@code /proc/self/fd/2} links to; where that link cannot be read (another OS), it falls back
 * to {@code System.console() != null}.
 */
final class StderrTerminal {
    private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

    private StderrTerminal() {
    }

    /** @return whether this process's standard error is a terminal */
    static boolean isTerminal() {
        try {
            return isTerminalDevice(Files.readSymbolicLink(STDERR_LINK));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /**
     * @param target what a file descriptor links to in {@code /proc/self/fd}
     * @return whether it is a terminal device: a pseudo-terminal ({@code /dev/pts/N}), a virtual console or
     *     serial line ({@code /dev/ttyN}, {@code /dev/ttyS0}) or the controlling terminal ({@code /dev/tty})
     */
    static boolean isTerminalDevice(Path target) {
        String name = target.toString();
        return name.startsWith("/dev/pts/") || name.startsWith("/dev/tty") || name.equals("/dev/console");
    }
}
