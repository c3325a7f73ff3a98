package dev.lrlab.cli;

import dev.lrlab.run.StopSignal;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * What every subcommand writes to and reads flags from. Made with {@link #builder()}.
 *
 * <br>{@code out}: results for the user (tables, paths written)
 * <br>{@code err}: log lines, progress and errors
 * <br>{@code verbose}: show stack traces and more detail
 * <br>{@code quiet}: no progress bar, fewer log lines
 * <br>{@code stderrIsTerminal}: whether a progress bar can be drawn
 * <br>{@code stop}: set by SIGINT/SIGTERM
 * <br>{@code clock}: time to first step, logged with {@code --verbose}
 */
final class CliContext {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean verbose;
    private final boolean quiet;
    private final boolean stderrIsTerminal;
    private final StopSignal stop;
    private final StartupClock clock;

    private CliContext(Builder b) {
        out = b.out;
        err = b.err;
        verbose = b.verbose;
        quiet = b.quiet;
        stderrIsTerminal = b.stderrIsTerminal;
        stop = b.stop;
        clock = b.clock != null ? b.clock : StartupClock.startingNow();
    }

    /** @return a builder: not verbose, not quiet, no terminal, a startup clock that starts at {@code build()} */
    static Builder builder() {
        return new Builder();
    }

    /** @return where results for the user go */
    PrintWriter out() {
        return out;
    }

    /** @return where log lines, progress and errors go */
    PrintWriter err() {
        return err;
    }

    /** @return whether to show stack traces and more detail */
    boolean verbose() {
        return verbose;
    }

    /** @return whether to draw no progress bar and log fewer lines */
    boolean quiet() {
        return quiet;
    }

    /** @return whether stderr is a terminal, so a progress bar can be drawn */
    boolean stderrIsTerminal() {
        return stderrIsTerminal;
    }

    /** @return the signal SIGINT and SIGTERM set */
    StopSignal stop() {
        return stop;
    }

    /** @return the clock of the time to the first step */
    StartupClock clock() {
        return clock;
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

    /** Collects a context: the writers and the stop signal are required, the flags default to off. */
    static final class Builder {
        private PrintWriter out;
        private PrintWriter err;
        private boolean verbose;
        private boolean quiet;
        private boolean stderrIsTerminal;
        private StopSignal stop;
        private StartupClock clock;

        private Builder() {
        }

        /** @param value where results for the user go (required) */
        Builder setOut(PrintWriter value) {
            out = Objects.requireNonNull(value, "out");
            return this;
        }

        /** @param value where log lines, progress and errors go (required) */
        Builder setErr(PrintWriter value) {
            err = Objects.requireNonNull(value, "err");
            return this;
        }

        /** @param value whether to show stack traces and more detail (default false) */
        Builder optVerbose(boolean value) {
            verbose = value;
            return this;
        }

        /** @param value whether to draw no progress bar and log fewer lines (default false) */
        Builder optQuiet(boolean value) {
            quiet = value;
            return this;
        }

        /** @param value whether stderr is a terminal (default false: no progress bar) */
        Builder optStderrIsTerminal(boolean value) {
            stderrIsTerminal = value;
            return this;
        }

        /** @param value the signal SIGINT and SIGTERM set (required) */
        Builder setStop(StopSignal value) {
            stop = Objects.requireNonNull(value, "stop");
            return this;
        }

        /** @param value the clock of the time to the first step (default: one that starts at {@link #build()}) */
        Builder optClock(StartupClock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @return the context
         * @throws IllegalStateException when a writer or the stop signal is missing
         */
        CliContext build() {
            if (out == null || err == null || stop == null) {
                throw new IllegalStateException("a CLI context needs its out and err writers and stop signal");
            }
            return new CliContext(this);
        }
    }
}
