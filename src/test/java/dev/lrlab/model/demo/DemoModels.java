package dev.lrlab.model.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line entry that writes the demo SavedModels.
 *
 * <pre>
 * DemoModels [OUTPUT_DIR]              every committed model into OUTPUT_DIR/NAME (default: models)
 * DemoModels --fashion-mnist DIR       only the Fashion-MNIST MLP, as the SavedModel folder DIR
 * DemoModels --only NAME[,NAME] [OUTPUT_DIR]   the named models (any in {@link DemoModel})
 * </pre>
 *
 * <p>The output is deterministic: the same command writes the same weights every time.
 */
public final class DemoModels {

    /** Folder written when no {@code OUTPUT_DIR} is given. */
    public static final String DEFAULT_OUTPUT_DIR = "models";

    private static final String USAGE = "usage: DemoModels [--only NAME[,NAME...]] [OUTPUT_DIR]"
            + " | DemoModels --fashion-mnist DIR";

    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * @param out where progress lines go
     * @param err where usage errors go
     */
    public DemoModels(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Exit status: the models were written. */
    public static final int OK = 0;
    /** Exit status: bad arguments (lrlab's usage status). */
    public static final int BAD_ARGUMENTS = 2;
    /** Exit status: a folder cannot be written (lrlab's output status). */
    public static final int CANNOT_WRITE = 6;

    /**
     * Runs the command and exits the JVM with its status.
     *
     * @param args see the class description
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(new DemoModels(out, err).run(args));
    }

    /**
     * Parses {@code args} and writes the models.
     *
     * @param args see the class description
     * @return the process exit status, as lrlab's command line numbers them: {@link #OK}, {@link #BAD_ARGUMENTS}, or
     *     {@link #CANNOT_WRITE} if a folder cannot be written
     */
    public int run(String... args) {
        List<Job> jobs;
        try {
            jobs = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("DemoModels: " + e.getMessage());
            err.println(USAGE);
            err.flush();
            return BAD_ARGUMENTS;
        }
        for (Job job : jobs) {
            try {
                DemoModelExporter.export(job.model().spec(), job.dir());
            } catch (IOException e) {
                err.println("DemoModels: cannot write " + job.dir() + " (" + e.getMessage()
                        + "); choose a writable OUTPUT_DIR");
                err.flush();
                return CANNOT_WRITE;
            }
            out.printf("wrote %s (%,d parameters)%n", job.dir(), job.model().spec().parameterCount());
        }
        out.flush();
        return OK;
    }

    private record Job(DemoModel model, Path dir) {
    }

    private static List<Job> parse(String[] args) {
        Path fashionDir = null;
        List<DemoModel> selected = null;
        Path outputDir = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--fashion-mnist" -> fashionDir = Path.of(value(args, ++i, arg));
                case "--only" -> {
                    selected = new ArrayList<>();
                    for (String name : value(args, ++i, arg).split(",")) {
                        selected.add(DemoModel.byFolderName(name.trim()));
                    }
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("expected --only or --fashion-mnist, found " + arg);
                    }
                    if (outputDir != null) {
                        throw new IllegalArgumentException(
                                "expected one OUTPUT_DIR, found " + outputDir + " and " + arg);
                    }
                    outputDir = Path.of(arg);
                }
            }
        }
        List<Job> jobs = new ArrayList<>();
        if (fashionDir == null || outputDir != null || selected != null) {
            Path dir = outputDir == null ? Path.of(DEFAULT_OUTPUT_DIR) : outputDir;
            for (DemoModel model : selected == null ? DemoModel.committedModels() : selected) {
                jobs.add(new Job(model, dir.resolve(model.folderName())));
            }
        }
        if (fashionDir != null) {
            jobs.add(new Job(DemoModel.FASHION_MNIST_MLP, fashionDir));
        }
        return jobs;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException("expected a value after " + option + ", found none");
        }
        return args[i];
    }
}
