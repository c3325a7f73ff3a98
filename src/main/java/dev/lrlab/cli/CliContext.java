package dev.lrlab.cli;

import dev.lrlab.run.StopSignal;
import java.io.PrintWriter;

/**
 * What every subcommand writes to and reads flags from.
 *
 * @param out results for the user (tables, paths written)
 * @param err log lines, progress and errors
 * @param verbose show stack traces and more detail
 * @param quiet no progress bar, fewer log lines
 * @param stderrIsTerminal whether a progress bar can be drawn
 * @param stop set by SIGINT/SIGTERM
 * @param clock time to first step, logged with {@code --verbose}
 */
record CliContext(PrintWriter out, PrintWriter err, boolean verbose, boolean quiet, boolean stderrIsTerminal,
        StopSignal stop, StartupClock clock) {

    /** A context whose startup clock starts now. */
    CliContext(PrintWriter out, PrintWriter err, boolean verbose, boolean quiet, boolean stderrIsTerminal, StopSignal stop) {
        this(out, err, verbose, quiet, stderrIsTerminal, stop, StartupClock.startingNow());
    }

    /** Marks the model and data ready (see {@link StartupClock}). */
    void modelReady() {
        clock.mark("model and data");
    }

    /** Marks the first training step and, with {@code --verbose}, logs the time to it; later calls do nothing. */
    void stepTaken() {
        if (clock.firstStep() && verbose) {
            log(clock.line());
        }
    }

    /** Writes one log line to stderr unless quiet. */
    void log(String line) {
        if (!quiet) {
            err.println(line);
            err.flush();
        }
    }
}
