package dev.lrlab.model;

import dev.lrlab.Directories;
import dev.lrlab.LrlabException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.types.TString;

/**
 * Exports a trained model as a new SavedModel: the original {@code saved_model.pb} (so every signature is
 * kept as it was), its assets, and a fresh checkpoint written by the model's own saver from the training
 * session. Written into a visible sibling {@code TARGET.partial-RANDOM} (files made with the permissions the
 * umask gives, each synced to the disk), then swapped in whole: an old export stays intact until the new one is
 * complete.
 *
 * <p>A target that holds anything but a SavedModel's own files ({@link #SAVED_MODEL_ENTRIES}) is refused even
 * when replacing is allowed, so that an export never deletes other files.
 */
public final class ModelExporter {
    /** What a SavedModel folder may hold; a target with anything else is never replaced. */
    public static final Set<String> SAVED_MODEL_ENTRIES = Set.of("saved_model.pb", "saved_model.pbtxt", "variables",
            "assets", "assets.extra", "fingerprint.pb", "keras_metadata.pb");
    /** Files of the source folder that are not copied: the old checkpoint, and a fingerprint of it. */
    private static final Set<String> NOT_COPIED = Set.of("variables", "fingerprint.pb");

    private ModelExporter() {
    }

    /**
     * Checks, writes and swaps in an export: {@link #checkTarget}, {@link #stage}, {@link #moveIntoPlace}.
     *
     * @param source the SavedModel folder the model was loaded from
     * @param saver the model's {@code SaverDef} (from its MetaGraphDef)
     * @param session the session holding the trained values
     * @param target the folder to create
     * @param force replace an existing SavedModel target
     * @throws LrlabException (OUTPUT) when the target is refused; (MODEL) when the model has no saver;
     *     (WRITE_FAILED) when writing fails
     */
    public static void export(Path source, SaverDef saver, Session session, Path target, boolean force) {
        checkTarget(target, force);
        moveIntoPlace(stage(source, saver, session, target), target);
    }

    /**
     * Fails early, before any training, when the export would be refused: the target is a file, holds anything
     * but a SavedModel (even with force), is a SavedModel and force is off, or its parent folder is missing or
     * cannot be written in (a real file is created and deleted there).
     *
     * @param target the folder the export will create
     * @param force whether an existing SavedModel folder may be replaced
     * @throws LrlabException (OUTPUT) naming the target and the fix
     */
    public static void checkTarget(Path target, boolean force) {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw LrlabException.output("export target " + target + " is a file; choose another `exportTarget`");
        }
        if (Files.isDirectory(target)) {
            List<String> other = new ArrayList<>();
            try (var entries = Files.list(target)) {
                entries.map(p -> p.getFileName().toString()).filter(n -> !SAVED_MODEL_ENTRIES.contains(n)).sorted()
                        .forEach(other::add);
            } catch (IOException e) {
                throw new LrlabException(LrlabException.Kind.OUTPUT, "cannot read export target " + target + ": " + e.getMessage()
                        + "; choose another `exportTarget`", e);
            }
            if (!other.isEmpty()) {
                throw LrlabException.output("export target " + target + " holds files that are not part of a SavedModel ("
                        + String.join(", ", other.subList(0, Math.min(5, other.size()))) + (other.size() > 5 ? ", ..." : "")
                        + "); an export replaces the whole folder, so choose another `exportTarget`");
            }
            if (!force) {
                throw LrlabException.output("export target " + target + " already exists; pass `force` to replace it or "
                        + "choose another `exportTarget`");
            }
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw LrlabException.output("the folder " + target.toAbsolutePath().getParent() + " that should hold export target "
                    + target + " does not exist; create it or choose another `exportTarget`");
        }
        try {
            Files.delete(Directories.createTempFile(parent, ".lrlab-probe-", ""));
        } catch (IOException e) {
            throw new LrlabException(LrlabException.Kind.OUTPUT, "cannot write in " + parent + " (for export target " + target + "): "
                    + e.getMessage() + "; choose another `exportTarget`", e);
        }
    }

    /**
     * Writes the export into a new sibling folder {@code TARGET.partial-RANDOM} and syncs its files.
     *
     * @param source the SavedModel folder the model was loaded from
     * @param saver the model's {@code SaverDef}
     * @param session the session holding the trained values
     * @param target the folder the export is for
     * @return the written folder; pass it to {@link #moveIntoPlace} (or delete it)
     * @throws LrlabException (MODEL) when the model has no saver; (WRITE_FAILED) when writing fails (nothing is left)
     */
    public static Path stage(Path source, SaverDef saver, Session session, Path target) {
        if (saver.getFilenameTensorName().isEmpty() || saver.getSaveTensorName().isEmpty()) {
            throw LrlabException.model("the model has no saver (saver_def is empty), so its variables cannot be written; "
                    + "re-save it with tf.saved_model.save or a TF1 Saver");
        }
        Path parent = target.toAbsolutePath().getParent();
        Path temporary = null;
        Path current = target;
        try {
            temporary = Directories.createTempDirectory(parent, target.getFileName() + ".partial-");
            current = temporary;
            copyModelFiles(source, temporary);
            Path variables = Files.createDirectory(temporary.resolve("variables"));
            current = variables.resolve("variables");
            try (TString prefix = TString.scalarOf(variables.resolve("variables").toString())) {
                session.runner().feed(saver.getFilenameTensorName(), prefix).fetch(saver.getSaveTensorName()).run().close();
            } catch (TensorFlowException e) {
                throw LrlabException.writeFailed(current, e);
            }
            Directories.syncTree(temporary);
            Path done = temporary;
            temporary = null;
            return done;
        } catch (IOException e) {
            throw LrlabException.writeFailed(current, e);
        } finally {
            if (temporary != null) {
                Directories.deleteQuietly(temporary);
            }
        }
    }

    /**
     * Swaps a written export in: an existing target is renamed aside, the new folder renamed in, the old one deleted;
     * if that fails the old one is put back and the new one deleted.
     *
     * @param staged the folder {@link #stage} wrote
     * @param target where it goes
     * @throws LrlabException (WRITE_FAILED) when the rename fails
     */
    public static void moveIntoPlace(Path staged, Path target) {
        try {
            Directories.moveIntoPlace(staged, target);
        } catch (IOException e) {
            Directories.deleteQuietly(staged);
            throw LrlabException.writeFailed(target, e);
        }
    }

    private static void copyModelFiles(Path source, Path destination) throws IOException {
        try (var entries = Files.list(source)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (!NOT_COPIED.contains(entry.getFileName().toString())) {
                    copyTree(entry, destination.resolve(entry.getFileName().toString()));
                }
            }
        }
    }

    /** Copies as new files (not {@link Files#copy}, which would keep the source's mode), so the umask applies. */
    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                try (InputStream in = Files.newInputStream(file);
                        OutputStream out = Files.newOutputStream(to.resolve(from.relativize(file).toString()),
                                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    in.transferTo(out);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
