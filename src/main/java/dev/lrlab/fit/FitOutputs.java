package dev.lrlab.fit;

import dev.lrlab.LrlabException;
import dev.lrlab.rangetest.RangeTestOutputs;
import dev.lrlab.rangetest.RangeTestReport;
import dev.lrlab.rangetest.RangeTestResult;
import dev.lrlab.rangetest.RangeTestSetup;
import dev.lrlab.rangetest.RangeTestPlot;
import dev.lrlab.report.CurvePlot;
import dev.lrlab.report.StagedOutput;
import dev.lrlab.report.summary.FitRunSummary;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StepRow;
import dev.lrlab.train.Evaluation;
import dev.lrlab.training.TrainCurveWriter;
import dev.lrlab.training.TrainSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The files of a fit, the same from Java as from {@code lrlab fit}, in one folder: the range test's curve and plots
 * ({@code range-test.csv}, {@code .png}, {@code .svg}, see {@link RangeTestOutputs}; absent when the rate was given),
 * the training curve {@value #CURVE} (see {@link TrainCurveWriter}), with {@code --compare} the comparison curves
 * ({@code curve-lr-x0.1.csv}, {@code curve-lr-x10.csv}), one plot of both ({@value #PNG}, {@value #SVG}: the range
 * test with the chosen rate marked above the training's batch loss, validation loss and fed rate against the step),
 * and {@code summary.json}/{@code .csv} ({@link FitRunSummary}).
 *
 * <p>The command line writes the curves row by row while the fit runs ({@link #curveFiles}), so that an interrupted
 * fit keeps them, and the rest when it ends ({@link #writeReport}); {@link #write} does both from a finished result.
 */
public final class FitOutputs {
    /** The training curve's file name. */
    public static final String CURVE = "curve.csv";
    /** The plot's PNG file name. */
    public static final String PNG = "fit.png";
    /** The plot's SVG file name. */
    public static final String SVG = "fit.svg";

    private FitOutputs() {
    }

    /**
     * @param factor 1 for the training at the chosen rate, else a comparison's factor
     * @return its curve's file name: {@value #CURVE}, {@code curve-lr-x0.1.csv}, {@code curve-lr-x10.csv}
     */
    public static String curveName(double factor) {
        return factor == 1 ? CURVE : "curve-lr-x" + BigDecimal.valueOf(factor).stripTrailingZeros().toPlainString() + ".csv";
    }

    /**
     * Writes every file of a finished fit into a new or empty folder.
     *
     * @param dir the folder; created with its parents when missing
     * @param result a result of {@link Fit#run}
     * @return {@code dir}
     * @throws LrlabException (output) when {@code dir} is a file or holds files, or cannot be written in; (write failed)
     *                        when a file cannot be written
     */
    public static Path write(Path dir, FitResult result) {
        return StagedOutput.writeFolder(dir, false, "output folder", out -> {
            result.rangeTest().ifPresent(r -> RangeTestOutputs.writeCurve(out, r));
            try (CurveFiles files = curveFiles(out)) {
                for (FitTraining training : result.trainings()) {
                    files.onTrainingStart(training.factor(), training.settings(), result.spec(), result.accuracy());
                    training.rows().forEach(row -> files.onStep(training.factor(), row));
                }
            }
            writeReport(out, result);
        });
    }

    /**
     * The curves' writers, to be given to {@link Fit#run(RunSpec, FitConfig, FitListener, dev.lrlab.run.StopSignal)}:
     * each point and row reaches its file as it is computed.
     *
     * @param out where the fit's files go
     * @return the writers; close them when the fit ends
     */
    public static CurveFiles curveFiles(StagedOutput out) {
        return new CurveFiles(out);
    }

    /**
     * Writes the plots and the summary of a finished fit; the curves are {@link #curveFiles}'.
     *
     * @param out where the fit's files go; not committed here
     * @param result a result of {@link Fit#run}
     */
    public static void writeReport(StagedOutput out, FitResult result) {
        result.rangeTest().ifPresent(r -> RangeTestOutputs.writePlots(out, r));
        List<CurvePlot> panels = panels(result);
        if (!panels.isEmpty()) {
            CurvePlot.writePng(panels, out.resolve(PNG), CurvePlot.DEFAULT_WIDTH, CurvePlot.DEFAULT_HEIGHT, true);
            CurvePlot.writeSvg(panels, out.resolve(SVG), CurvePlot.DEFAULT_WIDTH, CurvePlot.DEFAULT_HEIGHT, true);
        }
        summary(result).write(out.dir(), true);
    }

    /** The range test with the chosen rate marked, above the training. */
    static List<CurvePlot> panels(FitResult result) {
        List<CurvePlot> panels = new ArrayList<>();
        String model = String.valueOf(result.spec().model().getFileName());
        result.rangeTest().ifPresent(r -> {
            List<CurvePlot.Marker> markers = new ArrayList<>();
            result.choice().ifPresent(c -> {
                c.baseLr().ifPresent(base -> markers.add(new CurvePlot.Marker(base, "base " + rate(base))));
                markers.add(new CurvePlot.Marker(c.lr(), "chosen " + c.method() + " " + rate(c.lr()) + " ("
                        + result.config().policy().cliName() + ")"));
            });
            panels.add(RangeTestPlot.of("Range test: " + model, r, markers));
        });
        Optional<FitTraining> chosen = result.chosen();
        if (chosen.isPresent()) {
            FitTraining t = chosen.get();
            CurvePlot.Builder plot = CurvePlot.builder().title("Training: " + model + ", " + t.settings().schedule().describe()
                    .replaceAll(",.*", "") + (result.comparisons().isEmpty() ? "" : ", and at 1/10 and 10x"))
                    .xLabel("step").yLabel("loss")
                    .addSeries("batch loss", steps(t.rows()), column(t.rows(), Column.LOSS))
                    .addSeries("validation loss", steps(t.rows()), column(t.rows(), Column.VAL_LOSS));
            for (FitTraining c : result.comparisons()) {
                plot.addSeries("validation loss, lr x" + factor(c.factor()), steps(c.rows()), column(c.rows(), Column.VAL_LOSS));
            }
            plot.secondaryAxis("learning rate (log scale)", true)
                    .addSecondarySeries("fed rate", steps(t.rows()), column(t.rows(), Column.LR));
            panels.add(plot.build());
        }
        return panels;
    }

    /**
     * @param result a result of {@link Fit#run}
     * @return its summary
     */
    public static FitRunSummary summary(FitResult result) {
        RunSpec spec = result.spec();
        FitConfig config = result.config();
        long steps = result.trainings().isEmpty() ? 0 : result.trainings().get(0).settings().steps();
        FitRunSummary.Settings settings = new FitRunSummary.Settings(spec.optimizer().kind().cliName(),
                spec.optimizer().weightDecay(), spec.batchSize(), spec.seed(), spec.validationFraction(),
                config.policy().cliName(), config.lr().isPresent() ? Double.toString(config.lr().getAsDouble()) : "auto",
                config.steps() > 0 ? null : config.epochs(), steps, spec.compile().momentum().value());
        FitRunSummary.RangeTest rangeTest = result.rangeTest().map(FitOutputs::rangeTest).orElse(null);
        FitRunSummary.Choice choice = result.choice().map(c -> new FitRunSummary.Choice(c.method(), c.lr(),
                c.baseLr().isPresent() ? c.baseLr().getAsDouble() : null, c.reason(),
                result.chosen().map(t -> t.settings().schedule().describe()).orElse(null))).orElse(null);
        List<FitRunSummary.Outcome> compare = result.comparisons().stream()
                .map(t -> outcome(t, result.choice().orElseThrow())).toList();
        return new FitRunSummary(spec.summaryHead(FitRunSummary.KIND), settings, result.compileSettings(), rangeTest,
                choice, result.chosen().map(t -> outcome(t, result.choice().orElseThrow())).orElse(null),
                config.compare() ? compare : null, result.bestFactor().orElse(null),
                result.stop().map(s -> s.message()).orElse(null),
                result.export().map(p -> config.export().map(Path::toString).orElse(p.toString())).orElse(null),
                result.wallTime().toNanos() / 1e9, spec.provenance().setting("policy", config.policy().cliName()).build());
    }

    private static FitRunSummary.RangeTest rangeTest(RangeTestResult r) {
        RangeTestSetup setup = r.setup();
        return new FitRunSummary.RangeTest(RangeTestReport.settings(setup.spec(), setup.config()), r.stepsRun(),
                r.stop().map(s -> s.kind().name().toLowerCase(Locale.ROOT)).orElse("completed"), r.stopDescription(),
                r.suggestions().toSummary());
    }

    private static FitRunSummary.Outcome outcome(FitTraining t, RateChoice choice) {
        Optional<Evaluation> last = t.finalValidation();
        return new FitRunSummary.Outcome(t.factor(), choice.lr() * t.factor(), t.result().stepsRun(),
                t.result().stepsRun() == 0 ? null : t.result().lastLoss(),
                t.result().initialValidation().map(Evaluation::loss).orElse(null),
                last.map(Evaluation::loss).orElse(null),
                last.flatMap(e -> e.accuracy().isPresent() ? Optional.of(e.accuracy().getAsDouble()) : Optional.empty())
                        .orElse(null),
                t.result().stop().map(s -> s.message()).orElse(null));
    }

    private static String rate(double lr) {
        return String.format(Locale.ROOT, "%.2e", lr);
    }

    private static String factor(double factor) {
        return factor < 1 ? "1/" + Math.round(1 / factor) : Long.toString(Math.round(factor));
    }

    private enum Column { LOSS, VAL_LOSS, LR }

    private static double[] steps(List<StepRow> rows) {
        return rows.stream().mapToDouble(StepRow::step).toArray();
    }

    private static double[] column(List<StepRow> rows, Column column) {
        return rows.stream().mapToDouble(r -> switch (column) {
            case LOSS -> r.loss();
            case VAL_LOSS -> r.valLoss().orElse(Double.NaN);
            case LR -> r.lr();
        }).toArray();
    }

    /** Writes each curve of a fit as its points and rows come; one training curve open at a time. */
    public static final class CurveFiles implements FitListener, AutoCloseable {
        private final StagedOutput out;
        private dev.lrlab.rangetest.RangeTestCurveWriter rangeTest;
        private TrainCurveWriter training;
        private double factor = Double.NaN;

        private CurveFiles(StagedOutput out) {
            this.out = out;
        }

        @Override
        public void onRangeTestStart(RangeTestSetup setup) {
            rangeTest = RangeTestOutputs.curveWriter(out, setup);
        }

        @Override
        public void onRangeTestPoint(dev.lrlab.rangetest.RangeTestPoint point) {
            rangeTest.onStep(point);
        }

        @Override
        public void onChoice(RateChoice choice) {
            closeRangeTest();
        }

        @Override
        public void onTrainingStart(double factor, TrainSettings settings, RunSpec spec, boolean accuracy) {
            closeRangeTest();
            closeTraining();
            this.factor = factor;
            training = new TrainCurveWriter(out.resolve(curveName(factor)), spec.optimizer().kind().usesMomentum(), accuracy,
                    spec.optimizer().kind().isHypergradient(), true);
        }

        @Override
        public void onStep(double factor, StepRow row) {
            if (factor != this.factor) {
                throw new IllegalStateException("expected rows of the training at x" + this.factor + ", found one at x"
                        + factor);
            }
            training.onStep(row);
        }

        @Override
        public void close() {
            try {
                closeRangeTest();
            } finally {
                closeTraining();
            }
        }

        private void closeRangeTest() {
            if (rangeTest != null) {
                dev.lrlab.rangetest.RangeTestCurveWriter writer = rangeTest;
                rangeTest = null;
                writer.close();
            }
        }

        private void closeTraining() {
            if (training != null) {
                TrainCurveWriter writer = training;
                training = null;
                writer.close();
            }
        }
    }
}
