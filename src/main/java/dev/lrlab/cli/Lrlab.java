package dev.lrlab.cli;

import dev.lrlab.LrlabException;
import dev.lrlab.run.StopSignal;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * The {@code lrlab} command line: picks the subcommand, parses its options, runs it and turns user errors
 * into one line on stderr and a documented exit code (stack traces only with {@code --verbose}).
 */
public final class Lrlab {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean stderrIsTerminal;
    private final StopSignal stop;
    private final Map<String, Command> commands = new LinkedHashMap<>();
    private StartupClock clock;

    /**
     * @param out where results go
     * @param err where logs and errors go
     * @param stderrIsTerminal whether progress bars may be drawn
     * @param stop the signal SIGINT/SIGTERM set
     */
    public Lrlab(PrintWriter out, PrintWriter err, boolean stderrIsTerminal, StopSignal stop) {
        this.out = out;
        this.err = err;
        this.stderrIsTerminal = stderrIsTerminal;
        this.stop = stop;
        for (Command command : List.of(new RangeTestCommand(), new SuggestCommand(), new InspectCommand(), new FitCommand(),
                new TrainCommand(),
                new HypergradientCommand(), new ScheduleCommand(), new SearchCommand(), new DevicesCommand())) {
            commands.put(command.name(), command);
        }
    }

    /** @param args the command line */
    public static void main(String[] args) {
        Instant entered = Instant.now();
        StopSignal stop = new StopSignal();
        SignalHandlers.install(stop);
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Lrlab lrlab = new Lrlab(out, err, StderrTerminal.isTerminal(), stop);
        lrlab.clock = new StartupClock(entered);
        int code = lrlab.run(args).code();
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * @param args the command line
     * @return the exit code
     */
    public ExitCode run(String... args) {
        List<String> arguments = Arrays.asList(args);
        boolean verbose = arguments.contains("--verbose") || arguments.contains("-v");
        if (arguments.isEmpty() || arguments.get(0).equals("--help") || arguments.get(0).equals("-h")
                || arguments.get(0).equals("help")) {
            printCommands();
            return arguments.isEmpty() ? ExitCode.USAGE : ExitCode.OK;
        }
        Command command = commands.get(arguments.get(0));
        if (command == null) {
            err.println("lrlab: unknown command '" + arguments.get(0) + "'; run 'lrlab --help' for the list");
            err.flush();
            return ExitCode.USAGE;
        }
        Options options = withGlobalOptions(command.options());
        try {
            CommandLine line = new DefaultParser().parse(options, Arrays.copyOfRange(args, 1, args.length), false);
            if (line.hasOption("help")) {
                printHelp(command, options);
                return ExitCode.OK;
            }
            CliContext.Builder contextBuilder = CliContext.builder().setOut(out).setErr(err).optVerbose(verbose)
                    .optQuiet(line.hasOption("quiet")).optStderrIsTerminal(stderrIsTerminal).setStop(stop);
            if (clock != null) {
                contextBuilder.optClock(clock);
            }
            CliContext context = contextBuilder.build();
            ExitCode code = command.run(line, context);
            out.flush();
            return code;
        } catch (ParseException e) {
            return fail(ExitCode.USAGE, e.getMessage() + "; run 'lrlab " + command.name() + " --help'", e, verbose);
        } catch (LrlabException e) {
            return fail(ExitCode.of(e.kind()), e.getMessage(), e, verbose);
        } catch (RuntimeException | OutOfMemoryError e) {
            return fail(ExitCode.INTERNAL, "internal error: " + e + (verbose ? "" : " (run with --verbose for details)"), e, verbose);
        }
    }

    /** Reports a failure in the command line's words (settings as flags) and returns its exit code. */
    private ExitCode fail(ExitCode code, String message, Throwable cause, boolean verbose) {
        out.flush();
        err.println("lrlab: " + Flags.inFlags(message));
        if (verbose) {
            cause.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static Options withGlobalOptions(Options options) {
        Options all = new Options();
        options.getOptions().forEach(all::addOption);
        all.addOption(Option.builder().longOpt("verbose").desc("show stack traces and details").build());
        all.addOption(Option.builder().longOpt("quiet").desc("no progress bar and fewer log lines").build());
        all.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
        return all;
    }

    private void printCommands() {
        out.println("usage: lrlab COMMAND [options]   (lrlab COMMAND --help for its options)");
        out.println();
        commands.values().forEach(c -> out.printf("  %-14s %s%n", c.name(), c.summary()));
        out.println();
        out.println("exit codes: 0 ok, 1 internal error, 2 usage, 3 data, 4 model, 5 diverged, 6 output exists or unusable, 7 write failed, 130 interrupted");
        out.flush();
    }

    private void printHelp(Command command, Options options) {
        HelpFormatter formatter = HelpFormatter.builder().get();
        formatter.printHelp(out, 100, "lrlab " + command.name() + " " + command.usage(), command.summary(), options, 2, 4, "");
        out.flush();
    }
}
