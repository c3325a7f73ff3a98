package dev.lrlab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Moving a finished file or folder into place and deleting folders, for everything lrlab writes whole
 * (exported models, the demo models, files written atomically), so that all of them replace and clean up
 * the same way.
 *
 * <p>Temporary files and folders are made with plain {@link Files#createFile} and {@link Files#createDirectory} on a
 * random name, so they get the permissions the user's umask gives any new file (where
 * {@link Files#createTempFile} would make them private to the owner, and an export unreadable to others).
 */
public final class Directories {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NAME_ATTEMPTS = 100;

    private Directories() {
    }

    /**
     * Creates a new empty file named {@code prefix + random + suffix} in {@code dir}, with the permissions the umask
     * gives; a name that is taken is tried again with another random part.
     *
     * @param dir an existing folder
     * @param prefix the start of the name, e.g. {@code ".summary.json."}
     * @param suffix the end of the name, e.g. {@code ".tmp"}
     * @return the new file
     * @throws IOException when the file cannot be created
     */
    public static Path createTempFile(Path dir, String prefix, String suffix) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return Files.createFile(dir.resolve(prefix + randomPart() + suffix));
            } catch (FileAlreadyExistsException e) {
                if (attempt == NAME_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Creates a new empty folder named {@code prefix + random} in {@code dir}, with the permissions the umask gives;
     * a name that is taken is tried again with another random part.
     *
     * @param dir an existing folder
     * @param prefix the start of the name
     * @return the new folder
     * @throws IOException when the folder cannot be created
     */
    public static Path createTempDirectory(Path dir, String prefix) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return Files.createDirectory(dir.resolve(prefix + randomPart()));
            } catch (FileAlreadyExistsException e) {
                if (attempt == NAME_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static String randomPart() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Forces a file's content to the disk ({@code fsync}), so that a rename after it cannot publish a file whose
     * blocks a power loss would drop.
     *
     * @param file a regular file
     * @throws IOException when the file cannot be opened or synced
     */
    public static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * {@link #sync(Path) Syncs} every regular file under {@code root} (or {@code root} itself when it is a file).
     *
     * @param root a file or folder
     * @throws IOException when a file cannot be synced
     */
    public static void syncTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    sync(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Syncs a folder, so that the renames in it survive a power loss. Best effort: some platforms and file systems
     * cannot open a folder for syncing, and a failure here does not undo a rename that has succeeded.
     *
     * @param dir a folder; may be null
     */
    public static void syncDirectoryQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException ignored) {
            // best effort: the data is already written and renamed
        }
    }

    /**
     * Moves a fully written folder to {@code target}, replacing what is there. An existing {@code target} is
     * first renamed aside, the new folder renamed in, and the old one deleted; if renaming the new one in
     * fails, the old one is put back. {@code finished} should be a sibling of {@code target} (same file
     * system) for the renames to be atomic. Callers decide beforehand whether replacing is allowed.
     *
     * @param finished the complete new folder
     * @param target where it should end up
     * @throws IOException when a rename fails (the old target is then back in place)
     */
    public static void moveIntoPlace(Path finished, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            rename(finished, absolute);
            syncDirectoryQuietly(absolute.getParent());
            return;
        }
        Path aside = createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".old.");
        Files.delete(aside);
        rename(absolute, aside);
        try {
            rename(finished, absolute);
        } catch (IOException e) {
            rename(aside, absolute);
            throw e;
        }
        syncDirectoryQuietly(absolute.getParent());
        deleteQuietly(aside);
    }

    /**
     * Deletes a file or a folder tree; does nothing when {@code path} does not exist.
     *
     * @param path what to delete
     * @throws IOException when something cannot be deleted
     */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Deletes what it can of a file or folder tree, for leftovers whose removal must not hide the outcome the
     * user needs to see (a temporary folder after a failure, an old folder after a successful replace).
     *
     * @param path what to delete; may be null or missing
     */
    public static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            deleteRecursively(path);
        } catch (IOException ignored) {
            // a leftover is harmless; the operation it belonged to has already succeeded or failed
        }
    }

    /**
     * Renames a file or folder, atomically where the file system can, replacing an existing file.
     *
     * @param from what to move
     * @param to its new name, on the same file system for the move to be atomic
     * @throws IOException when the move fails
     */
    public static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
