package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.data.WindowSpec;
import dev.lrlab.fit.FitConfig;
import dev.lrlab.model.SessionOptions;
import dev.lrlab.model.inline.UnrollSettings;
import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.run.CompileSettings;
import dev.lrlab.run.RunSpec;
import dev.lrlab.search.SearchConfig;
import dev.lrlab.suggest.LossSmoother;
import dev.lrlab.train.HypergradientSettings;
import dev.lrlab.training.TrainSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every default a command's {@code --help} states is the builder's constant: the help of each command is read, each
 * number after "default" or "else" in an option's description is checked against the constant it stands for, and a
 * number the table below does not know fails the test (a default typed into the help by hand).
 */
class HelpDefaultsTest {
    /** Option to the defaults its description states, in order. */
    private static final Map<String, List<Object>> SHARED = Map.ofEntries(
            Map.entry("batch-size", List.of(RunSpec.DEFAULT_BATCH_SIZE)),
            Map.entry("seed", List.of(RunSpec.DEFAULT_SEED)),
            Map.entry("val-fraction", List.of(RunSpec.DEFAULT_VALIDATION_FRACTION)),
            Map.entry("weight-decay", List.of(RunSpec.DEFAULT_WEIGHT_DECAY)),
            Map.entry("signature", List.of(RunSpec.DEFAULT_SIGNATURE)),
            Map.entry("beta", List.of(HypergradientSettings.SGD_BETA, HypergradientSettings.ADAM_BETA)),
            Map.entry("beta2", List.of(CompileSettings.DEFAULT_BETA2)),
            Map.entry("epsilon", List.of(CompileSettings.DEFAULT_EPSILON)),
            Map.entry("max-unroll", List.of(UnrollSettings.DEFAULT_MAX_STEPS)),
            Map.entry("horizon", List.of(WindowSpec.DEFAULT_HORIZON)),
            Map.entry("momentum", List.of(CompileSettings.DEFAULT_MOMENTUM)),
            Map.entry("threads", List.of(SessionOptions.DEFAULT_THREADS)),
            Map.entry("resident-data", List.of(RunOptions.residentDataDefault())));

    private static final Map<String, Map<String, List<Object>>> BY_COMMAND = Map.of(
            "range-test", Map.of(
                    "start-lr", List.of(RangeTestConfig.DEFAULT_START_LR),
                    "end-lr", List.of(RangeTestConfig.DEFAULT_END_LR),
                    "steps", List.of(RangeTestConfig.MIN_STEPS, RangeTestConfig.MAX_STEPS, RangeTestConfig.DEFAULT_STEPS),
                    "mode", List.of(RangeTestConfig.DEFAULT_MODE.cliName()),
                    "smoothing", List.of(RangeTestConfig.DEFAULT_SMOOTHING),
                    "diverge-factor", List.of(RangeTestConfig.DEFAULT_DIVERGE_FACTOR),
                    "val-every", List.of(RangeTestConfig.DEFAULT_VALIDATE_EVERY_WHEN_VALIDATING),
                    "optimizer", List.of(RunSpec.DEFAULT_OPTIMIZER.cliName())),
            "search", Map.of(
                    "from", List.of(SearchConfig.DEFAULT_FROM),
                    "to", List.of(SearchConfig.DEFAULT_TO),
                    "per-decade", List.of(SearchConfig.DEFAULT_PER_DECADE),
                    "fine-points", List.of(SearchConfig.DEFAULT_FINE_POINTS),
                    "steps-per-trial", List.of(SearchConfig.DEFAULT_STEPS_PER_TRIAL),
                    "data-fraction", List.of(SearchConfig.DEFAULT_DATA_FRACTION),
                    "metric", List.of(SearchConfig.DEFAULT_METRIC.cliName()),
                    "parallel", List.of(SearchConfig.DEFAULT_PARALLEL),
                    "diverge-factor", List.of(SearchConfig.DEFAULT_DIVERGE_FACTOR),
                    "optimizer", List.of(RunSpec.DEFAULT_OPTIMIZER.cliName())),
            "train", Map.of(
                    "lr", List.of(TrainSettings.DEFAULT_LR),
                    "epochs", List.of(TrainSettings.DEFAULT_EPOCHS)),
            "hypergradient", Map.of(
                    "alpha0", List.of(TrainSettings.DEFAULT_HYPERGRADIENT_LR),
                    "epochs", List.of(TrainSettings.DEFAULT_HYPERGRADIENT_EPOCHS)),
            "fit", Map.of(
                    "epochs", List.of(FitConfig.DEFAULT_EPOCHS),
                    "lr", List.of("auto"), // the command line's word for no rate given: a range test chooses it
                    "policy", List.of(FitConfig.DEFAULT_POLICY.cliName())),
            "suggest", Map.of(
                    "smoothing", List.of(LossSmoother.DEFAULT_BETA)));

    @ParameterizedTest
    @ValueSource(strings = {"range-test", "search", "train", "hypergradient", "fit", "suggest"})
    void everyDefaultInTheHelpIsTheBuildersConstant(String command) {
        CliRun help = CliRun.of(command, "--help");
        assertEquals(ExitCode.OK, help.code(), help.err());
        Map<String, String> descriptions = descriptions(help.out());
        Map<String, List<Object>> expected = new LinkedHashMap<>(SHARED);
        expected.putAll(BY_COMMAND.get(command));
        int checked = 0;
        for (Map.Entry<String, String> option : descriptions.entrySet()) {
            List<String> stated = statedDefaults(option.getValue());
            if (stated.isEmpty()) {
                continue;
            }
            List<Object> constants = expected.get(option.getKey());
            assertTrue(constants != null, "--" + option.getKey() + " of " + command + " states a default this test does "
                    + "not know; take it from a builder constant and add it here: " + option.getValue());
            assertEquals(constants.size(), stated.size(), "--" + option.getKey() + ": " + option.getValue());
            for (int i = 0; i < stated.size(); i++) {
                assertSame(constants.get(i), stated.get(i), command + " --" + option.getKey());
            }
            checked++;
        }
        assertTrue(checked >= BY_COMMAND.get(command).size(), command + ": only " + checked + " defaults found in\n"
                + help.out());
        for (String option : BY_COMMAND.get(command).keySet()) {
            assertTrue(!statedDefaults(descriptions.getOrDefault(option, "")).isEmpty(), command + " --" + option
                    + " states no default");
        }
    }

    private static void assertSame(Object constant, String stated, String what) {
        if (constant instanceof Number number) {
            assertEquals(number.doubleValue(), Double.parseDouble(stated), 0, what + ": help says " + stated);
        } else {
            assertEquals(constant.toString(), stated, what);
        }
    }

    /** @return the numbers and words the description gives as defaults, in order */
    static List<String> statedDefaults(String description) {
        List<String> found = new ArrayList<>();
        for (String part : description.split("(?=\\(default)")) {
            if (!part.startsWith("(default")) {
                continue;
            }
            String inside = part.substring(0, part.indexOf(')') < 0 ? part.length() : part.indexOf(')') + 1);
            Matcher range = Pattern.compile("^\\(default[^)]*?\\belse ([0-9][0-9.e-]*)\\)").matcher(inside);
            if (range.find()) {
                found.add(range.group(1));
                continue;
            }
            Matcher values = Pattern.compile("(?:\\(default |; )([0-9][0-9.e-]*|[a-z][a-z_-]*)(?= for |\\)|;)")
                    .matcher(inside);
            while (values.find()) {
                found.add(values.group(1));
            }
        }
        Matcher bounds = Pattern.compile("([0-9]+) to ([0-9]+) \\(default").matcher(description);
        if (bounds.find()) {
            found.add(0, bounds.group(2));
            found.add(0, bounds.group(1));
        }
        return found;
    }

    /** @return each long option of the help with its description on one line */
    static Map<String, String> descriptions(String help) {
        Map<String, String> result = new LinkedHashMap<>();
        Pattern start = Pattern.compile("^\\s*(?:-\\w,)?\\s*--([a-z0-9-]+)(?: <[^>]+>)?\\s+(.*)$");
        String current = null;
        for (String line : help.split("\n")) {
            Matcher m = start.matcher(line);
            if (m.matches()) {
                current = m.group(1);
                result.put(current, m.group(2).strip());
            } else if (current != null && line.startsWith(" ")) {
                result.put(current, result.get(current) + " " + line.strip());
            } else {
                current = null;
            }
        }
        return result;
    }
}
