package dev.lrlab.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** One {@code lrlab} subcommand. */
interface Command {
    /** @return the word that selects it, e.g. {@code train} */
    String name();

    /** @return one line for the command list */
    String summary();

    /** @return the usage line after {@code lrlab NAME}, e.g. {@code MODEL_DIR --data FILE [options]} */
    String usage();

    /** @return the options it accepts (the global ones are added by {@link Lrlab}) */
    Options options();

    /**
     * @param line parsed arguments
     * @param context output writers, flags and the stop signal
     * @return the exit code
     */
    ExitCode run(CommandLine line, CliContext context);
}
