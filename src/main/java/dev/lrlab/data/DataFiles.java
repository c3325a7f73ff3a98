package dev.lrlab.data;

import dev.lrlab.LrlabException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** File checks and stream opening shared by the readers. */
final class DataFiles {
    private DataFiles() {
    }

    /**
     * @param file the file to check
     * @param role what the file is, for the message ("data file", "labels file")
     * @throws LrlabException (data) if it does not exist, is a directory or cannot be read
     */
    static void requireReadableFile(Path file, String role) {
        if (!Files.exists(file)) {
            throw LrlabException.data(role + " not found: " + file + " (working directory "
                    + Path.of("").toAbsolutePath() + ")");
        }
        if (Files.isDirectory(file)) {
            throw LrlabException.data(role + " " + file + " is a directory; expected a file");
        }
        if (!Files.isReadable(file)) {
            throw LrlabException.data(role + " " + file + " cannot be read; check its permissions");
        }
    }

    /** @return the first {@code count} bytes of the file (fewer if it is shorter) */
    static byte[] head(Path file, int count) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(count);
        }
    }

    /** @return whether the bytes start with the gzip magic {@code 1f 8b} */
    static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    /** Opens the file, decompressing it when its content starts with the gzip magic (whatever its name). */
    static InputStream openMaybeGzipped(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            raw.mark(2);
            byte[] magic = raw.readNBytes(2);
            raw.reset();
            return isGzip(magic) ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /** @return the first {@code count} bytes of the file's content, decompressed if gzipped */
    static byte[] contentHead(Path file, int count) throws IOException {
        try (InputStream in = openMaybeGzipped(file)) {
            return in.readNBytes(count);
        }
    }

    /** A data error for an I/O failure while reading {@code file}. */
    static LrlabException readFailure(Path file, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new LrlabException(LrlabException.Kind.DATA, "cannot read " + file + ": " + reason, e);
    }
}
