package dev.lrlab.search;

import dev.lrlab.report.AtomicFiles;
import dev.lrlab.report.CurvePlot;
import dev.lrlab.report.CurveWriter.Column;
import dev.lrlab.report.CurveWriter;
import dev.lrlab.report.Provenance;
import dev.lrlab.report.ScientificFormat;
import dev.lrlab.report.summary.SearchRunSummary;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The files a coarse-to-fine search writes into its output folder:
 * <ul>
 * <li>{@code trials.csv}: one row per trial in {@link SearchResult#trials()} order, columns
 * {@code stage,lr,final_loss,best_loss,val_loss,diverged,steps,seconds,error}; numbers as
 * {@link Double#toString(double)} (they read back to the same double), {@code val_loss} empty when not
 * measured, {@code diverged} {@code true} or {@code false}, {@code error} empty unless the trial failed to run
 * ({@link TrialResult#failure()}: then it holds the message, the losses are {@code NaN} and {@code steps} 0).
 * Only {@code seconds} differs between repeated searches.</li>
 * <li>{@code trials/<stage>-<lr>.csv}, e.g. {@code trials/coarse-1e-4.csv}: the trial's curve,
 * {@code step,lr,loss,smoothed_loss}; the rate in the name has five significant digits.</li>
 * <li>{@code search.png} and {@code search.svg}: final smoothed loss (and validation loss) against the rate
 * on a log axis, for the trials that did not diverge, with the best rate marked (and the range test's
 * suggestion, when given).</li>
 * <li>{@code summary.json} and {@code summary.csv} through {@link dev.lrlab.report.SummaryWriter}:
 * see {@link #summary}.</li>
 * </ul>
 */
public final class SearchReport {
    /** File name of the trial table. */
    public static final String TRIALS_FILE = "trials.csv";
    /** Folder of the per-trial curves. */
    public static final String TRIALS_DIR = "trials";
    /** Base name of the plot files. */
    public static final String PLOT_NAME = "search";
    /** The columns of {@code trials.csv}. */
    public static final List<String> TRIAL_COLUMNS = List.of("stage", "lr", "final_loss", "best_loss", "val_loss",
            "diverged", "steps", "seconds", "error");

    private SearchReport() {
    }

    /**
     * @param trials trials in report order
     * @return the text of {@code trials.csv}, lines ending with {@code \n}
     */
    public static String trialsCsv(List<TrialResult> trials) {
        StringWriter out = new StringWriter();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(TRIAL_COLUMNS.toArray(String[]::new))
                .setRecordSeparator("\n").get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (TrialResult t : trials) {
                printer.printRecord(t.stage().label(), Double.toString(t.lr()), Double.toString(t.finalLoss()),
                        Double.toString(t.bestLoss()), Double.isNaN(t.valLoss()) ? "" : Double.toString(t.valLoss()),
                        Boolean.toString(t.diverged()), Long.toString(t.steps()), Double.toString(t.seconds()),
                        t.failure().orElse(""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * @param file where to write {@code trials.csv}
     * @param trials trials in report order
     * @param force whether an existing file may be replaced
     * @throws dev.lrlab.LrlabException (OUTPUT) when the file exists without force or cannot be written
     */
    public static void writeTrials(Path file, List<TrialResult> trials, boolean force) {
        AtomicFiles.writeString(file, trialsCsv(trials), force);
    }

    /**
     * @param dir the search's output folder
     * @param trial a trial
     * @return {@code dir/trials/<stage>-<lr>.csv}
     */
    public static Path trialCurveFile(Path dir, TrialResult trial) {
        return dir.resolve(TRIALS_DIR).resolve(trial.stage().label() + "-" + ScientificFormat.format(trial.lr(), 5) + ".csv");
    }

    /**
     * @param file the curve CSV; its folder must exist
     * @param trial the trial
     * @param force whether an existing file may be replaced
     * @throws dev.lrlab.LrlabException (OUTPUT) when the file exists without force or cannot be written
     */
    public static void writeTrialCurve(Path file, TrialResult trial, boolean force) {
        try (CurveWriter writer = CurveWriter.create(file, List.of(Column.integer("step"), Column.real("lr"),
                Column.real("loss"), Column.real("smoothed_loss")), force)) {
            for (int i = 0; i < trial.steps(); i++) {
                writer.writeRow(i, trial.lr(), trial.losses()[i], trial.smoothedLosses()[i]);
            }
        }
    }

    /**
     * @param result the search
     * @param rangeTest the comparison with a range test, if one was given
     * @return the loss-against-rate chart
     */
    public static CurvePlot plot(SearchResult result, Optional<RangeTestComparison> rangeTest) {
        List<TrialResult> kept = result.trials().stream().filter(t -> t.ran() && !t.diverged())
                .sorted(Comparator.comparingDouble(TrialResult::lr)).toList();
        CurvePlot.Builder plot = CurvePlot.builder().title("Coarse-to-fine search (" + result.trials().size()
                        + " trials, " + result.divergedCount() + " diverged)")
                .xLabel("learning rate").yLabel("loss after " + result.config().stepsPerTrial() + " steps").logX(true)
                .addSeries("final smoothed training loss", column(kept, TrialResult::lr), column(kept, TrialResult::finalLoss));
        List<TrialResult> validated = kept.stream().filter(t -> !Double.isNaN(t.valLoss())).toList();
        if (!validated.isEmpty()) {
            plot.addSeries("validation loss", column(validated, TrialResult::lr), column(validated, TrialResult::valLoss));
        }
        result.best().ifPresent(b -> plot.addMarker(b.lr(), "best " + ScientificFormat.format(b.lr(), 2)));
        rangeTest.ifPresent(r -> plot.addMarker(r.suggestedLr(), "range test " + r.method() + " "
                + ScientificFormat.format(r.suggestedLr(), 2)));
        return plot.build();
    }

    /**
     * Writes {@code search.png} (900x600) and {@code search.svg} into {@code dir}.
     *
     * @param dir the output folder
     * @param plot the chart
     * @param force whether existing files may be replaced
     */
    public static void writePlot(Path dir, CurvePlot plot, boolean force) {
        plot.writePng(dir.resolve(PLOT_NAME + ".png"), CurvePlot.DEFAULT_WIDTH, CurvePlot.DEFAULT_HEIGHT, force);
        plot.writeSvg(dir.resolve(PLOT_NAME + ".svg"), force);
    }

    /**
     * @param spec the run the trials were made on
     * @param result the search
     * @param compileSettings the trials' loss and optimizer settings with their sources
     *     ({@link PreparedRun#compileSettingsMap()}), absent when no trial started
     * @param rangeTest the comparison with a range test, if one was given
     * @param provenance where the result came from
     * @return the summary: the head (kind {@code search}), {@code metric}, {@code best} ({@code lr, stage,
     *     final_loss, best_loss, val_loss, steps}, or null when every trial diverged), {@code trials},
     *     {@code diverged}, {@code stages} (trials per stage), {@code interrupted} (null unless stopped),
     *     {@code compile_settings}, {@code range_test} (only when given), {@code provenance}
     */
    public static SearchRunSummary summary(RunSpec spec, SearchResult result, Optional<Map<String, Object>> compileSettings,
            Optional<RangeTestComparison> rangeTest, Provenance provenance) {
        Map<String, Integer> stages = new LinkedHashMap<>();
        for (SearchStage stage : SearchStage.values()) {
            stages.put(stage.label(), result.stage(stage).size());
        }
        return new SearchRunSummary(spec.summaryHead(SearchRunSummary.KIND), result.config().metric().cliName(),
                result.best().map(SearchReport::trial).orElse(null), result.trials().size(), result.divergedCount(), stages,
                result.interruption().orElse(null), compileSettings.orElse(null),
                rangeTest.map(RangeTestComparison::toSummary).orElse(null), provenance);
    }

    /**
     * @param config the search settings
     * @return them as an ordered map with the command-line names, for {@link Provenance}
     */
    public static Map<String, Object> settings(SearchConfig config) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("from", config.from());
        map.put("to", config.to());
        map.put("per_decade", config.perDecade());
        map.put("fine_points", config.finePoints());
        map.put("steps_per_trial", config.stepsPerTrial());
        map.put("data_fraction", config.dataFraction());
        map.put("metric", config.metric().cliName());
        map.put("parallel", config.parallel());
        map.put("third_stage", config.thirdStage());
        map.put("diverge_factor", config.divergeFactor());
        map.put("momentum", config.momentum());
        map.put("smoothing", config.smoothing());
        return map;
    }

    private static SearchRunSummary.Trial trial(TrialResult t) {
        return new SearchRunSummary.Trial(t.lr(), t.stage().label(), t.finalLoss(), t.bestLoss(),
                Double.isNaN(t.valLoss()) ? null : t.valLoss(), t.steps());
    }

    private static double[] column(List<TrialResult> trials, ToDoubleFunction<TrialResult> value) {
        return trials.stream().mapToDouble(value).toArray();
    }
}
