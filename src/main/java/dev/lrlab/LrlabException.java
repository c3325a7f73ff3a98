package dev.lrlab;

/**
 * An error the user can cause and fix. Its message is one line that names the thing and the fix;
 * the command line prints it without a stack trace (unless {@code --verbose}) and exits with
 * {@link #exitCode()}.
 */
public class LrlabException extends RuntimeException {
    private final ExitCode exitCode;

    /**
     * @param exitCode the exit status this error maps to
     * @param message one line naming the thing and the fix
     */
    public LrlabException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * @param exitCode the exit status this error maps to
     * @param message one line naming the thing and the fix
     * @param cause the underlying failure, shown with {@code --verbose}
     */
    public LrlabException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** @return the exit status for this error */
    public ExitCode exitCode() {
        return exitCode;
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

    /** Shorthand for a {@link ExitCode#DATA} error. */
    public static LrlabException data(String message) {
        return new LrlabException(ExitCode.DATA, message);
    }

    /** Shorthand for a {@link ExitCode#MODEL} error. */
    public static LrlabException model(String message) {
        return new LrlabException(ExitCode.MODEL, message);
    }

    /** Shorthand for a {@link ExitCode#USAGE} error. */
    public static LrlabException usage(String message) {
        return new LrlabException(ExitCode.USAGE, message);
    }

    /**
     * A {@link ExitCode#WRITE_FAILED} error for a failure while writing {@code file}: "no space left on device in
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
            return new LrlabException(ExitCode.WRITE_FAILED, "no space left on device in " + dir + " while writing " + name
                    + "; free space or choose another output location", cause);
        }
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + " " + firstLine(cause);
        return new LrlabException(ExitCode.WRITE_FAILED, "cannot write " + name + " in " + dir + ": " + reason
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

    /** Shorthand for a {@link ExitCode#OUTPUT} error. */
    public static LrlabException output(String message) {
        return new LrlabException(ExitCode.OUTPUT, message);
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
