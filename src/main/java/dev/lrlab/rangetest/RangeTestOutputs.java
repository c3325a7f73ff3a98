package dev.lrlab.rangetest;

import dev.lrlab.LrlabException;
import dev.lrlab.report.CurvePlot;
import dev.lrlab.report.Provenance;
import dev.lrlab.report.StagedOutput;
import dev.lrlab.report.SummaryWriter;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StepListener;
import dev.lrlab.run.StopSignal;
import java.nio.file.Path;
import java.util.List;

/**
 * The files of a range test, the same from Java as from {@code lrlab range-test}: the curve
 * ({@value #CSV}, see {@link RangeTestCurveWriter}), its plot ({@value #PNG} and {@value #SVG}, see
 * {@link RangeTestPlot}) and the summary ({@code summary.json} and {@code summary.csv}, see {@link RangeTestReport}).
 *
 * <pre>{@code
 * RangeTestResult result = RangeTest.run(run);
 * RangeTestOutputs.write(Path.of("runs/range-test"), result);
 * }</pre>
 *
 * <p>The command line streams the curve while the sweep runs ({@link #curveWriter}), so that an interrupted test keeps
 * its rows, and writes the rest when it ends ({@link #writeReport}); {@link #write} does both from a finished result.
 * Either way the files are written into a {@link StagedOutput} and appear together, or not at all.
 */
public final class RangeTestOutputs {
    /** The curve's file name. */
    public static final String CSV = RangeTestCurveWriter.FILE_NAME;
    /** The plot's PNG file name. */
    public static final String PNG = "range-test.png";
    /** The plot's SVG file name. */
    public static final String SVG = "range-test.svg";
    /** Every file written, in the order written. */
    public static final List<String> FILES = List.of(CSV, PNG, SVG, SummaryWriter.JSON_FILE, SummaryWriter.CSV_FILE);

    private RangeTestOutputs() {
    }

    /**
     * Writes every file of a finished range test into a new or empty folder.
     *
     * @param dir the folder; created with its parents when missing
     * @param result a result of {@link RangeTest#run}
     * @return {@code dir}
     * @throws LrlabException (output) when {@code dir} is a file or holds files, or cannot be written in; (write failed)
     *                        when a file cannot be written
     * @throws IllegalArgumentException when the result was not made by {@link RangeTest#run} (it has no setup)
     */
    public static Path write(Path dir, RangeTestResult result) {
        return write(dir, result, false);
    }

    /**
     * Like {@link #write(Path, RangeTestResult)}; with {@code replace}, into a folder that holds files: the files of
     * this test replace those of the same names, other files stay.
     *
     * @param dir the folder; created with its parents when missing
     * @param result a result of {@link RangeTest#run}
     * @param replace whether a folder that holds files may receive these
     * @return {@code dir}
     */
    public static Path write(Path dir, RangeTestResult result, boolean replace) {
        setupOf(result);
        return StagedOutput.writeFolder(dir, replace, "output folder", out -> {
            writeCurve(out, result);
            writeReport(out, result);
        });
    }

    /**
     * The curve's writer, to be fed every point as the sweep runs (the command line passes it to
     * {@link RangeTest#run(PreparedRun, RangeTestConfig, StepListener<RangeTestPoint>, StopSignal)}).
     *
     * @param out where the run's files go
     * @param setup what the test runs on ({@link RangeTestSetup#of})
     * @return the writer; close it when the sweep ends
     */
    public static RangeTestCurveWriter curveWriter(StagedOutput out, RangeTestSetup setup) {
        return new RangeTestCurveWriter(out.resolve(CSV), setup.config().validates(), setup.accuracy(), true);
    }

    /**
     * Writes the curve of a finished test ({@value #CSV}), as {@link #curveWriter} would have while it ran.
     *
     * @param out where the run's files go; not committed here
     * @param result a result of {@link RangeTest#run}
     */
    public static void writeCurve(StagedOutput out, RangeTestResult result) {
        RangeTestSetup setup = setupOf(result);
        try (RangeTestCurveWriter curve = curveWriter(out, setup)) {
            replay(result, setup, curve);
        }
    }

    /**
     * Writes the plot and the summary of a finished test; the curve is the caller's ({@link #curveWriter}).
     *
     * @param out where the run's files go; not committed here
     * @param result a result of {@link RangeTest#run}
     */
    public static void writeReport(StagedOutput out, RangeTestResult result) {
        writePlots(out, result);
        writeSummary(out.dir(), result, setupOf(result));
    }

    /**
     * Writes the plots of a finished test ({@code range-test.png} and {@code .svg}), without its summary (a run
     * that holds a range test, such as a fit, writes its own).
     *
     * @param out where the run's files go; not committed here
     * @param result a result of {@link RangeTest#run}
     */
    public static void writePlots(StagedOutput out, RangeTestResult result) {
        CurvePlot plot = RangeTestPlot.of("Range test: " + setupOf(result).spec().model().getFileName(), result);
        plot.writePng(out.resolve(PNG), CurvePlot.DEFAULT_WIDTH, CurvePlot.DEFAULT_HEIGHT, true);
        plot.writeSvg(out.resolve(SVG), true);
    }

    /** The one place a range test's summary is made and written. */
    private static void writeSummary(Path dir, RangeTestResult result, RangeTestSetup setup) {
        RunSpec spec = setup.spec();
        RangeTestReport.summary(spec, setup.compileSettings(), setup.config(), result, spec.provenance().build())
                .write(dir, true);
    }

    /** Feeds the points of a finished test to a curve writer, as the sweep would have, step by step. */
    private static void replay(RangeTestResult result, RangeTestSetup setup, StepListener<RangeTestPoint> curve) {
        RangeTestConfig config = setup.config();
        double[] lr = result.lr();
        double[] loss = result.loss();
        double[] smoothed = result.smoothedLoss();
        double[] valLoss = result.valLoss();
        double[] valAccuracy = result.valAccuracy();
        for (int k = 0; k < lr.length; k++) {
            boolean measured = config.validates() && (k + 1) % config.validateEvery() == 0;
            RangeTestPoint.Builder point = RangeTestPoint.builder().setStep(k).setLr(lr[k]).setLoss(loss[k])
                    .setSmoothedLoss(smoothed[k]);
            if (measured) {
                point.optValLoss(valLoss[k]);
                if (setup.accuracy()) {
                    point.optValAccuracy(valAccuracy[k]);
                }
            }
            curve.onStep(point.build());
        }
    }

    private static RangeTestSetup setupOf(RangeTestResult result) {
        if (result.setup() == null) {
            throw new IllegalArgumentException("expected a result of RangeTest.run, found one without its setup (the "
                    + "run spec and the sweep); write its curve with RangeTestCurveWriter and its plot with RangeTestPlot");
        }
        return result.setup();
    }
}
