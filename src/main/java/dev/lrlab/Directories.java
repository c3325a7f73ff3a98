package dev.lrlab;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Moving a finished file or folder into place and deleting folders, for everything lrlab writes whole
 * (exported models, the demo models, files written atomically), so that all of them replace and clean up
 * the same way.
 */
public final class Directories {
    private Directories() {
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
            return;
        }
        Path aside = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".old.");
        Files.delete(aside);
        rename(absolute, aside);
        try {
            rename(finished, absolute);
        } catch (IOException e) {
            rename(aside, absolute);
            throw e;
        }
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
