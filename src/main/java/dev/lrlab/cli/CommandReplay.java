package dev.lrlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * A parsed command line written back as arguments, so that the process that runs one task of it (this JVM, a worker
 * or a cluster task) parses the same options again and makes the same settings: what {@link SearchRecipe} and {@link
 * BatchRecipe} carry.
 */
final class CommandReplay {
    private CommandReplay() {
    }

    /**
     * @param line the parsed command line
     * @param left options not written (about where the command runs and writes, not about its tasks)
     * @param paths options whose values are paths a task reads
     * @param absolute whether those paths are made absolute (for a task whose working folder may differ)
     * @return the options given, as arguments, in the order parsed
     */
    static List<String> arguments(CommandLine line, Set<String> left, Set<String> paths, boolean absolute) {
        List<String> arguments = new ArrayList<>();
        for (Option option : line.getOptions()) {
            String name = option.getLongOpt() != null ? option.getLongOpt() : option.getOpt();
            if (left.contains(name)) {
                continue;
            }
            String flag = option.getLongOpt() != null ? "--" + name : "-" + name;
            if (!option.hasArg()) {
                arguments.add(flag);
                continue;
            }
            for (String value : option.getValues()) {
                arguments.add(flag);
                arguments.add(absolute && paths.contains(name) ? Path.of(value).toAbsolutePath().toString() : value);
            }
        }
        return arguments;
    }

    /**
     * @param options the command's options
     * @param arguments what {@link #arguments} wrote
     * @param what the command, for the message of a bug ("a search")
     * @return the command line parsed again
     * @throws IllegalStateException when they do not parse: the options were parsed once already, so that is a bug
     */
    static CommandLine parse(Options options, String[] arguments, String what) {
        try {
            return new DefaultParser().parse(options, arguments, false);
        } catch (ParseException e) {
            throw new IllegalStateException(what + "'s own options did not parse again: " + e.getMessage(), e);
        }
    }
}
