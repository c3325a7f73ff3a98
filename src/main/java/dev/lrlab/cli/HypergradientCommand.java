package dev.lrlab.cli;

import dev.lrlab.LrlabException;
import dev.lrlab.report.CurvePlot;
import dev.lrlab.report.OutputDirectory;
import dev.lrlab.report.StagedOutput;
import dev.lrlab.report.summary.HypergradientRunSummary;
import dev.lrlab.run.CompileSettings;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopReason;
import dev.lrlab.train.OptimizerKind;
import dev.lrlab.training.CurveRecorder;
import dev.lrlab.training.StepValidation;
import dev.lrlab.training.TrainCurveWriter;
import dev.lrlab.training.TrainResult;
import dev.lrlab.training.TrainRun;
import dev.lrlab.training.TrainSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code lrlab hypergradient MODEL_DIR --data FILE --optimizer sgd-hd|sgdn-hd|adam-hd ...}: a run whose rate
 * adapts online (Baydin et al. 2018), optionally beside a baseline with the rate fixed at alpha_0.
 */
final class HypergradientCommand implements Command {
    @Override
    public String name() {
        return "hypergradient";
    }

    @Override
    public String summary() {
        return "train with hypergradient descent (SGD-HD, SGDN-HD, Adam-HD), optionally beside a fixed-rate baseline";
    }

    @Override
    public String usage() {
        return "MODEL_DIR --data FILE [--label COLUMN] --optimizer sgd-hd|sgdn-hd|adam-hd [options]";
    }

    @Override
    public Options options() {
        Options options = RunOptions.addTo(new Options(), "sgd-hd");
        RunLength.addTo(options, TrainSettings.DEFAULT_HYPERGRADIENT_EPOCHS);
        options.addOption(RunOptions.value("alpha0", "RATE", "initial learning rate alpha_0 (default "
                + RunOptions.shown(TrainSettings.DEFAULT_HYPERGRADIENT_LR) + ")"));
        options.addOption(RunOptions.value("momentum", "MU", "Nesterov momentum of sgdn-hd, or Adam's beta1 (default: the "
                + "model's, else " + RunOptions.shown(CompileSettings.DEFAULT_MOMENTUM) + ")"));
        options.addOption(Option.builder().longOpt("baseline")
                .desc("also run the same optimizer with the rate fixed at alpha_0, same weights and data order").build());
        options.addOption(RunOptions.value("out-dir", "DIR", "output folder (default runs/hypergradient-TIME)"));
        options.addOption(Option.builder().longOpt("force").desc("write into an output folder that holds files: this run's "
                + "curves, plots and summaries replace those of the same name, other files stay").build());
        return options;
    }

    @Override
    public ExitCode run(CommandLine line, CliContext context) {
        RunSpec spec = RunOptions.spec(line, OptimizerKind.SGD_HD);
        OptimizerKind kind = spec.optimizer().kind();
        if (!kind.isHypergradient()) {
            throw LrlabException.usage("--optimizer must be sgd-hd, sgdn-hd or adam-hd for a hypergradient run, found "
                    + kind.cliName());
        }
        double alpha0 = Arguments.number(line, "alpha0", TrainSettings.DEFAULT_HYPERGRADIENT_LR);
        if (!(alpha0 > 0) || Double.isInfinite(alpha0)) {
            throw LrlabException.usage("--alpha0 must be a positive number, found " + alpha0);
        }
        double momentum = spec.compile().momentum().value();
        boolean force = line.hasOption("force");
        Path outDir = line.hasOption("out-dir") ? Path.of(line.getOptionValue("out-dir"))
                : OutputDirectory.defaultPath(Path.of("runs"), "hypergradient", LocalDateTime.now());
        StagedOutput out = StagedOutput.folder(outDir, force, "outDir");
        try {
            Instant start = Instant.now();
            Outcome adaptive = train(spec, line, alpha0, momentum, out.resolve("hypergradient.csv"), context);
            Optional<Outcome> baseline = line.hasOption("baseline") && !context.stop().isStopped()
                    ? Optional.of(train(spec.withOptimizerKind(kind.fixedRateKind()), line, alpha0, momentum,
                            out.resolve("baseline.csv"), context))
                    : Optional.empty();
            plot(adaptive, baseline, out);
            summary(spec, alpha0, adaptive, baseline, Duration.between(start, Instant.now())).write(out.dir(), true);
            if (adaptive.result.stepsRun() > 0) {
                context.out().printf("final rate alpha: %s (alpha_0 %s)%n", last(adaptive.recorder.learningRates()), alpha0);
                context.out().println("last batch loss: " + adaptive.result.lastLoss()
                        + baseline.map(b -> " (baseline at alpha_0: " + b.result.lastLoss() + ")").orElse(""));
            } else {
                context.out().println("steps: 0 (no step ran)");
            }
            adaptive.result.lastValidation().ifPresent(v -> context.out().println("validation loss: "
                    + v.evaluation().loss() + " (after step " + v.step() + ")" + baseline.flatMap(b -> b.result.lastValidation())
                    .map(b -> " (baseline: " + b.evaluation().loss() + " after step " + b.step() + ")").orElse("")));
            List<StopReason> stops = new ArrayList<>();
            adaptive.result.stop().ifPresent(stops::add);
            baseline.flatMap(b -> b.result.stop()).ifPresent(stops::add);
            for (StopReason stop : stops) {
                if (stop.kind() != StopReason.Kind.INTERRUPTED) {
                    throw new LrlabException(LrlabException.Kind.DIVERGED, stop.message()); // the staged curves are kept and named
                }
            }
            out.commit();
            context.out().println("output: " + outDir);
            if (!stops.isEmpty()) {
                throw new LrlabException(LrlabException.Kind.INTERRUPTED, stops.get(0).message() + " (" + outDir + ")");
            }
            return ExitCode.OK;
        } catch (RuntimeException e) {
            throw out.abandon(e);
        } finally {
            out.close();
        }
    }

    private record Outcome(CurveRecorder recorder, TrainResult result, Map<String, Object> compileSettings) {
    }

    private static Outcome train(RunSpec spec, CommandLine line, double alpha0, double momentum, Path csv,
            CliContext context) {
        try (PreparedRun run = PreparedRun.open(spec)) {
            TrainSettings settings = TrainSettings.constant(RunLength.steps(line, run, TrainSettings.DEFAULT_HYPERGRADIENT_EPOCHS), alpha0, momentum);
            context.log(spec.optimizer().kind().cliName() + ": " + settings.steps() + " steps from alpha_0 = " + alpha0
                    + "; loss: " + run.engine().objective().description());
            RunOptions.logSettings(run, context);
            try (TrainCurveWriter writer = new TrainCurveWriter(csv, false, run.engine().objective().accuracy().isPresent(),
                    spec.optimizer().kind().isHypergradient(), true)) {
                CurveRecorder recorder = new CurveRecorder(writer);
                return new Outcome(recorder, TrainRun.run(run, settings, recorder, context.stop()), run.compileSettingsMap());
            }
        }
    }

    private static void plot(Outcome adaptive, Optional<Outcome> baseline, StagedOutput out) {
        CurvePlot.Builder plot = CurvePlot.builder().title("Hypergradient descent").xLabel("step").yLabel("batch loss")
                .addSeries("loss, adaptive rate", adaptive.recorder.steps(), adaptive.recorder.losses())
                .secondaryAxis("learning rate", true)
                .addSecondarySeries("rate, adaptive", adaptive.recorder.steps(), adaptive.recorder.learningRates());
        baseline.ifPresent(b -> plot.addSeries("loss, fixed alpha_0", b.recorder.steps(), b.recorder.losses())
                .addSecondarySeries("rate, fixed", b.recorder.steps(), b.recorder.learningRates()));
        CurvePlot chart = plot.build();
        chart.writePng(out.resolve("hypergradient.png"), CurvePlot.DEFAULT_WIDTH, CurvePlot.DEFAULT_HEIGHT, true);
        chart.writeSvg(out.resolve("hypergradient.svg"), true);
    }

    private static HypergradientRunSummary summary(RunSpec spec, double alpha0, Outcome adaptive, Optional<Outcome> baseline,
            Duration wall) {
        return new HypergradientRunSummary(spec.summaryHead(HypergradientRunSummary.KIND), spec.optimizer().kind().cliName(),
                alpha0, spec.optimizer().hypergradient().beta(), spec.optimizer().hypergradient().multiplicative(),
                adaptive.compileSettings, outcome(adaptive), baseline.map(HypergradientCommand::outcome).orElse(null),
                wall.toMillis() / 1000.0, spec.provenance().setting("batch_size", spec.batchSize()).build());
    }

    private static HypergradientRunSummary.Outcome outcome(Outcome outcome) {
        boolean ran = outcome.result.stepsRun() > 0;
        Optional<StepValidation> validation = outcome.result.lastValidation();
        return new HypergradientRunSummary.Outcome(outcome.result.stepsRun(),
                ran ? last(outcome.recorder.learningRates()) : null, ran ? outcome.result.lastLoss() : null,
                validation.map(v -> v.evaluation().loss()).orElse(null), validation.map(v -> (long) v.step()).orElse(null),
                outcome.result.stop().map(s -> Flags.inFlags(s.message())).orElse(null));
    }

    private static double last(double[] values) {
        return values.length == 0 ? Double.NaN : values[values.length - 1];
    }
}
