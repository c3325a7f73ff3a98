package dev.lrlab.cli;

import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.rangetest.batch.RangeTestRecipe;
import dev.lrlab.run.RunSpec;
import dev.lrlab.train.OptimizerKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.cli.CommandLine;

/**
 * One range test of a batch's command line as a {@link RangeTestRecipe}: the process that runs it (this JVM or a
 * cluster task) parses the same options again, with this test's data file, and makes the spec and sweep that
 * {@code lrlab range-test MODEL_DIR --data FILE} would, with the model at that process's copy. A task's recipe has the
 * data and labels files made absolute, so that a task whose working folder differs (a standalone worker's) reads the
 * same files; the batch's own (for the report) keeps them as given, as the summary of a single range test does.
 */
final class BatchRecipe implements RangeTestRecipe {
    private static final long serialVersionUID = 1L;
    /** Options that hold a path the test reads. */
    private static final Set<String> PATH_OPTIONS = Set.of("labels");
    /** Options about where the batch runs and writes, and the data files (each recipe has one). */
    private static final Set<String> DRIVER_OPTIONS = Set.of("engine", "master", "executor-models", "out-dir", "force",
            "data");

    private final String[] arguments;

    private BatchRecipe(String[] arguments) {
        this.arguments = arguments;
    }

    /**
     * @param line the batch's parsed command line
     * @param data this test's data file
     * @param forTasks whether the paths are made absolute (for the process that runs the test)
     * @return its recipe
     */
    static BatchRecipe of(CommandLine line, Path data, boolean forTasks) {
        List<String> arguments = new ArrayList<>(CommandReplay.arguments(line, DRIVER_OPTIONS, PATH_OPTIONS, forTasks));
        arguments.add("--data");
        arguments.add((forTasks ? data.toAbsolutePath() : data).toString());
        return new BatchRecipe(arguments.toArray(String[]::new));
    }

    /** @return the options a test parses, without the model (for tests) */
    List<String> arguments() {
        return List.of(arguments);
    }

    private CommandLine line() {
        return CommandReplay.parse(new RangeTestCommand().options(), arguments, "a range test");
    }

    @Override
    public RunSpec spec(Path model) {
        CommandLine line = line();
        return RunOptions.spec(line, OptimizerKind.SGD, model, Path.of(line.getOptionValue("data")),
                line.getOptionValue("label"));
    }

    @Override
    public RangeTestConfig config(RunSpec spec) {
        return RangeTestCommand.config(line(), spec.compile().momentum().value());
    }
}
