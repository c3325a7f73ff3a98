package dev.lrlab.cli;

import dev.lrlab.LrlabException;
import dev.lrlab.rangetest.RangeTest;
import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.rangetest.RangeTestCurveWriter;
import dev.lrlab.rangetest.RangeTestOutputs;
import dev.lrlab.rangetest.RangeTestResult;
import dev.lrlab.rangetest.RangeTestSetup;
import dev.lrlab.report.OutputDirectory;
import dev.lrlab.report.StagedOutput;
import dev.lrlab.run.CompileSettings;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.suggest.SuggestionTable;
import dev.lrlab.train.OptimizerKind;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code lrlab range-test [MODEL_DIR --data FILE --label COLUMN] [options]}: sweeps the learning rate, prints
 * the suggested rates, and writes {@code range-test.csv}, {@code range-test.png}, {@code range-test.svg},
 * {@code summary.json} and {@code summary.csv} into the output folder through {@link RangeTestOutputs}, as a Java
 * program does. Without a model it runs the bundled
 * {@code models/digits-mlp} on {@code data-samples/digits.csv}. The model on disk is never changed. The files are
 * written into a {@link StagedOutput} and move into the output folder when the sweep ends (or is interrupted).
 * Several models or data files, or {@code --engine}, make a batch instead ({@link RangeTestBatchRun}).
 */
final class RangeTestCommand implements Command {
    @Override
    public String name() {
        return "range-test";
    }

    @Override
    public String summary() {
        return "sweep the learning rate up until the loss explodes and suggest rates (no arguments: a bundled demo)";
    }

    @Override
    public String usage() {
        return "[MODEL_DIR... --data FILE... [--label COLUMN]] [options]";
    }

    @Override
    public Options options() {
        Options options = RunOptions.fixedRateOptimizers(RunOptions.addTo(new Options(), "sgd"));
        options.addOption(RunOptions.value("data", "FILE", "data: a CSV with a header, an .npy array, or IDX images "
                + "(required with MODEL_DIR; without both, the bundled digits model and data); repeat it, or give "
                + "several MODEL_DIRs, for a batch: one test per model and file, see --engine"));
        options.addOption(RunOptions.value("start-lr", "RATE", "rate of the first step (default "
                + RunOptions.shown(RangeTestConfig.DEFAULT_START_LR) + ")"));
        options.addOption(RunOptions.value("end-lr", "RATE", "rate of the last step (default "
                + RunOptions.shown(RangeTestConfig.DEFAULT_END_LR) + ")"));
        options.addOption(RunOptions.value("steps", "N", "steps in the sweep, " + RangeTestConfig.MIN_STEPS + " to "
                + RangeTestConfig.MAX_STEPS + " (default " + RangeTestConfig.DEFAULT_STEPS + ")"));
        options.addOption(RunOptions.value("mode", "MODE", "exp (same factor each step) or linear (default "
                + RangeTestConfig.DEFAULT_MODE.cliName() + ")"));
        options.addOption(RunOptions.value("smoothing", "BETA", "beta of the loss moving average, in [0, 1) (default "
                + RunOptions.shown(RangeTestConfig.DEFAULT_SMOOTHING) + ")"));
        options.addOption(RunOptions.value("diverge-factor", "F",
                "stop when the smoothed loss exceeds F times its best; in the first steps (the smoothing window, at most "
                        + "a quarter of the sweep) F times the median loss instead (default "
                        + RunOptions.shown(RangeTestConfig.DEFAULT_DIVERGE_FACTOR) + ")"));
        options.addOption(Option.builder().longOpt("no-stop").desc("run every step, even after the loss explodes").build());
        options.addOption(Option.builder().longOpt("val-loss")
                .desc("also measure the validation loss (and accuracy) during the sweep; use with --mode linear").build());
        options.addOption(RunOptions.value("val-every", "K", "with --val-loss: measure every K steps (default "
                + RangeTestConfig.DEFAULT_VALIDATE_EVERY_WHEN_VALIDATING + ")"));
        options.addOption(RunOptions.value("momentum", "MU", "momentum, or Adam's beta1 (default: the model's, else "
                + RunOptions.shown(CompileSettings.DEFAULT_MOMENTUM) + ")"));
        options.addOption(RunOptions.value("engine", "NAME", "run a batch: local (this JVM, one test after the other) or "
                + "spark (one Spark task per test; needs the Spark build, see the README); a batch writes a folder per "
                + "test and range-tests.csv (default: local when there are several models or data files)"));
        options.addOption(RunOptions.value("master", "URL", "with --engine spark: the Spark master, e.g. local[2] or "
                + "spark://HOST:7077 (default: spark-submit's, else local[*])"));
        options.addOption(RunOptions.value("executor-models", "URI", "with --engine spark: the folder where the tasks "
                + "read each model by its folder's name, e.g. hdfs://HOST/models (copied to each task's disk) "
                + "(default: each MODEL_DIR, absolute)"));
        options.addOption(RunOptions.value("out-dir", "DIR", "output folder (default runs/range-test-TIME, for a batch "
                + "runs/range-tests-TIME)"));
        options.addOption(Option.builder().longOpt("force").desc("write into an output folder that holds files: this run's "
                + "range-test.csv, plots and summaries replace those of the same name, other files stay").build());
        return options;
    }

    @Override
    public ExitCode run(CommandLine line, CliContext context) {
        if (RangeTestBatchRun.isBatch(line)) {
            return RangeTestBatchRun.run(line, context);
        }
        RangeTestBatchRun.engine(line); // --master without --engine is refused as in a batch
        RunOptions.requireFixedRate(line, name());
        RunSpec spec = spec(line);
        RangeTestConfig config = config(line, spec.compile().momentum().value());
        Path dir = line.hasOption("out-dir") ? Path.of(line.getOptionValue("out-dir"))
                : OutputDirectory.defaultPath(Path.of("runs"), "range-test", LocalDateTime.now());
        StagedOutput out = StagedOutput.folder(dir, line.hasOption("force"), "outDir");
        try (PreparedRun run = PreparedRun.open(spec)) {
            context.modelReady();
            describe(run, config, context);
            RangeTestResult result;
            try (RangeTestCurveWriter writer = RangeTestOutputs.curveWriter(out, RangeTestSetup.of(run, config));
                    RangeTestProgress progress = new RangeTestProgress(context, config.steps(), RangeTestProgress.DEFAULT_DELAY)) {
                result = RangeTest.run(run, config, writer.andThen(progress).andThen(point -> context.stepTaken()),
                        context.stop());
            }
            report(result, context); // before the files: the suggestions are printed even when a write fails
            RangeTestOutputs.writeReport(out, result);
            out.commit();
            context.out().println("output: " + dir + " (" + String.join(", ", RangeTestOutputs.FILES) + ")");
            context.out().flush();
            if (result.interrupted()) {
                throw new LrlabException(LrlabException.Kind.INTERRUPTED, result.stopDescription() + "; the model is unchanged; "
                        + "partial results in " + dir);
            }
            return ExitCode.OK;
        } catch (RuntimeException e) {
            throw out.abandon(e);
        } finally {
            out.close();
        }
    }

    /**
     * Reads the sweep options; errors come before the model is loaded.
     *
     * @param line the arguments
     * @param momentum the momentum (Adam's beta1) to feed: the option's, the model's or the default
     */
    static RangeTestConfig config(CommandLine line, double momentum) {
        if (line.hasOption("val-every") && !line.hasOption("val-loss")) {
            throw LrlabException.usage("--val-every K needs --val-loss");
        }
        RangeTestConfig.Builder builder = RangeTestConfig.builder()
                .optStopOnDivergence(!line.hasOption("no-stop"))
                .optMomentum(momentum);
        Arguments.number(line, "start-lr", builder::optStartLr);
        Arguments.number(line, "end-lr", builder::optEndLr);
        if (line.hasOption("steps")) {
            builder.optSteps(boundedInt(line, "steps"));
        }
        Arguments.number(line, "smoothing", builder::optSmoothing);
        Arguments.number(line, "diverge-factor", builder::optDivergeFactor);
        if (line.hasOption("mode")) {
            builder.optMode(RangeTestConfig.Mode.fromCliName(line.getOptionValue("mode").trim().toLowerCase(Locale.ROOT)));
        }
        if (line.hasOption("val-loss")) {
            builder.optValidateEvery(Arguments.positiveInt(line, "val-every",
                    RangeTestConfig.DEFAULT_VALIDATE_EVERY_WHEN_VALIDATING));
        }
        return builder.build();
    }

    /** The model and data from the arguments, or the bundled demo when neither is given. */
    static RunSpec spec(CommandLine line) {
        if (!line.getArgList().isEmpty()) {
            return RunOptions.spec(line, OptimizerKind.SGD);
        }
        if (line.hasOption("data") || line.hasOption("labels")) {
            throw LrlabException.usage("MODEL_DIR is required with --data; give both, or neither for the bundled demo");
        }
        Path home = ProjectHome.find();
        return RunOptions.spec(line, OptimizerKind.SGD, home.resolve(ProjectHome.DEFAULT_MODEL),
                home.resolve(ProjectHome.DEFAULT_DATA), line.getOptionValue("label", ProjectHome.DEFAULT_LABEL));
    }

    private static int boundedInt(CommandLine line, String option) {
        long value = Arguments.whole(line, option, 0);
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw LrlabException.usage("--" + option + " is too large, found " + value);
        }
        return (int) value;
    }

    private static void describe(PreparedRun run, RangeTestConfig config, CliContext context) {
        context.log("model: " + run.spec().model() + ", data: " + run.spec().data().data());
        context.log("loss: " + run.engine().objective().description());
        RunOptions.logSettings(run, context);
        context.log("data: " + run.splitSizes());
        context.log(String.format(Locale.ROOT, "range test: %d steps of %d rows, %s, lr %s %.3g -> %.3g%s",
                config.steps(), run.spec().batchSize(), run.spec().optimizer().kind().cliName(), config.mode().cliName(),
                config.startLr(), config.endLr(), config.stopOnDivergence()
                        ? String.format(Locale.ROOT, ", stop at %sx the best smoothed loss after the first %d steps",
                                config.divergeFactor(), config.divergenceGrace()) : ""));
    }

    private static void report(RangeTestResult result, CliContext context) {
        context.out().printf(Locale.ROOT, "steps: %d (%s)%n", result.stepsRun(), Flags.inFlags(result.stopDescription()));
        context.out().print(Flags.inFlags(SuggestionTable.format(result.suggestions())));
        result.suggestions().recommended().ifPresent(s -> context.out().printf(Locale.ROOT,
                "suggested learning rate: %.2e (%s)%n", s.lr(), s.name()));
        context.out().flush();
    }
}
