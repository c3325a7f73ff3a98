package dev.lrlab.report;

import dev.lrlab.LrlabException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder a run writes into: created when missing, refused when it already holds files unless
 * {@code force} is given, and named {@code <parent>/<kind>-<yyyyMMdd-HHmmss>} when the user gives none.
 *
 * <p>With {@code force}, an existing folder is reused as it is: nothing in it is deleted, and each
 * writer replaces only the files it writes. Files of an earlier run that this run does not write stay.
 * The commands write through a {@link StagedOutput} instead, which keeps earlier results whole until a run
 * has finished; they use this class for {@link #defaultPath default names}.
 */
public final class OutputDirectory {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    private static final Pattern KIND = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private OutputDirectory() {
    }

    /**
     * Makes sure {@code dir} exists and may be written into.
     *
     * @param dir the output folder; missing parents are created
     * @param force whether a folder that already holds files may be reused
     * @return {@code dir}
     * @throws LrlabException (OUTPUT) when {@code dir} is a file, is non-empty without force, or cannot be created
     */
    public static Path prepare(Path dir, boolean force) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw LrlabException.output(dir + " exists and is not a directory; choose another `outDir`");
        }
        try {
            if (Files.isDirectory(dir)) {
                if (!force && !isEmpty(dir)) {
                    throw LrlabException.output(dir + " exists; pass `force` to overwrite or choose another `outDir`");
                }
                return dir;
            }
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new LrlabException(LrlabException.Kind.OUTPUT, "cannot create output directory " + dir + ": "
                    + AtomicFiles.describe(e) + "; choose another `outDir`", e);
        }
    }

    /**
     * A default output folder name that does not exist yet, e.g. {@code runs/range-test-20261128-231500};
     * when that exists, {@code -2}, {@code -3}, ... is appended. Nothing is created.
     *
     * @param parent the folder that holds runs, e.g. {@code runs}
     * @param kind the run kind: lower-case letters and digits in dash-separated words, e.g. {@code range-test}
     * @param time the start time of the run, in the user's local time
     * @return a path under {@code parent} that does not exist
     * @throws IllegalArgumentException when {@code kind} is not of the form above
     */
    public static Path defaultPath(Path parent, String kind, LocalDateTime time) {
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("expected a run kind like 'range-test', found '" + kind + "'");
        }
        String base = kind + "-" + STAMP.format(time);
        Path candidate = parent.resolve(base);
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = parent.resolve(base + "-" + n);
        }
        return candidate;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
