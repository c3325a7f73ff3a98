package dev.lrlab.cli;

import dev.lrlab.LrlabException;
import dev.lrlab.device.ComputeDevice;
import dev.lrlab.device.DeviceSpread;
import dev.lrlab.rangetest.RangeTestSummary;
import dev.lrlab.report.OutputDirectory;
import dev.lrlab.report.Provenance;
import dev.lrlab.report.ScientificFormat;
import dev.lrlab.report.StagedOutput;
import dev.lrlab.run.CompileSettings;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.search.CoarseToFineSearch;
import dev.lrlab.search.RangeTestComparison;
import dev.lrlab.search.SearchConfig;
import dev.lrlab.search.SearchListener;
import dev.lrlab.search.SearchMetric;
import dev.lrlab.search.SearchReport;
import dev.lrlab.search.SearchResult;
import dev.lrlab.search.SearchStage;
import dev.lrlab.search.TrialEngine;
import dev.lrlab.search.TrialExecutor;
import dev.lrlab.search.TrialResult;
import dev.lrlab.search.WorkerTrials;
import dev.lrlab.train.OptimizerKind;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code lrlab search MODEL_DIR --data FILE ...}: coarse-to-fine learning-rate search; writes
 * {@code trials.csv}, one curve per trial, a plot and a summary (see {@link SearchReport}).
 */
final class SearchCommand implements Command {
    @Override
    public String name() {
        return "search";
    }

    @Override
    public String summary() {
        return "coarse-to-fine learning-rate search: short trials per decade, then around the best; trials, plot, summary";
    }

    @Override
    public String usage() {
        return "MODEL_DIR --data FILE [--label COLUMN] [options]";
    }

    @Override
    public Options options() {
        Options options = RunOptions.fixedRateOptimizers(RunOptions.addTo(new Options(), "sgd"));
        options.addOption(RunOptions.value("from", "RATE", "lowest coarse rate (default "
                + RunOptions.shown(SearchConfig.DEFAULT_FROM) + ")"));
        options.addOption(RunOptions.value("to", "RATE", "highest coarse rate (default "
                + RunOptions.shown(SearchConfig.DEFAULT_TO) + ")"));
        options.addOption(RunOptions.value("per-decade", "N", "coarse rates per decade (default "
                + SearchConfig.DEFAULT_PER_DECADE + ")"));
        options.addOption(RunOptions.value("fine-points", "N", "rates between the best coarse rate's "
                + "neighbours (default " + SearchConfig.DEFAULT_FINE_POINTS + ")"));
        options.addOption(RunOptions.value("steps-per-trial", "N", "optimizer steps per trial (default "
                + SearchConfig.DEFAULT_STEPS_PER_TRIAL + ")"));
        options.addOption(RunOptions.value("data-fraction", "F", "share of the training rows each trial uses "
                + "(default " + RunOptions.shown(SearchConfig.DEFAULT_DATA_FRACTION) + ")"));
        options.addOption(RunOptions.value("metric", "NAME", "rank trials by val_loss or loss (final smoothed training "
                + "loss) (default " + SearchConfig.DEFAULT_METRIC.cliName() + ")"));
        options.addOption(RunOptions.value("parallel", "N", "trials at once, each on its own copy of the "
                + "model; with --device gpu or auto on a machine with several GPUs, trial k runs on GPU k mod G, one "
                + "process per GPU (default " + SearchConfig.DEFAULT_PARALLEL + ")"));
        options.addOption(Option.builder().longOpt("third-stage").desc("refine once more around the best fine rate").build());
        options.addOption(RunOptions.value("diverge-factor", "X", "stop a trial when its smoothed loss exceeds X times its "
                + "first loss (default " + RunOptions.shown(SearchConfig.DEFAULT_DIVERGE_FACTOR) + ")"));
        options.addOption(RunOptions.value("momentum", "MU", "momentum, or Adam's beta1 (default: the model's, else "
                + RunOptions.shown(CompileSettings.DEFAULT_MOMENTUM) + ")"));
        options.addOption(RunOptions.value("range-test", "SUMMARY", "a range test's summary.json to compare the best rate "
                + "with"));
        options.addOption(RunOptions.value("engine", "NAME", "where trials run: local (this JVM, default) or spark (one "
                + "Spark task per trial; needs the Spark build, see the README)"));
        options.addOption(RunOptions.value("master", "URL", "with --engine spark: the Spark master, e.g. local[2] or "
                + "spark://HOST:7077 (default: spark-submit's, else local[*])"));
        options.addOption(RunOptions.value("executor-model", "URI", "with --engine spark: where the tasks read the model, "
                + "e.g. hdfs://HOST/models/m (copied to each task's disk) (default: MODEL_DIR, absolute)"));
        options.addOption(RunOptions.value("out-dir", "DIR", "output folder (default runs/search-TIME)"));
        options.addOption(Option.builder().longOpt("force").desc("write into an output folder that holds files: this run's "
                + "trials.csv, trials/ curves, plots and summaries replace those of the same name, other files stay").build());
        return options;
    }

    @Override
    public ExitCode run(CommandLine line, CliContext context) {
        RunOptions.requireFixedRate(line, name());
        RunSpec spec = RunOptions.spec(line, OptimizerKind.SGD);
        SearchConfig config = config(line).toBuilder().optMomentum(spec.compile().momentum().value())
                .optParallel(parallel(line, Runtime.getRuntime().availableProcessors(), context)).build();
        Optional<TrialEngine> engine = engine(line);
        Optional<RangeTestSummary> rangeTest = Optional.ofNullable(line.getOptionValue("range-test"))
                .map(file -> RangeTestSummary.read(Path.of(file)));
        rangeTest.ifPresent(r -> r.suggestedLr(r.recommendedName()));
        boolean force = line.hasOption("force");
        Path dir = line.hasOption("out-dir") ? Path.of(line.getOptionValue("out-dir"))
                : OutputDirectory.defaultPath(Path.of("runs"), "search", LocalDateTime.now());
        StagedOutput out = StagedOutput.folder(dir, force, "outDir");
        try {
            OutputDirectory.prepare(out.resolve(SearchReport.TRIALS_DIR), true);
            context.log("search: " + ScientificFormat.format(config.from(), 3) + " to " + ScientificFormat.format(config.to(), 3)
                    + ", " + config.stepsPerTrial() + " steps per trial on " + config.dataFraction() + " of the training rows, "
                    + spec.optimizer().kind().cliName() + ", ranked by " + config.metric().cliName()
                    + (config.parallel() > 1 ? ", " + config.parallel() + " at once" : ""));
            Progress progress = new Progress(out.dir(), context);
            SearchResult result = search(line, engine, spec, config, progress, context);
            Optional<RangeTestComparison> comparison = rangeTest.flatMap(r -> result.best().map(b -> RangeTestComparison.of(r,
                    b.lr())));
            SearchReport.writeTrials(out.resolve(SearchReport.TRIALS_FILE), result.trials(), true);
            if (result.trials().stream().anyMatch(t -> t.ran() && !t.diverged())) {
                SearchReport.writePlot(out.dir(), SearchReport.plot(result, comparison), true);
            }
            Provenance.Builder settings = spec.provenance().settings(SearchReport.settings(config))
                    .setting("optimizer", spec.optimizer().kind().cliName()).setting("batch_size", spec.batchSize());
            if (progress.spread != null) {
                settings.setting("trial_devices", progress.spread.describe());
            }
            Provenance provenance = settings.build();
            SearchReport.summary(spec, result, Optional.ofNullable(progress.compileSettings), comparison, provenance)
                    .write(out.dir(), true);
            out.commit(); // every trial diverging is a result too: trials.csv says how each one did
            report(result, comparison, dir, context);
            if (result.interruption().isPresent()) {
                throw new LrlabException(LrlabException.Kind.INTERRUPTED, result.interruption().get() + " (" + dir + ")");
            }
            if (result.best().isEmpty()) {
                if (result.failedCount() > 0) {
                    throw LrlabException.model("no trial ran to a result: " + result.failedCount() + " failed, "
                            + result.divergedCount() + " diverged (" + dir.resolve(SearchReport.TRIALS_FILE)
                            + ", column error)");
                }
                throw new LrlabException(LrlabException.Kind.DIVERGED, "every trial diverged (" + dir.resolve(SearchReport.TRIALS_FILE)
                        + "); lower --from and --to, or check the data is scaled");
            }
            return ExitCode.OK;
        } catch (RuntimeException e) {
            throw out.abandon(e);
        } finally {
            out.close();
        }
    }

    /**
     * @return the cluster engine {@code --engine} names, empty for {@code local} (the default)
     * @throws LrlabException (USAGE) for an unknown engine, for {@code spark} in a build without it, and for the
     *     cluster options without a cluster engine
     */
    static Optional<TrialEngine> engine(CommandLine line) {
        String name = line.getOptionValue("engine", "local");
        if (name.equals("local")) {
            for (String option : new String[] {"master", "executor-model"}) {
                if (line.hasOption(option)) {
                    throw LrlabException.usage("--" + option + " is for a cluster engine; add --engine spark, or drop it");
                }
            }
            return Optional.empty();
        }
        if (!name.equals("spark")) {
            throw LrlabException.usage("--engine expects local or spark, found '" + name + "'");
        }
        return Optional.of(TrialEngine.find(name).orElseThrow(() -> LrlabException.usage("--engine spark needs the Spark "
                + "build: run target/lrlab-spark.jar with spark-submit, or scripts/lrlab with LRLAB_SPARK=1 (README: "
                + "Running trials on Spark)")));
    }

    /** Runs the search in this JVM, in one worker process per GPU, or on the cluster engine's tasks. */
    private static SearchResult search(CommandLine line, Optional<TrialEngine> engine, RunSpec spec, SearchConfig config,
            Progress progress, CliContext context) {
        if (engine.isEmpty()) {
            Optional<DeviceSpread> spread = spread(line.getOptionValue("device", "auto"), spec.device(), config.parallel(),
                    DeviceSpread::visibleGpus, Optional.ofNullable(System.getenv(DeviceSpread.CUDA_VISIBLE_DEVICES)));
            if (spread.isPresent()) {
                return spreadSearch(SearchRecipe.of(line), spec, config, spread.get(), progress, context);
            }
            return CoarseToFineSearch.run(spec, config, progress, context.stop());
        }
        String modelUri = line.getOptionValue("executor-model", spec.model().toAbsolutePath().toString());
        try (TrialExecutor trials = engine.get().open(SearchRecipe.of(line), modelUri,
                Optional.ofNullable(line.getOptionValue("master")), context::log)) {
            return CoarseToFineSearch.run(spec, config, trials, progress, context.stop());
        }
    }

    /**
     * Whether a local search spreads its trials over the GPUs: when {@code --device} is {@code gpu} or {@code auto}
     * (not a numbered {@code gpu:N}, which pins every trial to that GPU), it resolved to a GPU, more than one trial
     * runs at once, and TensorFlow sees at least two GPUs; then trial k runs on GPU k mod G, G = min(GPUs, parallel).
     *
     * @param asked {@code --device} as given
     * @param device what it resolved to
     * @param parallel trials at once
     * @param gpus counts the GPUs TensorFlow sees (asked only when the rest allows a spread: it opens every GPU)
     * @param cudaVisibleDevices this process's {@code CUDA_VISIBLE_DEVICES}, when set
     * @return the spread, or empty for a search in this JVM
     */
    static Optional<DeviceSpread> spread(String asked, ComputeDevice device, int parallel, IntSupplier gpus,
            Optional<String> cudaVisibleDevices) {
        String text = asked.trim().toLowerCase(Locale.ROOT);
        if (!device.isGpu() || parallel < 2 || !(text.equals("gpu") || text.equals("auto"))) {
            return Optional.empty();
        }
        int count = gpus.getAsInt();
        return count < 2 ? Optional.empty() : Optional.of(DeviceSpread.gpus(count, parallel, cudaVisibleDevices));
    }

    /**
     * Runs the search with its trials in one worker process per slot of {@code spread} ({@link WorkerTrials}), each
     * making the trial's spec from the search's own options ({@link SearchRecipe}).
     */
    static SearchResult spreadSearch(SearchRecipe recipe, RunSpec spec, SearchConfig config, DeviceSpread spread,
            Progress progress, CliContext context) {
        progress.spread = spread;
        try (WorkerTrials trials = WorkerTrials.open(recipe, spec.model(), spread, context::log)) {
            return CoarseToFineSearch.run(spec, config, trials, progress, context.stop());
        }
    }

    static SearchConfig config(CommandLine line) {
        SearchConfig.Builder b = SearchConfig.builder().optThirdStage(line.hasOption("third-stage"));
        Arguments.number(line, "from", b::optFrom);
        Arguments.number(line, "to", b::optTo);
        Arguments.positiveInt(line, "per-decade", b::optPerDecade);
        Arguments.positiveInt(line, "fine-points", b::optFinePoints);
        Arguments.positiveInt(line, "steps-per-trial", b::optStepsPerTrial);
        Arguments.number(line, "data-fraction", b::optDataFraction);
        Arguments.positiveInt(line, "parallel", b::optParallel);
        Arguments.number(line, "diverge-factor", b::optDivergeFactor);
        Arguments.number(line, "momentum", b::optMomentum);
        if (line.hasOption("metric")) {
            b.optMetric(SearchMetric.fromCliName(line.getOptionValue("metric")));
        }
        return b.build();
    }

    /**
     * @param cores the processors this JVM may use
     * @return {@code --parallel}, capped to {@code cores} with a log note: more trials at once than cores only
     *     time-slice the same cores, each with its own copy of the model, and run slower than {@code cores} at once
     */
    static int parallel(CommandLine line, int cores, CliContext context) {
        int asked = Arguments.positiveInt(line, "parallel", SearchConfig.DEFAULT_PARALLEL);
        if (asked <= cores) {
            return asked;
        }
        context.log("--parallel " + asked + " capped to " + cores + ", the number of cores");
        return cores;
    }

    private static void report(SearchResult result, Optional<RangeTestComparison> comparison, Path dir, CliContext context) {
        context.out().println("trials: " + result.trials().size() + " (" + result.divergedCount() + " diverged"
                + (result.failedCount() > 0 ? ", " + result.failedCount() + " failed" : "") + ")");
        result.best().ifPresent(b -> context.out().println("best: lr " + ScientificFormat.format(b.lr(), 4) + " ("
                + b.stage().label() + " stage), " + result.config().metric().cliName() + " " + b.score(result.config().metric())));
        comparison.ifPresent(c -> context.out().println(String.format(Locale.ROOT,
                "range test %s %s: the search's rate is %.2f decades %s", c.method(), ScientificFormat.format(c.suggestedLr(), 3),
                Math.abs(c.decades()), c.decades() >= 0 ? "higher" : "lower")));
        context.out().println("output: " + dir);
    }

    /** Logs stages and trials, and writes each trial's curve as it finishes. */
    static final class Progress implements SearchListener {
        private final Path dir;
        private final CliContext context;
        private Map<String, Object> compileSettings; // set when the first copy of the model is loaded
        private DeviceSpread spread; // set when the trials run in worker processes

        /** @param dir the staging folder: trial curves are written there as trials finish */
        Progress(Path dir, CliContext context) {
            this.dir = dir;
            this.context = context;
        }

        @Override
        public void onPrepared(PreparedRun run) {
            context.log("loss: " + run.engine().objective().description());
            RunOptions.logSettings(run, context);
            compileSettings = run.compileSettingsMap();
        }

        @Override
        public void onStage(SearchStage stage, double[] rates) {
            if (rates.length > 0) {
                context.log(stage.label() + " stage: " + rates.length + " rates from " + ScientificFormat.format(rates[0], 3)
                        + " to " + ScientificFormat.format(rates[rates.length - 1], 3));
            }
        }

        @Override
        public void onTrial(TrialResult trial) {
            SearchReport.writeTrialCurve(SearchReport.trialCurveFile(dir, trial), trial, true);
            if (trial.failed()) {
                context.log("  " + trial.stage().label() + " lr " + ScientificFormat.format(trial.lr(), 4) + ": failed: "
                        + trial.failure().get());
                return;
            }
            String outcome = trial.diverged() ? "diverged at step " + trial.steps() + " (" + trial.divergence().get()
                    .description() + ")" : "loss " + format(trial.finalLoss())
                    + (Double.isNaN(trial.valLoss()) ? "" : ", val_loss " + format(trial.valLoss()));
            context.log("  " + trial.stage().label() + " lr " + ScientificFormat.format(trial.lr(), 4) + ": " + outcome);
        }

        private static String format(double value) {
            return String.format(Locale.ROOT, "%.4f", value);
        }
    }
}
