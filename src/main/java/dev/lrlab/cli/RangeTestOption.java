package dev.lrlab.cli;

import dev.lrlab.LrlabException;
import dev.lrlab.rangetest.RangeTestSummary;
import dev.lrlab.schedule.LearningRateSchedule;
import dev.lrlab.schedule.ScheduleSpec;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/**
 * {@code --from-range-test summary.json}, shared by {@code train} and {@code schedule}: fills a schedule's
 * {@code base} and {@code max} from a range test's cyclical bounds ({@code suggestions.cyclic.base_lr} and
 * {@code max_lr}); keys written in the spec win.
 */
final class RangeTestOption {
    static final String NAME = "from-range-test";

    private RangeTestOption() {
    }

    /** @return the option */
    static Option option() {
        return RunOptions.value(NAME, "SUMMARY", "fill the schedule's base and max from a range test's summary.json "
                + "(cyclic base_lr and max_lr); values in the spec win");
    }

    /**
     * @param line parsed arguments
     * @return {@code base} and {@code max} from the range test named by the option, or nothing without it
     * @throws LrlabException (data) when the summary is missing or lacks the bounds
     */
    static Map<String, Double> defaults(CommandLine line) {
        return line.hasOption(NAME) ? RangeTestSummary.read(Path.of(line.getOptionValue(NAME))).cyclicDefaults() : Map.of();
    }

    /**
     * @param line parsed arguments
     * @param spec the schedule spec
     * @param totalSteps the run's total steps
     * @param specOption how the spec was given, for messages, e.g. {@code SPEC}
     * @return the schedule, with {@code base} and {@code max} filled from the range test when the option is given
     * @throws LrlabException (usage) for a bad spec; (data) when the summary lacks the bounds
     */
    static LearningRateSchedule parse(CommandLine line, String spec, long totalSteps, String specOption) {
        Map<String, Double> defaults = defaults(line);
        try {
            return ScheduleSpec.parse(spec, totalSteps, defaults);
        } catch (IllegalArgumentException e) {
            throw LrlabException.usage(specOption + ": " + e.getMessage());
        }
    }
}
