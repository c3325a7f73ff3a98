package dev.lrlab.report;

import dev.lrlab.Directories;
import dev.lrlab.LrlabException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The outputs of one run, written into a fresh staging folder beside the target and moved into place only when the
 * run has finished (or was interrupted and keeps what it computed), so that a run that fails leaves earlier results
 * exactly as they were.
 *
 * <p>Made before the model and data are loaded, it checks the target at once: a file where a folder is expected, a
 * folder that holds files without {@code force}, or a location that cannot be created or written in is refused
 * ({@link LrlabException.Kind#OUTPUT}) before any work. The staging folder is a visible sibling named
 * {@code TARGET.partial-yyyyMMdd-HHmmss}, so that one left behind by a crash says what it is.
 *
 * <ul>
 *   <li>{@link #commit()}: every file is synced to the disk, then a target that does not exist is the staging
 *       folder renamed (atomic); into an existing one ({@code force}) each file is renamed, replacing the file of
 *       the same name; files of earlier runs that this run did not write stay.</li>
 *   <li>{@link #abandon(RuntimeException)}: the target is not touched; a staging folder that holds computed rows (a
 *       CSV file with at least one row after its header) is kept and named in the returned error
 *       ("partial results in ..."), an empty one is deleted.</li>
 * </ul>
 *
 * <pre>{@code
 * StagedOutput out = StagedOutput.folder(Path.of("runs/range-test"), force, "outDir");
 * try {
 *     ... write into out.dir() ...
 *     out.commit();
 * } catch (RuntimeException e) {
 *     throw out.abandon(e);
 * } finally {
 *     out.close();
 * }
 * }</pre>
 *
 * <p>The staging folder belongs to the run: writers write into it with {@code force} on, so that a failure there is
 * reported as the write failure it is. Not thread-safe; writers may run on other threads as long as they finish
 * before {@link #commit()}.
 */
public final class StagedOutput implements AutoCloseable {
    /** What the staging folder's name adds to the target's. */
    public static final String PARTIAL = ".partial-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    private static final int HEAD_BYTES = 1 << 16;

    private final Path target;
    private final Map<Path, Path> files;
    private final Path staging;
    private State state = State.OPEN;
    private boolean kept;

    private enum State { OPEN, COMMITTED, ABANDONED }

    private StagedOutput(Path target, Map<Path, Path> files, Path staging) {
        this.target = target;
        this.files = files;
        this.staging = staging;
    }

    /**
     * Writes a whole output folder at once: checks and stages it ({@link #folder}), lets {@code files} write into the
     * staging folder, and commits; on a failure abandons the staging folder (the target is left as it was) and
     * rethrows.
     *
     * @param target the folder the files end up in; missing parents are created
     * @param force whether a folder that already holds files may receive these files
     * @param setting the setting that names the folder, for messages
     * @param files writes the files into the staged output
     * @return {@code target}
     * @throws LrlabException (OUTPUT) as {@link #folder}; (WRITE_FAILED) when a file cannot be written
     */
    public static Path writeFolder(Path target, boolean force, String setting, Consumer<StagedOutput> files) {
        StagedOutput out = folder(target, force, setting);
        try {
            files.accept(out);
            out.commit();
            return target;
        } catch (RuntimeException e) {
            throw out.abandon(e);
        } finally {
            out.close();
        }
    }

    /**
     * Checks a target folder and creates its staging folder.
     *
     * @param target the folder the run's files end up in; missing parents are created
     * @param force whether a folder that already holds files may receive this run's files
     * @param setting the setting that names the folder, for messages (they say "choose another `outDir`"), e.g.
     *     {@code outDir}
     * @return the staged output; commit or abandon it
     * @throws LrlabException (OUTPUT) when the target is a file, holds files without force, or cannot be written in
     */
    public static StagedOutput folder(Path target, boolean force, String setting) {
        String option = "`" + setting + "`";
        refuseFileAncestor(target, option);
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw LrlabException.output(target + " exists and is not a directory; choose another " + option);
        }
        if (Files.isDirectory(target)) {
            if (!force && !isEmpty(target, option)) {
                throw LrlabException.output(target + " exists; pass `force` to overwrite or choose another " + option);
            }
            probe(target, option);
        }
        Path parent = parentOf(target);
        createDirectories(parent, option);
        return new StagedOutput(target, null, createStaging(parent, target.getFileName().toString(), option));
    }

    /**
     * Checks named target files (e.g. {@code train --out curve.csv} and the summaries beside it) and creates a staging
     * folder beside the first. Only these files count: other files in their folders are never looked at.
     *
     * @param targets the files the run writes, at least one; missing parent folders are created
     * @param force whether existing files of these names may be replaced
     * @return the staged output; write each file to {@link #staged(Path)}, then commit or abandon
     * @throws LrlabException (OUTPUT) when a target is a folder, exists without force, or its folder cannot be written in
     */
    public static StagedOutput files(List<Path> targets, boolean force) {
        return files(targets, force, null);
    }

    /**
     * As {@link #files(List, boolean)}, for targets that one setting names: messages say "choose another `out`"
     * instead of "choose another name".
     *
     * @param targets the files the run writes, at least one; missing parent folders are created
     * @param force whether existing files of these names may be replaced
     * @param setting the setting the targets' names come from, e.g. {@code out}; null for none
     * @return the staged output; write each file to {@link #staged(Path)}, then commit or abandon
     * @throws LrlabException (OUTPUT) when a target is a folder, exists without force, or its folder cannot be written in
     */
    public static StagedOutput files(List<Path> targets, boolean force, String setting) {
        String option = setting == null ? "name" : "`" + setting + "`";
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("expected at least one output file, found none");
        }
        for (Path file : targets) {
            refuseFileAncestor(file, option);
            if (Files.isDirectory(file)) {
                throw LrlabException.output(file + " is a folder; choose another " + option);
            }
            if (!force && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw LrlabException.output(file + " exists; pass `force` to overwrite it or choose another " + option);
            }
        }
        List<Path> parents = new ArrayList<>();
        for (Path file : targets) {
            Path parent = parentOf(file);
            if (!parents.contains(parent)) {
                createDirectories(parent, option);
                parents.add(parent);
            }
        }
        for (Path parent : parents.subList(1, parents.size())) {
            probe(parent, option);
        }
        String first = targets.get(0).getFileName().toString();
        int dot = first.lastIndexOf('.');
        Path staging = createStaging(parents.get(0), dot > 0 ? first.substring(0, dot) : first, option);
        Map<Path, Path> staged = new LinkedHashMap<>();
        for (Path file : targets) {
            String name = file.getFileName().toString();
            Path inStaging = staging.resolve(name);
            if (staged.containsValue(inStaging)) {
                inStaging = staging.resolve(staged.size() + "-" + name);
            }
            staged.put(file, inStaging);
        }
        return new StagedOutput(null, staged, staging);
    }

    /** @return the staging folder, where the run writes */
    public Path dir() {
        return staging;
    }

    /** @return the folder the files end up in: the target folder, or the folder of the first named file */
    public Path target() {
        return target != null ? target : parentOf(files.keySet().iterator().next());
    }

    /**
     * @param name a file name
     * @return where to write the file {@code name} of a folder output
     */
    public Path resolve(String name) {
        return staging.resolve(name);
    }

    /**
     * @param file one of the named target files
     * @return where to write it until the commit
     * @throws IllegalArgumentException when {@code file} is not one of the targets
     */
    public Path staged(Path file) {
        if (files == null || !files.containsKey(file)) {
            throw new IllegalArgumentException("expected one of the output files " + (files == null ? "[]" : files.keySet())
                    + ", found " + file);
        }
        return files.get(file);
    }

    /** @return whether {@link #abandon} kept the staging folder because it holds computed rows */
    public boolean kept() {
        return kept;
    }

    /**
     * Syncs every written file and moves them into place, then removes the staging folder.
     *
     * @throws LrlabException (WRITE_FAILED) when a file cannot be synced or moved; the staging folder is then kept
     *     and named
     * @throws IllegalStateException when already committed or abandoned
     */
    public void commit() {
        if (state != State.OPEN) {
            throw new IllegalStateException("the output in " + staging + " was already " + state.name().toLowerCase(Locale.ROOT));
        }
        Path current = staging;
        try {
            Directories.syncTree(staging);
            if (files != null) {
                for (Map.Entry<Path, Path> e : files.entrySet()) {
                    current = e.getValue();
                    if (Files.exists(e.getValue(), LinkOption.NOFOLLOW_LINKS)) {
                        Directories.rename(e.getValue(), e.getKey().toAbsolutePath());
                        Directories.syncDirectoryQuietly(parentOf(e.getKey()));
                    }
                }
                Directories.deleteRecursively(staging);
            } else if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Directories.rename(staging, target.toAbsolutePath());
                Directories.syncDirectoryQuietly(parentOf(target));
            } else {
                mergeInto(staging, target);
                Directories.syncDirectoryQuietly(target);
                Directories.deleteRecursively(staging);
            }
            state = State.COMMITTED;
        } catch (IOException e) {
            state = State.ABANDONED;
            kept = Files.exists(staging);
            LrlabException failure = LrlabException.writeFailed(current, e);
            throw kept ? new LrlabException(failure.kind(), failure.getMessage() + " (partial results in " + staging
                    + ")", e) : failure;
        }
    }

    /**
     * Gives the run up after a failure: the target is left as it was; the staging folder is kept when it holds
     * computed rows, else deleted. Does nothing (and returns the failure as it is) after a commit.
     *
     * @param failure what went wrong
     * @return the error to throw: an {@link LrlabException} with "(partial results in DIR)" added when the folder was
     *     kept, otherwise {@code failure} itself
     */
    public RuntimeException abandon(RuntimeException failure) {
        if (state != State.OPEN) {
            return failure;
        }
        state = State.ABANDONED;
        kept = holdsRows(staging);
        if (!kept) {
            Directories.deleteQuietly(staging);
            return failure;
        }
        if (failure instanceof LrlabException e && !e.getMessage().contains("partial results in")) {
            return new LrlabException(e.kind(), e.getMessage() + " (partial results in " + staging + ")", e);
        }
        return failure;
    }

    /** Abandons the output when it was neither committed nor abandoned (an {@link Error} went past the caller). */
    @Override
    public void close() {
        if (state == State.OPEN) {
            abandon(new IllegalStateException("not committed"));
        }
    }

    private static void mergeInto(Path from, Path to) throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(from)) {
            entries = list.sorted().toList();
        }
        for (Path entry : entries) {
            Path destination = to.resolve(entry.getFileName().toString());
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) {
                mergeInto(entry, destination);
            } else {
                Directories.rename(entry, destination);
            }
        }
    }

    /** Whether some CSV file under {@code dir} has a row after its header. */
    static boolean holdsRows(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".csv") && Files.isRegularFile(p))
                    .anyMatch(StagedOutput::hasRowAfterHeader);
        } catch (IOException | RuntimeException e) {
            return true; // when in doubt, keep what may be results
        }
    }

    private static boolean hasRowAfterHeader(Path csv) {
        try (InputStream in = Files.newInputStream(csv)) {
            byte[] head = in.readNBytes(HEAD_BYTES);
            int newline = indexOf(head, 0);
            return newline >= 0 && newline + 1 < head.length;
        } catch (IOException e) {
            return true;
        }
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static Path createStaging(Path parent, String name, String option) {
        String base = name + PARTIAL + STAMP.format(LocalDateTime.now());
        for (int n = 1; ; n++) {
            Path candidate = parent.resolve(n == 1 ? base : base + "-" + n);
            try {
                Path created = Files.createDirectory(candidate);
                probe(created, option);
                return created;
            } catch (FileAlreadyExistsException e) {
                if (n >= 1000) {
                    throw unusable(parent, option, e);
                }
            } catch (IOException e) {
                throw unusable(parent, option, e);
            }
        }
    }

    /** Creates and deletes a file in {@code dir}: permission bits alone prove nothing when running as root. */
    private static void probe(Path dir, String option) {
        try {
            Path file = Directories.createTempFile(dir, ".lrlab-probe-", "");
            Files.delete(file);
        } catch (IOException e) {
            throw unusable(dir, option, e);
        }
    }

    private static LrlabException unusable(Path dir, String option, IOException e) {
        return new LrlabException(LrlabException.Kind.OUTPUT, "cannot write in " + dir + ": " + AtomicFiles.describe(e)
                + "; choose another " + option, e);
    }

    private static void createDirectories(Path dir, String option) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LrlabException(LrlabException.Kind.OUTPUT, "cannot create output folder " + dir + ": " + AtomicFiles.describe(e)
                    + "; choose another " + option, e);
        }
    }

    /** A path below a file cannot be created: say which ancestor is the file. */
    private static void refuseFileAncestor(Path path, String option) {
        for (Path p = path.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw LrlabException.output("cannot write " + path + ": " + p + " is a file, not a folder; choose another "
                            + option);
                }
                return;
            }
        }
    }

    private static boolean isEmpty(Path dir, String option) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new LrlabException(LrlabException.Kind.OUTPUT, "cannot read output folder " + dir + ": " + AtomicFiles.describe(e)
                    + "; choose another " + option, e);
        }
    }

    /** The parent as the user wrote it (relative paths stay relative in messages), else the absolute one. */
    private static Path parentOf(Path path) {
        Path parent = path.getParent();
        return parent != null ? parent : path.toAbsolutePath().getParent();
    }
}
