package dev.lrlab.cli;

import dev.lrlab.LrlabException;
import dev.lrlab.report.CurvePlot;
import dev.lrlab.report.CurveWriter;
import dev.lrlab.report.CurveWriter.Column;
import dev.lrlab.report.StagedOutput;
import dev.lrlab.schedule.LearningRateSchedule;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code lrlab schedule SPEC --steps N --out FILE}: writes a schedule's rate (and momentum) for every step,
 * without a model: CSV {@code step,lr,momentum} (momentum empty where the schedule leaves it to the
 * optimizer), and optionally a plot (SVG when the name ends with {@code .svg}, PNG otherwise).
 */
final class ScheduleCommand implements Command {
    @Override
    public String name() {
        return "schedule";
    }

    @Override
    public String summary() {
        return "write a learning-rate schedule (step, lr, momentum) as CSV and optionally a plot, without a model";
    }

    @Override
    public String usage() {
        return "SPEC --steps N --out FILE [--plot FILE] [--from-range-test SUMMARY] [--force]";
    }

    @Override
    public Options options() {
        Options options = new Options();
        options.addOption(RunOptions.value("steps", "N", "total optimizer steps (required)"));
        options.addOption(RunOptions.value("out", "FILE", "CSV to write: step,lr,momentum (required)"));
        options.addOption(RunOptions.value("plot", "FILE", "also draw the schedule: FILE.png or FILE.svg"));
        options.addOption(RangeTestOption.option());
        options.addOption(Option.builder().longOpt("force").desc("replace the --out and --plot files if they exist").build());
        return options;
    }

    @Override
    public ExitCode run(CommandLine line, CliContext context) {
        List<String> rest = line.getArgList();
        if (rest.size() != 1) {
            throw LrlabException.usage(rest.isEmpty() ? "SPEC is required, e.g. 'lrlab schedule onecycle:max=0.1 --steps 1000 "
                    + "--out lr.csv'" : "expected one SPEC, found " + rest.size() + " arguments: " + String.join(" ", rest));
        }
        if (!line.hasOption("steps")) {
            throw LrlabException.usage("--steps N is required: the schedule's total number of steps");
        }
        if (!line.hasOption("out")) {
            throw LrlabException.usage("--out FILE is required: the CSV to write");
        }
        int steps = Arguments.positiveInt(line, "steps", 1);
        boolean force = line.hasOption("force");
        LearningRateSchedule schedule = RangeTestOption.parse(line, rest.get(0), steps, "SPEC");
        Path out = Path.of(line.getOptionValue("out"));
        Path plotFile = line.hasOption("plot") ? Path.of(line.getOptionValue("plot")) : null;
        StagedOutput staged = StagedOutput.files(plotFile == null ? List.of(out) : List.of(out, plotFile), force);
        try {
            write(schedule, steps, staged.staged(out), plotFile == null ? null : staged.staged(plotFile));
            staged.commit();
        } catch (RuntimeException e) {
            throw staged.abandon(e);
        } finally {
            staged.close();
        }
        context.log("schedule: " + schedule.describe() + ", " + steps + " steps");
        context.out().println("schedule: " + out);
        if (plotFile != null) {
            context.out().println("plot: " + plotFile);
        }
        return ExitCode.OK;
    }

    private static void write(LearningRateSchedule schedule, int steps, Path out, Path plotFile) {
        double[] step = new double[steps];
        double[] lr = new double[steps];
        double[] momentum = new double[steps];
        boolean anyMomentum = false;
        for (int i = 0; i < steps; i++) {
            step[i] = i;
            lr[i] = schedule.learningRate(i);
            OptionalDouble mu = schedule.momentum(i);
            momentum[i] = mu.orElse(Double.NaN);
            anyMomentum |= mu.isPresent();
        }
        try (CurveWriter writer = CurveWriter.create(out, List.of(Column.integer("step"), Column.real("lr"),
                Column.real("momentum")), true)) {
            for (int i = 0; i < steps; i++) {
                writer.writeRow(OptionalDouble.of(i), OptionalDouble.of(lr[i]),
                        Double.isNaN(momentum[i]) ? OptionalDouble.empty() : OptionalDouble.of(momentum[i]));
            }
        }
        if (plotFile != null) {
            CurvePlot.Builder plot = CurvePlot.builder().title(schedule.describe()).xLabel("step").yLabel("learning rate")
                    .addSeries("learning rate", step, lr);
            if (anyMomentum) {
                plot.secondaryAxis("momentum", false).addSecondarySeries("momentum", step, momentum);
            }
            if (plotFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
                plot.build().writeSvg(plotFile, true);
            } else {
                plot.build().writePng(plotFile, CurvePlot.DEFAULT_WIDTH, CurvePlot.DEFAULT_HEIGHT, true);
            }
        }
    }
}
