package dev.lrlab.cli;

import dev.lrlab.LrlabException;
import dev.lrlab.run.PreparedRun;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** The {@code --epochs N | --steps N} pair shared by the commands that train for a while. */
final class RunLength {
    private RunLength() {
    }

    static Options addTo(Options options, int defaultEpochs) {
        options.addOption(RunOptions.value("epochs", "N", "passes over the training rows (default " + defaultEpochs + ")"));
        options.addOption(RunOptions.value("steps", "N", "optimizer steps (instead of --epochs)"));
        return options;
    }

    static long steps(CommandLine line, PreparedRun run, int defaultEpochs) {
        if (line.hasOption("epochs") && line.hasOption("steps")) {
            throw LrlabException.usage("give --epochs or --steps, not both");
        }
        if (line.hasOption("steps")) {
            long steps = Arguments.whole(line, "steps", 0);
            if (steps < 1) {
                throw LrlabException.usage("--steps must be at least 1, found " + steps);
            }
            return steps;
        }
        return Arguments.positiveInt(line, "epochs", defaultEpochs) * (long) run.stepsPerEpoch();
    }
}
