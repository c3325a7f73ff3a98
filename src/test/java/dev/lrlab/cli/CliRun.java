package dev.lrlab.cli;

import dev.lrlab.ExitCode;
import dev.lrlab.experiment.StopSignal;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of the command line with captured output.
 *
 * @param code the exit code
 * @param out what went to stdout
 * @param err what went to stderr
 */
record CliRun(ExitCode code, String out, String err) {
    static CliRun of(String... args) {
        return of(new StopSignal(), args);
    }

    static CliRun of(StopSignal stop, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ExitCode code = new Lrlab(new PrintWriter(out), new PrintWriter(err), false, stop).run(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
