package dev.lrlab.cli;

import dev.lrlab.ExitCode;
import dev.lrlab.LrlabException;
import dev.lrlab.experiment.PreparedRun;
import dev.lrlab.model.ModelExporter;
import dev.lrlab.experiment.RunSpec;
import dev.lrlab.experiment.StopReason;
import dev.lrlab.experiment.TrainCurveWriter;
import dev.lrlab.experiment.TrainResult;
import dev.lrlab.experiment.TrainRun;
import dev.lrlab.experiment.TrainSettings;
import dev.lrlab.report.OutputDirectory;
import dev.lrlab.schedule.ConstantSchedule;
import dev.lrlab.schedule.LearningRateSchedule;
import dev.lrlab.schedule.ScheduleSpec;
import dev.lrlab.train.Evaluation;
import dev.lrlab.train.OptimizerKind;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code lrlab train MODEL_DIR --data FILE ...}: trains with a fed rate, writes the curve, optionally exports. */
final class TrainCommand implements Command {
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
        options.addOption(RunOptions.value("lr", "RATE", "learning rate, or alpha_0 of a hypergradient optimizer (default 0.01)"));
        options.addOption(RunOptions.value("momentum", "MU", "momentum, or Adam's beta1 (default 0.9)"));
        options.addOption(RunOptions.value("schedule", "SPEC", "learning-rate schedule, e.g. onecycle:max=0.1 or "
                + "triangular2:base=1e-3,max=6e-3,step=200 (overrides --lr)"));
        RunLength.addTo(options, 5);
        options.addOption(RunOptions.value("out", "FILE", "curve CSV (default runs/train-TIME/curve.csv)"));
        options.addOption(RunOptions.value("export", "DIR", "write the trained model as a new SavedModel"));
        options.addOption(Option.builder().longOpt("force").desc("overwrite an existing curve or export").build());
        options.addOption(RangeTestOption.option());
        return options;
    }

    @Override
    public ExitCode run(CommandLine line, CliContext context) {
        RunSpec spec = RunOptions.spec(line, OptimizerKind.SGD);
        boolean force = line.hasOption("force");
        Path export = line.hasOption("export") ? Path.of(line.getOptionValue("export")) : null;
        if (export != null) {
            ModelExporter.refuseExisting(export, force);
        }
        Path curve = line.hasOption("out") ? Path.of(line.getOptionValue("out"))
                : OutputDirectory.prepare(OutputDirectory.defaultPath(Path.of("runs"), "train", LocalDateTime.now()), false)
                        .resolve("curve.csv");
        try (PreparedRun run = PreparedRun.open(spec)) {
            long steps = RunLength.steps(line, run, 5);
            TrainSettings settings = new TrainSettings(steps, schedule(line, steps), Arguments.number(line, "momentum", 0.9));
            describe(run, settings, context);
            TrainResult result;
            try (TrainCurveWriter writer = new TrainCurveWriter(curve, spec.optimizer().kind().usesMomentum(),
                    run.engine().objective().accuracy().isPresent(), spec.optimizer().kind().isHypergradient(), force)) {
                result = TrainRun.run(run, settings, writer, context.stop());
            }
            context.out().println("curve: " + curve);
            report(result, context);
            if (result.stop().isPresent()) {
                StopReason stop = result.stop().get();
                throw new LrlabException(stop.kind() == StopReason.Kind.INTERRUPTED ? ExitCode.INTERRUPTED : ExitCode.DIVERGED,
                        stop.message() + " (" + curve + ")");
            }
            if (export != null) {
                run.export(export, force);
                context.out().println("exported: " + export);
            }
            return ExitCode.OK;
        }
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
        double lr = Arguments.number(line, "lr", 0.01);
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw LrlabException.usage("--lr must be a positive number, found " + lr);
        }
        return new ConstantSchedule(lr);
    }

    private static void describe(PreparedRun run, TrainSettings settings, CliContext context) {
        context.log("model: " + run.spec().route().describe());
        context.log("loss: " + run.engine().objective().description());
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
        run.feedNotes().forEach(context::log);
        context.log("data: " + run.split().train().size() + " training rows, " + run.split().validation().size()
                + " validation rows, " + run.engine().variables().size() + " trainable variables");
        context.log("training: " + settings.steps() + " steps of " + run.spec().batchSize() + " rows, "
                + run.spec().optimizer().kind().cliName() + ", " + settings.schedule().describe());
    }

    private static void report(TrainResult result, CliContext context) {
        context.out().println("steps: " + result.stepsRun() + ", last batch loss: " + result.lastLoss());
        Optional<Evaluation> before = result.initialValidation();
        Optional<Evaluation> after = result.finalValidation();
        if (before.isPresent() && after.isPresent()) {
            context.out().println("validation loss: " + before.get().loss() + " -> " + after.get().loss());
            if (after.get().accuracy().isPresent()) {
                context.out().println("validation accuracy: " + before.get().accuracy().getAsDouble() + " -> "
                        + after.get().accuracy().getAsDouble());
            }
        }
    }
}
