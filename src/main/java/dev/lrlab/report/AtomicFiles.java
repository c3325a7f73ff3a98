package dev.lrlab.report;

import dev.lrlab.Directories;
import dev.lrlab.LrlabException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Writes files so that a reader sees either the old content or the new,
 * never half of it: the content goes to a temporary sibling first (made with the permissions the umask gives),
 * is synced to the disk, and is then renamed into place.
 *
 * <p>An existing target is refused unless {@code force} is given ({@link LrlabException.Kind#OUTPUT}). The existence check and
 * the rename are two steps, so two processes racing for the same name may both succeed; lrlab does not guard
 * against that. I/O failures while writing become {@link LrlabException}s with {@link LrlabException.Kind#WRITE_FAILED}.
 */
public final class AtomicFiles {

    /** Produces the content of a file onto a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        /**
         * @param out the stream to write to; the caller closes it
         * @throws IOException when writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code bytes} to {@code target} atomically.
     *
     * @param target the file to create or replace; its parent directory must exist
     * @param bytes the full content
     * @param force whether an existing {@code target} may be replaced
     * @throws LrlabException (OUTPUT) when the target exists without force; (WRITE_FAILED) when the write fails
     */
    public static void write(Path target, byte[] bytes, boolean force) {
        write(target, force, out -> out.write(bytes));
    }

    /**
     * Writes {@code text} as UTF-8 to {@code target} atomically.
     *
     * @param target the file to create or replace; its parent directory must exist
     * @param text the full content
     * @param force whether an existing {@code target} may be replaced
     * @throws LrlabException (OUTPUT) when the target exists without force; (WRITE_FAILED) when the write fails
     */
    public static void writeString(Path target, String text, boolean force) {
        write(target, text.getBytes(StandardCharsets.UTF_8), force);
    }

    /**
     * Streams content into a temporary file next to {@code target} and renames it into place.
     * On failure the temporary file is removed and {@code target} is left as it was.
     *
     * @param target the file to create or replace; its parent directory must exist
     * @param force whether an existing {@code target} may be replaced
     * @param writer produces the content
     * @throws LrlabException (OUTPUT) when the target exists without force; (WRITE_FAILED) when the write fails
     */
    public static void write(Path target, boolean force, StreamWriter writer) {
        Path absolute = target.toAbsolutePath();
        refuseExisting(target, force);
        Path dir = absolute.getParent();
        Path temp = null;
        try {
            temp = Directories.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                writer.writeTo(out);
            }
            Directories.sync(temp);
            Directories.rename(temp, absolute);
            temp = null;
            Directories.syncDirectoryQuietly(dir);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw LrlabException.writeFailed(target, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    static void refuseExisting(Path target, boolean force) {
        if (!force && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw LrlabException.output(target + " exists; pass `force` to overwrite or choose another file");
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the original failure is what the user needs to see
        }
    }

    static String describe(IOException e) {
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null ? kind : kind + " " + message;
    }
}
