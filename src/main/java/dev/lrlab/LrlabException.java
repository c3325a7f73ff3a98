package dev.lrlab;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error the user can cause and fix. Its message is one line that names the thing and the fix; where the fix is a
 * setting, the message names it by its Java property in backticks (e.g. {@code `batchSize`}), listed by
 * {@link #settings()}, so a front end can show its own name for it instead (the command line shows
 * {@code --batch-size}). The {@link #kind()} says what went wrong; the command line maps each kind to a documented
 * exit code.
 */
public class LrlabException extends RuntimeException {

    /** What went wrong, one value per kind of failure a caller can tell apart and fix. */
    public enum Kind {
        /** A setting is invalid or conflicts with another: out of range, missing, not applicable here. */
        SETTING,
        /** Input data problem: missing file, missing column, bad cell, empty table. */
        DATA,
        /** Model problem: not a SavedModel, unknown signature/input/output, nothing to train, op without gradient. */
        MODEL,
        /** Training diverged: the loss or the learning rate became NaN or infinite. */
        DIVERGED,
        /**
         * An output already exists and overwriting was not asked for, or the output location is unusable (a file
         * where a folder is expected, a folder that cannot be created or written in). Checked before any work.
         */
        OUTPUT,
        /** Writing an output failed after the run had started: the disk is full or another I/O error. */
        WRITE_FAILED,
        /** Stopped on request (a stop signal); what was computed so far is kept. */
        INTERRUPTED,
        /** A bug or an unexpected failure inside lrlab or TensorFlow. */
        INTERNAL
    }

    /** A setting named in a message: its Java property name in backticks, e.g. {@code `batchSize`}. */
    private static final Pattern SETTING = Pattern.compile("`([A-Za-z][A-Za-z0-9]*)`");

    private final Kind kind;

    /**
     * @param kind what went wrong
     * @param message one line naming the thing and the fix; settings in backticks (see {@link #settings()})
     */
    public LrlabException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * @param kind what went wrong
     * @param message one line naming the thing and the fix; settings in backticks (see {@link #settings()})
     * @param cause the underlying failure
     */
    public LrlabException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** @return what went wrong */
    public Kind kind() {
        return kind;
    }

    /**
     * The settings the message names. A message names a setting by its Java property in backticks, e.g.
     * {@code `batchSize` must be at least 1, found 0}, so that a front end can put its own name for the setting in
     * its place (the command line shows {@code --batch-size}); see {@link #settingsIn(String)}.
     *
     * @return the property names, in the order the message first names them; empty when it names none
     */
    public List<String> settings() {
        return settingsIn(getMessage());
    }

    /**
     * The settings a message or advice text names: the property names it puts in backticks.
     *
     * @param text a message, or other text lrlab writes for a user (a reason, a hint)
     * @return the distinct names, in order of first appearance
     */
    public static List<String> settingsIn(String text) {
        if (text == null) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher m = SETTING.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return List.copyOf(names);
    }

    /**
     * The first line of a (TensorFlow) failure's message, for a one-line error.
     *
     * @param cause the failure
     * @return its first line, or "unknown TensorFlow error" when it has no message
     */
    public static String firstLine(Throwable cause) {
        String message = cause.getMessage();
        if (message == null) {
            return "unknown TensorFlow error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Shorthand for a {@link Kind#DATA} error. */
    public static LrlabException data(String message) {
        return new LrlabException(Kind.DATA, message);
    }

    /** Shorthand for a {@link Kind#MODEL} error. */
    public static LrlabException model(String message) {
        return new LrlabException(Kind.MODEL, message);
    }

    /** Shorthand for a {@link Kind#SETTING} error: a setting is invalid or does not apply. */
    public static LrlabException usage(String message) {
        return new LrlabException(Kind.SETTING, message);
    }

    /** Shorthand for a {@link Kind#DIVERGED} error. */
    public static LrlabException diverged(String message) {
        return new LrlabException(Kind.DIVERGED, message);
    }

    /** Shorthand for an {@link Kind#INTERRUPTED} error. */
    public static LrlabException interrupted(String message) {
        return new LrlabException(Kind.INTERRUPTED, message);
    }

    /**
     * A {@link Kind#WRITE_FAILED} error for a failure while writing {@code file}: "no space left on device in
     * DIR while writing NAME; ..." when the disk is full (Java reports ENOSPC as "No space left on device"), else
     * "cannot write NAME in DIR: ...".
     *
     * @param file the file being written
     * @param cause the failure
     * @return the error to throw
     */
    public static LrlabException writeFailed(java.nio.file.Path file, Throwable cause) {
        java.nio.file.Path parent = file.getParent();
        String dir = parent == null ? "." : parent.toString();
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (isNoSpace(cause)) {
            return new LrlabException(Kind.WRITE_FAILED, "no space left on device in " + dir + " while writing " + name
                    + "; free space or choose another output location", cause);
        }
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + " " + firstLine(cause);
        return new LrlabException(Kind.WRITE_FAILED, "cannot write " + name + " in " + dir + ": " + reason
                + "; check the disk and that the folder is writable", cause);
    }

    /**
     * @param failure an exception and its causes
     * @return whether one of them reports ENOSPC ("No space left on device")
     */
    public static boolean isNoSpace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }

    /** Shorthand for an {@link Kind#OUTPUT} error. */
    public static LrlabException output(String message) {
        return new LrlabException(Kind.OUTPUT, message);
    }

    /**
     * A name from a file or the user (a column, a class) for a one-line message: {@link #quoted(String, int)} cut
     * after 80 characters.
     *
     * @param name the name
     * @return it in single quotes, safe to print on one line
     */
    public static String quoted(String name) {
        return quoted(name, 80);
    }

    /**
     * Text from a file for a one-line message: in single quotes, with line breaks, tabs and other control characters
     * escaped (backslash-n, -r, -t, and a backslash-u escape for the others), cut after {@code max} characters.
     *
     * @param text a name or a cell
     * @param max the most characters shown before "..."
     * @return the text in single quotes, on one line
     */
    public static String quoted(String text, int max) {
        StringBuilder sb = new StringBuilder("'");
        int shown = Math.min(text.length(), max);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append(text.length() > max ? "...'" : "'").toString();
    }
}
