package dev.lrlab.cli;

import dev.lrlab.Directories;
import dev.lrlab.LrlabException;
import dev.lrlab.model.ModelExporter;
import dev.lrlab.report.OutputDirectory;
import dev.lrlab.report.StagedOutput;
import dev.lrlab.report.SummaryWriter;
import dev.lrlab.report.summary.TrainRunSummary;
import dev.lrlab.run.CompileSettings;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopReason;
import dev.lrlab.schedule.ConstantSchedule;
import dev.lrlab.schedule.LearningRateSchedule;
import dev.lrlab.schedule.ScheduleSpec;
import dev.lrlab.train.Evaluation;
import dev.lrlab.train.OptimizerKind;
import dev.lrlab.training.StepValidation;
import dev.lrlab.training.TrainCurveWriter;
import dev.lrlab.training.TrainResult;
import dev.lrlab.training.TrainRun;
import dev.lrlab.training.TrainSettings;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code lrlab train MODEL_DIR --data FILE ...}: trains with a fed rate, writes the curve and its summaries
 * (through a {@link StagedOutput}: they appear when the run ends), optionally exports the trained model, which is
 * swapped in only after the curve and summaries are in place.
 */
final class TrainCommand implements Command {
    /** The curve's name in the default run folder {@code runs/train-TIME}. */
    static final String CURVE = "curve.csv";

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train a SavedModel on CSV/NPY/IDX data with a fed learning rate or schedule; write the curve; export";
    }

    @Override
    public String usage() {
        return "MODEL_DIR --data FILE [--label COLUMN] [options]";
    }

    @Override
    public Options options() {
        Options options = RunOptions.addTo(new Options(), "sgd");
        options.addOption(RunOptions.value("lr", "RATE", "learning rate, or alpha_0 of a hypergradient "
                + "optimizer (default " + RunOptions.shown(TrainSettings.DEFAULT_LR) + ")"));
        options.addOption(RunOptions.value("momentum", "MU", "momentum, or Adam's beta1 (default: the model's, else "
                + RunOptions.shown(CompileSettings.DEFAULT_MOMENTUM) + ")"));
        options.addOption(RunOptions.value("schedule", "SPEC", "learning-rate schedule, e.g. onecycle:max=0.1 or "
                + "triangular2:base=1e-3,max=6e-3,step=200 (overrides --lr)"));
        RunLength.addTo(options, TrainSettings.DEFAULT_EPOCHS);
        options.addOption(RunOptions.value("out", "FILE", "curve CSV (default runs/train-TIME/curve.csv)"));
        options.addOption(RunOptions.value("export", "DIR", "write the trained model as a new SavedModel (DIR must be new, "
                + "empty or a SavedModel)"));
        options.addOption(Option.builder().longOpt("force").desc("replace the curve FILE and its FILE.summary.json/.csv, "
                + "and a SavedModel at --export DIR (a DIR holding other files is never replaced)").build());
        options.addOption(RangeTestOption.option());
        return options;
    }

    @Override
    public ExitCode run(CommandLine line, CliContext context) {
        RunSpec spec = RunOptions.spec(line, OptimizerKind.SGD);
        boolean force = line.hasOption("force");
        Path export = line.hasOption("export") ? Path.of(line.getOptionValue("export")) : null;
        Path named = line.hasOption("out") ? Path.of(line.getOptionValue("out")) : null;
        Path runDir = named == null ? OutputDirectory.defaultPath(Path.of("runs"), "train", LocalDateTime.now()) : null;
        List<Path> outputs = named == null ? List.of(runDir) : List.of(named, summaryFiles(named)[0], summaryFiles(named)[1]);
        if (export != null) {
            refuseOverlap(outputs, export);
            ModelExporter.checkTarget(export, force);
        }
        StagedOutput out = named == null ? StagedOutput.folder(runDir, false, "out") : StagedOutput.files(outputs, force, "out");
        Path curve = named == null ? runDir.resolve(CURVE) : named;
        Path[] summaryFiles = summaryFiles(curve);
        Path exported = null;
        try (PreparedRun run = PreparedRun.open(spec)) {
            long steps = RunLength.steps(line, run, TrainSettings.DEFAULT_EPOCHS);
            TrainSettings settings = new TrainSettings(steps, schedule(line, steps), spec.compile().momentum().value());
            describe(run, settings, context);
            TrainResult result;
            try (TrainCurveWriter writer = new TrainCurveWriter(staged(out, curve, named), spec.optimizer().kind().usesMomentum(),
                    run.engine().objective().accuracy().isPresent(), spec.optimizer().kind().isHypergradient(), true)) {
                result = TrainRun.run(run, settings, writer, context.stop());
            }
            new SummaryWriter().write(staged(out, summaryFiles[0], named), staged(out, summaryFiles[1], named),
                    summary(run, settings, result), true);
            Optional<StopReason> stop = result.stop();
            if (stop.isPresent() && stop.get().kind() != StopReason.Kind.INTERRUPTED) {
                report(result, context);
                throw new LrlabException(LrlabException.Kind.DIVERGED, stop.get().message()); // the staged rows are kept and named
            }
            if (export != null && stop.isEmpty()) {
                exported = run.stageExport(export);
            }
            out.commit();
            context.out().println("curve: " + curve);
            context.out().println("summary: " + summaryFiles[0]);
            report(result, context);
            if (stop.isPresent()) {
                throw new LrlabException(LrlabException.Kind.INTERRUPTED, stop.get().message() + " (" + curve + ")");
            }
            if (exported != null) {
                ModelExporter.moveIntoPlace(exported, export);
                exported = null;
                context.out().println("exported: " + export);
            }
            return ExitCode.OK;
        } catch (RuntimeException e) {
            throw out.abandon(e);
        } finally {
            out.close();
            Directories.deleteQuietly(exported);
        }
    }

    /** Where a file of the run is written until the commit. */
    private static Path staged(StagedOutput out, Path file, Path named) {
        return named == null ? out.resolve(file.getFileName().toString()) : out.staged(file);
    }

    /**
     * Refuses an export that is one of the run's outputs, holds one, or lies inside one: replacing the export would
     * delete the curve, or the curve's folder would swallow the model.
     */
    static void refuseOverlap(List<Path> outputs, Path export) {
        Path e = export.toAbsolutePath().normalize();
        for (Path output : outputs) {
            Path o = output.toAbsolutePath().normalize();
            if (o.startsWith(e) || e.startsWith(o)) {
                throw LrlabException.output("the curve output " + output + " and the export " + export + " are the same path "
                        + "or one is inside the other; choose another --out or --export");
            }
        }
    }

    /** @return {@code NAME.summary.json} and {@code NAME.summary.csv} beside the curve {@code NAME.csv} */
    static Path[] summaryFiles(Path curve) {
        String name = curve.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return new Path[] {curve.resolveSibling(stem + ".summary.json"), curve.resolveSibling(stem + ".summary.csv")};
    }

    private static TrainRunSummary summary(PreparedRun run, TrainSettings settings, TrainResult result) {
        RunSpec spec = run.spec();
        TrainRunSummary.Settings values = new TrainRunSummary.Settings(spec.optimizer().kind().cliName(),
                spec.optimizer().weightDecay(), spec.batchSize(), spec.seed(), spec.validationFraction(), settings.steps(),
                settings.schedule().describe(), settings.momentum());
        return new TrainRunSummary(spec.summaryHead(TrainRunSummary.KIND), values, run.compileSettingsMap(),
                result.stepsRun(), result.stepsRun() == 0 ? null : result.lastLoss(),
                result.initialValidation().map(Evaluation::loss).orElse(null),
                result.lastValidation().map(v -> v.evaluation().loss()).orElse(null),
                result.lastValidation().map(v -> (long) v.step()).orElse(null),
                result.stop().map(s -> Flags.inFlags(s.message())).orElse(null), spec.provenance().build());
    }

    private static LearningRateSchedule schedule(CommandLine line, long steps) {
        if (line.hasOption("schedule")) {
            try {
                return ScheduleSpec.parse(line.getOptionValue("schedule"), steps, RangeTestOption.defaults(line));
            } catch (IllegalArgumentException e) {
                throw LrlabException.usage("--schedule: " + e.getMessage());
            }
        }
        if (line.hasOption(RangeTestOption.NAME)) {
            throw LrlabException.usage("--" + RangeTestOption.NAME + " fills a schedule's base and max; give --schedule too, "
                    + "e.g. --schedule triangular:step=200");
        }
        double lr = Arguments.number(line, "lr", TrainSettings.DEFAULT_LR);
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw LrlabException.usage("--lr must be a positive number, found " + lr);
        }
        return new ConstantSchedule(lr);
    }

    private static void describe(PreparedRun run, TrainSettings settings, CliContext context) {
        context.log("model: " + run.spec().route().describe());
        context.log("loss: " + run.engine().objective().description());
        RunOptions.logSettings(run, context);
        if (run.engine().evaluationObjective() != run.engine().objective()) {
            context.log("validation objective: " + run.engine().evaluationObjective().description());
        }
        run.dataset().classNames().ifPresent(names -> {
            StringBuilder mapping = new StringBuilder("classes:");
            for (int i = 0; i < names.size(); i++) {
                mapping.append(' ').append(i).append('=').append(names.get(i));
            }
            context.log(mapping.toString());
        });
        context.log("data: " + run.splitSizes() + ", " + run.engine().variables().size() + " trainable variables");
        context.log("training: " + settings.steps() + " steps of " + run.spec().batchSize() + " rows, "
                + run.spec().optimizer().kind().cliName() + ", " + settings.schedule().describe());
    }

    /**
     * Prints the steps run, the last batch loss, and the validation before the first step and the last one measured
     * after a step, never the initial one posing as final: when that is not after the last step run (a stop came
     * first), the line names the step it was measured after.
     */
    private static void report(TrainResult result, CliContext context) {
        context.out().println(result.stepsRun() == 0 ? "steps: 0 (no step ran)"
                : "steps: " + result.stepsRun() + ", last batch loss: " + result.lastLoss());
        Optional<Evaluation> before = result.initialValidation();
        if (before.isEmpty()) {
            return;
        }
        Optional<StepValidation> after = result.lastValidation();
        if (after.isEmpty()) {
            context.out().println("validation loss: " + before.get().loss() + " before the first step; none measured after a "
                    + "step (validation runs at each epoch end and after the last step)");
            return;
        }
        String when = result.lastValidationIsFinal() ? "" : " (measured after step " + after.get().step()
                + ", the last validation before the run stopped after step " + (result.stepsRun() - 1) + ")";
        Evaluation last = after.get().evaluation();
        context.out().println("validation loss: " + before.get().loss() + " -> " + last.loss() + when);
        if (before.get().accuracy().isPresent() && last.accuracy().isPresent()) {
            context.out().println("validation accuracy: " + before.get().accuracy().getAsDouble() + " -> "
                    + last.accuracy().getAsDouble() + when);
        }
    }
}
