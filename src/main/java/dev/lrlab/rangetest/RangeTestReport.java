package dev.lrlab.rangetest;

import dev.lrlab.report.Provenance;
import dev.lrlab.report.summary.RangeTestRunSummary;
import dev.lrlab.run.CompileSettings;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.suggest.Suggestions;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The summary of a range test, a {@link RangeTestRunSummary}: the head (kind {@code range-test}, model, data, ...),
 * {@code settings}, {@code compile_settings} (see {@link CompileSettings#toMap}), {@code steps_run}, {@code stop}
 * ({@code completed}, {@code diverged}, {@code loss_exploded} or {@code interrupted}), {@code stop_message},
 * {@code interrupted}, {@code best_smoothed_loss} and its {@code _lr}, {@code suggestions} (see
 * {@link Suggestions#toSummary()}), {@code wall_time_s}, {@code steps_per_second}, {@code provenance}.
 */
public final class RangeTestReport {
    private RangeTestReport() {
    }

    /**
     * @param spec the run the test was made on
     * @param config the sweep
     * @return the settings in summary order
     */
    public static RangeTestRunSummary.Settings settings(RunSpec spec, RangeTestConfig config) {
        return new RangeTestRunSummary.Settings(spec.optimizer().kind().cliName(), spec.optimizer().weightDecay(),
                spec.batchSize(), spec.seed(), spec.validationFraction(), spec.shuffle(), spec.prefetch(), config.startLr(),
                config.endLr(), config.steps(), config.mode().cliName(), config.smoothing(), config.divergeFactor(),
                config.divergenceGrace(), config.stopOnDivergence(), config.validateEvery(), config.momentum());
    }

    /**
     * @param spec the run the test was made on
     * @param config the sweep
     * @param result what the test found
     * @param provenance where it came from
     * @return the summary, with the compile settings as the spec holds them
     */
    public static RangeTestRunSummary summary(RunSpec spec, RangeTestConfig config, RangeTestResult result,
            Provenance provenance) {
        return summary(spec, spec.compile().toMap(Optional.empty(), Optional.empty()), config, result, provenance);
    }

    /**
     * @param spec the run the test was made on
     * @param compileSettings the run's loss and optimizer settings with their sources ({@link PreparedRun#compileSettingsMap()})
     * @param config the sweep
     * @param result what the test found
     * @param provenance where it came from
     * @return the summary
     */
    public static RangeTestRunSummary summary(RunSpec spec, Map<String, Object> compileSettings, RangeTestConfig config,
            RangeTestResult result, Provenance provenance) {
        int best = bestIndex(result.smoothedLoss());
        return new RangeTestRunSummary(spec.summaryHead(RangeTestRunSummary.KIND), settings(spec, config), compileSettings,
                result.stepsRun(), result.stop().map(s -> s.kind().name().toLowerCase(Locale.ROOT)).orElse("completed"),
                result.stopDescription(), result.interrupted(), best < 0 ? null : result.smoothedLoss()[best],
                best < 0 ? null : result.lr()[best], result.suggestions().toSummary(), result.wallTime().toNanos() / 1e9,
                result.stepsPerSecond(), provenance);
    }

    private static int bestIndex(double[] values) {
        int best = -1;
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i]) && (best < 0 || values[i] < values[best])) {
                best = i;
            }
        }
        return best;
    }
}
