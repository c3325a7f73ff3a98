package dev.lrlab.cli;

import dev.lrlab.experiment.StopSignal;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the lrlab command line in-process with string writers, for tests. */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Lrlab(new PrintWriter(out), new PrintWriter(err), false, new StopSignal()).run(args).code();
        return new CliRun(code, out.toString(), err.toString());
    }

    /** @return the last line written to stderr (the error, for failed runs) */
    String lastErrorLine() {
        String[] lines = err.strip().split("\n");
        return lines[lines.length - 1];
    }
}
