package dev.lrlab.cli;

import dev.lrlab.Directories;
import dev.lrlab.LrlabException;
import dev.lrlab.fit.Fit;
import dev.lrlab.fit.FitConfig;
import dev.lrlab.fit.FitListener;
import dev.lrlab.fit.FitOutputs;
import dev.lrlab.fit.FitPolicy;
import dev.lrlab.fit.FitResult;
import dev.lrlab.fit.FitTraining;
import dev.lrlab.fit.RateChoice;
import dev.lrlab.model.ModelExporter;
import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.rangetest.RangeTestSetup;
import dev.lrlab.report.OutputDirectory;
import dev.lrlab.report.StagedOutput;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopReason;
import dev.lrlab.suggest.SuggestionTable;
import dev.lrlab.train.Evaluation;
import dev.lrlab.train.OptimizerKind;
import dev.lrlab.training.TrainSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code lrlab fit MODEL_DIR --data FILE --epochs N [--policy P] [--lr auto|RATE] [--compare] --export DIR}: a range
 * test, the rate the policy needs, training, export, in one command ({@link Fit}); the files of {@link FitOutputs}
 * go into one folder through a {@link StagedOutput}, and the export is swapped in after them, as {@code train} does.
 */
final class FitCommand implements Command {
    @Override
    public String name() {
        return "fit";
    }

    @Override
    public String summary() {
        return "find the learning rate with a range test, train with a policy (1cycle by default), export; one command";
    }

    @Override
    public String usage() {
        return "MODEL_DIR --data FILE [--label COLUMN] [--epochs N] [--policy P] [--lr auto|RATE] [--compare] "
                + "[--export DIR] [options]";
    }

    @Override
    public Options options() {
        Options options = RunOptions.addTo(new Options(), "adam, as fastai's default");
        RunLength.addTo(options, FitConfig.DEFAULT_EPOCHS);
        options.addOption(RunOptions.value("policy", "P", "onecycle (max = the valley rate), cyclic (the cyclical "
                + "bounds), cosine or constant (the valley rate), or hd (hypergradient descent from it) (default onecycle)"));
        options.addOption(RunOptions.value("lr", "auto|RATE", "auto: a range test chooses the rate; RATE: use it, no "
                + "range test (default auto)"));
        options.addOption(RunOptions.value("momentum", "MU", "momentum, or Adam's beta1 (default: the model's, else 0.9)"));
        options.addOption(Option.builder().longOpt("compare").desc("also train at 1/10 and 10x the chosen rate, from the "
                + "same weights and data order, and report the three validation losses").build());
        options.addOption(RunOptions.value("out-dir", "DIR", "output folder (default runs/fit-TIME)"));
        options.addOption(RunOptions.value("export", "DIR", "write the trained model as a new SavedModel (DIR must be new, "
                + "empty or a SavedModel)"));
        options.addOption(Option.builder().longOpt("force").desc("write into an output folder that holds files (this "
                + "fit's files replace those of the same name) and replace a SavedModel at --export DIR").build());
        return options;
    }

    @Override
    public ExitCode run(CommandLine line, CliContext context) {
        FitPolicy policy = line.hasOption("policy") ? FitPolicy.fromCliName(line.getOptionValue("policy")) : FitPolicy.ONECYCLE;
        RunSpec spec = spec(line, policy);
        FitConfig config = config(line, policy);
        boolean force = line.hasOption("force");
        Path dir = line.hasOption("out-dir") ? Path.of(line.getOptionValue("out-dir"))
                : OutputDirectory.defaultPath(Path.of("runs"), "fit", LocalDateTime.now());
        Optional<Path> export = config.export();
        if (export.isPresent()) {
            TrainCommand.refuseOverlap(List.of(dir), export.get());
        }
        StagedOutput out = StagedOutput.folder(dir, force, "outDir");
        Path staged = null;
        try {
            if (export.isPresent()) {
                createParent(export.get());
                ModelExporter.checkTarget(export.get(), force);
            }
            FitResult result;
            try (FitOutputs.CurveFiles files = FitOutputs.curveFiles(out)) {
                result = Fit.run(spec, config, new Log(context, files), context.stop());
            }
            staged = result.export().orElse(null);
            report(result, context);
            FitOutputs.writeReport(out, result);
            Optional<StopReason> stop = result.stop();
            if (stop.isPresent() && stop.get().kind() != StopReason.Kind.INTERRUPTED) {
                throw LrlabException.diverged(Flags.inFlags(stop.get().message())); // the staged rows are kept and named
            }
            out.commit();
            context.out().println("output: " + dir);
            if (staged != null) {
                ModelExporter.moveIntoPlace(staged, export.orElseThrow());
                staged = null;
                context.out().println("exported: " + export.get());
            }
            if (stop.isPresent()) {
                throw LrlabException.interrupted(stop.get().message() + " (" + dir + ")");
            }
            return ExitCode.OK;
        } catch (RuntimeException e) {
            throw out.abandon(e);
        } finally {
            out.close();
            Directories.deleteQuietly(staged);
        }
    }

    /** Creates the folder an export goes into, as the output folder's is (the README's {@code runs/fit-digits}). */
    private static void createParent(Path export) {
        Path parent = export.toAbsolutePath().normalize().getParent();
        if (parent != null && !Files.isDirectory(parent) && !Files.exists(parent)) {
            try {
                Files.createDirectories(parent);
            } catch (IOException | RuntimeException e) {
                throw LrlabException.output("cannot create the folder " + parent + " for --export " + export + " ("
                        + e.getMessage() + "); choose another --export");
            }
        }
    }

    /**
     * The run: the model's optimizer, else adam; for {@code --policy hd} its hypergradient counterpart with the
     * hypergradient options, which the other policies refuse.
     */
    static RunSpec spec(CommandLine line, FitPolicy policy) {
        if (policy != FitPolicy.HD) {
            for (String option : RunOptions.HYPERGRADIENT_ONLY) {
                if (line.hasOption(option)) {
                    throw LrlabException.usage("--" + option + " sets hypergradient descent, which --policy "
                            + policy.cliName() + " does not use; drop it, or use --policy hd");
                }
            }
        }
        RunSpec spec = RunOptions.spec(line, OptimizerKind.ADAM);
        OptimizerKind kind = spec.optimizer().kind();
        if (policy == FitPolicy.HD && !kind.isHypergradient()) {
            spec = RunOptions.withHypergradientOptions(line, spec.withOptimizerKind(kind.hypergradientKind()));
        }
        return spec;
    }

    static FitConfig config(CommandLine line, FitPolicy policy) {
        FitConfig.Builder builder = FitConfig.builder().optPolicy(policy).optCompare(line.hasOption("compare"));
        String lr = line.getOptionValue("lr", "auto").trim();
        if (!lr.equalsIgnoreCase("auto")) {
            builder.optLr(Arguments.number(line, "lr", Double.NaN));
        }
        if (line.hasOption("epochs") && line.hasOption("steps")) {
            throw LrlabException.usage("give --epochs or --steps, not both");
        }
        if (line.hasOption("steps")) {
            builder.optSteps(Arguments.whole(line, "steps", 0));
        } else {
            builder.optEpochs(Arguments.positiveInt(line, "epochs", FitConfig.DEFAULT_EPOCHS));
        }
        if (line.hasOption("export")) {
            builder.optExport(Path.of(line.getOptionValue("export")));
        }
        return builder.build();
    }

    private static void report(FitResult result, CliContext context) {
        result.rangeTest().ifPresent(r -> {
            context.out().printf(Locale.ROOT, "range test: %d steps (%s)%n", r.stepsRun(), Flags.inFlags(r.stopDescription()));
            context.out().print(Flags.inFlags(SuggestionTable.format(r.suggestions())));
        });
        result.choice().ifPresent(c -> context.out().println("chosen: " + c.reason()));
        result.chosen().ifPresent(t -> {
            context.out().println("schedule: " + t.settings().schedule().describe());
            context.out().println(t.result().stepsRun() == 0 ? "steps: 0 (no step ran)"
                    : "steps: " + t.result().stepsRun() + ", last batch loss: " + t.result().lastLoss());
            Optional<Evaluation> before = t.result().initialValidation();
            Optional<Evaluation> after = t.finalValidation();
            if (before.isPresent() && after.isPresent()) {
                context.out().println("validation loss: " + before.get().loss() + " -> " + after.get().loss());
                if (before.get().accuracy().isPresent() && after.get().accuracy().isPresent()) {
                    context.out().println("validation accuracy: " + before.get().accuracy().getAsDouble() + " -> "
                            + after.get().accuracy().getAsDouble());
                }
            }
        });
        if (!result.comparisons().isEmpty()) {
            StringBuilder line = new StringBuilder("compare (final validation loss):");
            for (FitTraining t : result.trainings()) {
                line.append(String.format(Locale.ROOT, " lr x%s %s = %s;", factor(t.factor()),
                        format(result.choice().orElseThrow().lr() * t.factor()), t.finalValidation()
                                .map(e -> String.format(Locale.ROOT, "%.4g", e.loss())).orElse(stopped(t))));
            }
            result.bestFactor().ifPresent(best -> line.append(best == 1 ? " the chosen rate is best"
                    : " lr x" + factor(best) + " did better than the chosen rate"));
            context.out().println(line);
        }
        context.out().flush();
    }

    private static String stopped(FitTraining t) {
        return t.result().stop().map(s -> s.kind() == StopReason.Kind.INTERRUPTED ? "interrupted" : "diverged")
                .orElse("none");
    }

    private static String factor(double factor) {
        return factor == 1 ? "1" : factor < 1 ? "1/" + Math.round(1 / factor) : Long.toString(Math.round(factor));
    }

    private static String format(double lr) {
        return String.format(Locale.ROOT, "%.2e", lr);
    }

    /** Logs the fit's steps as they come and passes everything on to the curve files. */
    private record Log(CliContext context, FitListener files) implements FitListener {
        @Override
        public void onPrepared(PreparedRun run) {
            context.log("model: " + run.spec().route().describe());
            context.log("loss: " + run.engine().objective().description());
            RunOptions.logSettings(run, context);
            context.log("data: " + run.splitSizes() + ", " + run.engine().variables().size() + " trainable variables");
        }

        @Override
        public void onRangeTestStart(RangeTestSetup setup) {
            RangeTestConfig c = setup.config();
            context.log(String.format(Locale.ROOT, "range test: %d steps of %d rows, %s, lr %s %.3g -> %.3g",
                    c.steps(), setup.spec().batchSize(), setup.spec().optimizer().kind().cliName(), c.mode().cliName(),
                    c.startLr(), c.endLr()));
            files.onRangeTestStart(setup);
        }

        @Override
        public void onRangeTestPoint(dev.lrlab.rangetest.RangeTestPoint point) {
            files.onRangeTestPoint(point);
        }

        @Override
        public void onChoice(RateChoice choice) {
            files.onChoice(choice);
        }

        @Override
        public void onTrainingStart(double factor, TrainSettings settings, RunSpec spec, boolean accuracy) {
            context.log("training" + (factor == 1 ? "" : " at x" + factor(factor) + " the chosen rate") + ": "
                    + settings.steps() + " steps of " + spec.batchSize() + " rows, " + spec.optimizer().kind().cliName()
                    + ", " + settings.schedule().describe());
            files.onTrainingStart(factor, settings, spec, accuracy);
        }

        @Override
        public void onStep(double factor, dev.lrlab.run.StepRow row) {
            files.onStep(factor, row);
        }
    }
}
