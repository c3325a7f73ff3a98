package dev.lrlab.cli;

import dev.lrlab.LrlabException;
import dev.lrlab.rangetest.RangeTest;
import dev.lrlab.rangetest.RangeTestPlot;
import dev.lrlab.report.CurveCsvReader;
import dev.lrlab.report.CurvePlot;
import dev.lrlab.report.LrLossCurve;
import dev.lrlab.report.StagedOutput;
import dev.lrlab.suggest.LossSmoother;
import dev.lrlab.suggest.SuggestionTable;
import dev.lrlab.suggest.Suggestions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code lrlab suggest CURVE.csv [--lr-column lr] [--loss-column loss] [--plot FILE.png] [--smoothing 0.98 |
 * --no-smoothing]}: the range test's suggestions (and plot) from any CSV with a learning-rate and a loss
 * column, ours or another tool's. The losses are smoothed as the range test smooths them, so lrlab's own
 * {@code range-test.csv} gives the suggestions the test printed.
 */
final class SuggestCommand implements Command {
    @Override
    public String name() {
        return "suggest";
    }

    @Override
    public String summary() {
        return "suggest learning rates from any CSV of learning rate and loss (e.g. a range-test.csv)";
    }

    @Override
    public String usage() {
        return "CURVE.csv [--lr-column lr] [--loss-column loss] [--plot FILE.png|.svg] [--smoothing 0.98 | --no-smoothing]";
    }

    @Override
    public Options options() {
        Options options = new Options();
        options.addOption(RunOptions.value("lr-column", "NAME", "learning-rate column (default lr, else learning_rate or lrs)"));
        options.addOption(RunOptions.value("loss-column", "NAME", "loss column (default loss, else losses)"));
        options.addOption(RunOptions.value("plot", "FILE", "also draw the curve and the suggestions (.png or .svg)"));
        options.addOption(RunOptions.value("smoothing", "BETA", "beta of the loss moving average, in [0, 1) (default "
                + RunOptions.shown(LossSmoother.DEFAULT_BETA) + ")"));
        options.addOption(Option.builder().longOpt("no-smoothing").desc("the losses are already smooth; use them as they are")
                .build());
        options.addOption(Option.builder().longOpt("force").desc("replace the --plot file if it exists").build());
        return options;
    }

    @Override
    public ExitCode run(CommandLine line, CliContext context) {
        Path file = Arguments.positionalPath(line, "CURVE.csv");
        if (line.hasOption("smoothing") && line.hasOption("no-smoothing")) {
            throw LrlabException.usage("give --smoothing or --no-smoothing, not both");
        }
        double beta = line.hasOption("no-smoothing") ? 0 : Arguments.number(line, "smoothing", LossSmoother.DEFAULT_BETA);
        if (!(beta >= 0 && beta < 1)) {
            throw LrlabException.usage("expected --smoothing in [0, 1), found " + beta);
        }
        Path plotFile = line.hasOption("plot") ? Path.of(line.getOptionValue("plot")) : null;
        StagedOutput staged = plotFile == null ? null : StagedOutput.files(List.of(plotFile), line.hasOption("force"), "plot");
        try {
            suggest(file, beta, line, plotFile, staged, context);
            if (staged != null) {
                staged.commit();
                context.out().println("plot: " + plotFile);
            }
        } catch (RuntimeException e) {
            throw staged == null ? e : staged.abandon(e);
        } finally {
            if (staged != null) {
                staged.close();
            }
        }
        context.out().flush();
        return ExitCode.OK;
    }

    private static void suggest(Path file, double beta, CommandLine line, Path plotFile, StagedOutput staged,
            CliContext context) {
        LrLossCurve curve = CurveCsvReader.read(file, line.getOptionValue("lr-column"), line.getOptionValue("loss-column"));
        if (!curve.note().isEmpty()) {
            context.log("note: " + curve.note());
        }
        double[] smoothed = LossSmoother.smooth(curve.loss(), beta);
        Suggestions suggestions = RangeTest.suggest(curve.lr(), smoothed);
        context.out().printf(Locale.ROOT, "curve: %s, %d points, columns %s and %s, %s%n", file, curve.size(),
                curve.lrColumn(), curve.lossColumn(), beta == 0 ? "no smoothing" : "smoothing " + beta);
        context.out().print(Flags.inFlags(SuggestionTable.format(suggestions)));
        suggestions.recommended().ifPresent(s -> context.out().printf(Locale.ROOT, "suggested learning rate: %.2e (%s)%n",
                s.lr(), s.name()));
        context.out().flush();
        if (plotFile != null) {
            CurvePlot plot = RangeTestPlot.of("Suggestions for " + file.getFileName(), curve.lr(),
                    beta == 0 ? null : curve.loss(), smoothed, null, suggestions);
            Path into = staged.staged(plotFile);
            if (plotFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
                plot.writeSvg(into, true);
            } else {
                plot.writePng(into, CurvePlot.DEFAULT_WIDTH, CurvePlot.DEFAULT_HEIGHT, true);
            }
        }
    }
}
