package dev.lrlab.cli;

import dev.lrlab.LrlabException;

/**
 * Process exit codes of the {@code lrlab} command line, one per kind of failure a user can cause.
 * The README lists them; scripts may rely on the numbers. The library below {@code cli} knows nothing of them: its
 * errors carry a {@link LrlabException.Kind}, which {@link #of} maps to a code.
 */
public enum ExitCode {
    /** The command did what it was asked. */
    OK(0),
    /** A bug or an unexpected failure inside lrlab or TensorFlow. */
    INTERNAL(1),
    /** Bad command-line usage: unknown option, missing argument, a number that does not parse. */
    USAGE(2),
    /** Input data problem: missing file, missing column, bad cell, empty table. */
    DATA(3),
    /** Model problem: not a SavedModel, unknown signature/input/output, nothing to train, op without gradient. */
    MODEL(4),
    /** Training diverged: the loss or the learning rate became NaN or infinite. */
    DIVERGED(5),
    /**
     * An output already exists and {@code --force} was not given, or the output location is unusable (a file where a
     * folder is expected, a folder that cannot be created or written in, an export target that holds other files).
     * Checked before the model and data are loaded, so nothing has been computed or written.
     */
    OUTPUT(6),
    /**
     * Writing an output failed after the run had started: the disk is full or another I/O error. Earlier results in
     * the target are untouched; what was computed is kept in the run's {@code .partial-} folder when it holds rows.
     */
    WRITE_FAILED(7),
    /** Stopped by SIGINT or SIGTERM; what was computed so far is kept. */
    INTERRUPTED(130);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /**
     * The one place an error's kind becomes an exit code.
     *
     * @param kind what went wrong
     * @return the exit code documented for it
     */
    public static ExitCode of(LrlabException.Kind kind) {
        return switch (kind) {
            case SETTING -> USAGE;
            case DATA -> DATA;
            case MODEL -> MODEL;
            case DIVERGED -> DIVERGED;
            case OUTPUT -> OUTPUT;
            case WRITE_FAILED -> WRITE_FAILED;
            case INTERRUPTED -> INTERRUPTED;
            case INTERNAL -> INTERNAL;
        };
    }

    /** @return the numeric process exit status */
    public int code() {
        return code;
    }
}
