package dev.lrlab.cli;

import dev.lrlab.run.RunSpec;
import dev.lrlab.search.SearchConfig;
import dev.lrlab.search.TrialRecipe;
import dev.lrlab.train.OptimizerKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.commons.cli.CommandLine;

/**
 * A search's command line as a {@link TrialRecipe}: a cluster task parses the same options again and makes the same
 * spec and settings, with the model at the task's local copy. The data and labels files are made absolute here, so
 * that a task whose working folder differs (a standalone worker's) reads the same files.
 */
final class SearchRecipe implements TrialRecipe {
    private static final long serialVersionUID = 1L;
    /** Options that hold a path the trial reads. */
    private static final Set<String> PATH_OPTIONS = Set.of("data", "labels");
    /** Options about where the search runs and writes, not about its trials. */
    private static final Set<String> DRIVER_OPTIONS = Set.of("engine", "master", "executor-model", "out-dir", "force",
            "range-test", "parallel");

    private final String[] arguments;

    private SearchRecipe(String[] arguments) {
        this.arguments = arguments;
    }

    /**
     * @param line the search's parsed command line
     * @return its recipe
     */
    static SearchRecipe of(CommandLine line) {
        List<String> arguments = CommandReplay.arguments(line, DRIVER_OPTIONS, PATH_OPTIONS, true);
        return new SearchRecipe(arguments.toArray(String[]::new));
    }

    /** @return the options a task parses, without the model (for tests) */
    List<String> arguments() {
        return List.of(arguments);
    }

    private CommandLine line() {
        return CommandReplay.parse(new SearchCommand().options(), arguments, "a search");
    }

    @Override
    public RunSpec spec(Path model) {
        CommandLine line = line();
        return RunOptions.spec(line, OptimizerKind.SGD, model, Path.of(line.getOptionValue("data")),
                line.getOptionValue("label"));
    }

    @Override
    public SearchConfig config(RunSpec spec) {
        return SearchCommand.config(line()).toBuilder().optMomentum(spec.compile().momentum().value()).build();
    }
}
