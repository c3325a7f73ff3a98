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
 */
record CliContext(PrintWriter out, PrintWriter err, boolean verbose, boolean quiet, boolean stderrIsTerminal,
        StopSignal stop) {

    /** Writes one log line to stderr unless quiet. */
    void log(String line) {
        if (!quiet) {
            err.println(line);
            err.flush();
        }
    }
}
