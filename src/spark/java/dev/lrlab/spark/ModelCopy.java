package dev.lrlab.spark;

import dev.lrlab.LrlabException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The model folder a task reads: a local path as it is, or a copy on the task's local disk of a folder named by a
 * Hadoop URI ({@code hdfs://}, {@code s3a://}, ... whatever file systems the cluster's Hadoop configuration has).
 * Closing deletes the copy.
 */
final class ModelCopy implements AutoCloseable {
    private final Path path;
    private final Path copyRoot;

    private ModelCopy(Path path, Path copyRoot) {
        this.path = path;
        this.copyRoot = copyRoot;
    }

    /**
     * @param model a local path, a {@code file:} URI or a Hadoop URI
     * @return the model on this machine's disk
     * @throws LrlabException (MODEL) when a URI's folder cannot be copied
     */
    static ModelCopy of(String model) {
        return of(model, new Configuration());
    }

    /**
     * As {@link #of(String)}, with the Hadoop configuration that resolves a URI's file system.
     *
     * @param model a local path, a {@code file:} URI or a Hadoop URI
     * @param hadoop the configuration (the cluster's {@code core-site.xml} and what else is set)
     * @return the model on this machine's disk
     */
    static ModelCopy of(String model, Configuration hadoop) {
        String scheme = scheme(model);
        if (scheme == null) {
            return new ModelCopy(Path.of(model), null);
        }
        if (scheme.equals("file")) {
            return new ModelCopy(Path.of(URI.create(model)), null);
        }
        Path root = null;
        try {
            root = Files.createTempDirectory("lrlab-model");
            org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(model);
            Path local = root.resolve(source.getName().isEmpty() ? "model" : source.getName());
            FileSystem fs = source.getFileSystem(hadoop);
            fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(local.toUri()), true);
            return new ModelCopy(local, root);
        } catch (IOException | RuntimeException e) {
            delete(root);
            throw LrlabException.model("cannot copy the model from " + model + " to this machine's disk: " + e.getMessage()
                    + "; check the URI and that every executor can read it");
        }
    }

    /** @return the scheme of a URI such as {@code hdfs://host/m}; null for a plain path (or a Windows drive) */
    static String scheme(String model) {
        try {
            String scheme = new URI(model).getScheme();
            return scheme == null || scheme.length() < 2 ? null : scheme;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** @return the model folder on this machine */
    Path path() {
        return path;
    }

    @Override
    public void close() {
        delete(copyRoot);
    }

    private static void delete(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
