package dev.lrlab.cli;

import dev.lrlab.run.StopSignal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/**
 * Runs the command line in-process and keeps what it printed.
 *
 * @param code exit code
 * @param out standard output
 * @param err standard error
 */
record CliRun(ExitCode code, String out, String err) {

    static CliRun of(String... args) {
        return of(new StopSignal(), args);
    }

    /** Runs with a stop signal the test can set. */
    static CliRun of(StopSignal stop, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ExitCode code = new Lrlab(new PrintWriter(out), new PrintWriter(err), false, stop).run(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** @return the project root, where models/ and data-samples/ are */
    static Path root() {
        return Path.of("").toAbsolutePath();
    }

    /** @return the last line written to stderr */
    String lastErrorLine() {
        String[] lines = err.strip().split("\n");
        return lines[lines.length - 1];
    }
}
