package dev.lrlab.model;

import dev.lrlab.Directories;
import dev.lrlab.ExitCode;
import dev.lrlab.LrlabException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.types.TString;

/**
 * Exports a trained model as a new SavedModel: the original {@code saved_model.pb} (so every signature is
 * kept as it was), its assets, and a fresh checkpoint written by the model's own saver from the training
 * session. Written into a temporary folder beside the target and renamed into place.
 */
public final class ModelExporter {
    /** Files of the source folder that are not copied: the old checkpoint, and a fingerprint of it. */
    private static final Set<String> NOT_COPIED = Set.of("variables", "fingerprint.pb");

    private ModelExporter() {
    }

    /**
     * @param source the SavedModel folder the model was loaded from
     * @param saver the model's {@code SaverDef} (from its MetaGraphDef)
     * @param session the session holding the trained values
     * @param target the folder to create
     * @param force replace an existing target
     * @throws LrlabException when the target exists without force, the model has no saver, or writing fails
     */
    public static void export(Path source, SaverDef saver, Session session, Path target, boolean force) {
        refuseExisting(target, force);
        if (saver.getFilenameTensorName().isEmpty() || saver.getSaveTensorName().isEmpty()) {
            throw LrlabException.model("the model has no saver (saver_def is empty), so its variables cannot be written; "
                    + "re-save it with tf.saved_model.save or a TF1 Saver");
        }
        Path parent = target.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            Files.createDirectories(parent);
            temporary = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
            copyModelFiles(source, temporary);
            Path variables = Files.createDirectories(temporary.resolve("variables"));
            try (TString prefix = TString.scalarOf(variables.resolve("variables").toString())) {
                session.runner().feed(saver.getFilenameTensorName(), prefix).fetch(saver.getSaveTensorName()).run().close();
            } catch (TensorFlowException e) {
                throw new LrlabException(ExitCode.OUTPUT, "cannot write the variables of the exported model: "
                        + LrlabException.firstLine(e), e);
            }
            Directories.moveIntoPlace(temporary, target);
            temporary = null;
        } catch (IOException e) {
            throw new LrlabException(ExitCode.OUTPUT, "cannot export the model to " + target + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                Directories.deleteQuietly(temporary);
            }
        }
    }

    /**
     * Fails early, before any training, when the export would be refused.
     *
     * @param target the folder the export will create
     * @param force whether an existing folder may be replaced
     * @throws LrlabException (OUTPUT) when the target exists and force is off
     */
    public static void refuseExisting(Path target, boolean force) {
        if (Files.exists(target) && !force) {
            throw LrlabException.output("export target " + target + " already exists; pass --force to replace it or choose another --export");
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

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
