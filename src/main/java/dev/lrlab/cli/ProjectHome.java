package dev.lrlab.cli;

import dev.lrlab.LrlabException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the bundled demo models and data samples are: the {@code lrlab.home} system property (the launcher
 * sets it to the project root), else the current directory.
 */
final class ProjectHome {
    /** The system property the launcher sets. */
    static final String PROPERTY = "lrlab.home";
    /** The bundled model a range test uses when none is given. */
    static final String DEFAULT_MODEL = "models/digits-mlp";
    /** The bundled data a range test uses when none is given. */
    static final String DEFAULT_DATA = "data-samples/digits.csv";
    /** The label column of {@link #DEFAULT_DATA}. */
    static final String DEFAULT_LABEL = "label";

    private ProjectHome() {
    }

    /**
     * @param property the value of {@code lrlab.home}, or null
     * @return the folder holding {@code models/} and {@code data-samples/}
     * @throws LrlabException (USAGE) when the bundled model and data are not there
     */
    static Path resolve(String property) {
        Path root = property == null || property.isBlank() ? Path.of("") : Path.of(property);
        if (!Files.isRegularFile(root.resolve(DEFAULT_MODEL).resolve("saved_model.pb"))
                || !Files.isRegularFile(root.resolve(DEFAULT_DATA))) {
            String where = root.toString().isEmpty() ? "the current directory" : root.toString();
            throw LrlabException.usage("the bundled " + DEFAULT_MODEL + " and " + DEFAULT_DATA + " are not in " + where
                    + "; run from the lrlab folder, set -D" + PROPERTY + "=DIR, or pass MODEL_DIR --data FILE --label COLUMN");
        }
        return root;
    }

    /** @return the folder from the {@code lrlab.home} property or the current directory */
    static Path find() {
        return resolve(System.getProperty(PROPERTY));
    }
}
