package dev.lrlab.experiment;

import dev.lrlab.report.Provenance;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The summary of a range test as an ordered map for {@link dev.lrlab.report.SummaryWriter}:
 * <pre>
 *   kind              "range-test"
 *   model, data, label, signature, output
 *   settings          optimizer, batch_size, seed, val_fraction, start_lr, end_lr, steps, mode, smoothing,
 *                     diverge_factor, divergence_grace, stop_on_divergence, val_every, momentum
 *   compile_settings  loss, from_logits, optimizer, momentum, beta2, epsilon, each {value, source}; the model's
 *                     learning rate (for reference); notes (see {@link CompileSettings#toMap})
 *   steps_run         points in the curve
 *   stop              "completed", "diverged", "loss_exploded" or "interrupted"
 *   stop_message      why, in one line
 *   interrupted       true when Ctrl-C, SIGTERM or a listener stopped it
 *   best_smoothed_loss, its lr
 *   suggestions       see {@link Suggestions#toMap()}
 *   wall_time_s, steps_per_second
 *   provenance        see {@link Provenance#toMap()}
 * </pre>
 */
public final class RangeTestReport {
    private RangeTestReport() {
    }

    /**
     * @param spec the run the test was made on
     * @param config the sweep
     * @return the settings in summary order
     */
    public static Map<String, Object> settings(RunSpec spec, RangeTestConfig config) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("optimizer", spec.optimizer().kind().cliName());
        settings.put("weight_decay", spec.optimizer().weightDecay());
        settings.put("batch_size", spec.batchSize());
        settings.put("seed", spec.seed());
        settings.put("val_fraction", spec.validationFraction());
        settings.put("shuffle", spec.shuffle());
        settings.put("prefetch", spec.prefetch()); // changes the speed, not the numbers
        settings.put("start_lr", config.startLr());
        settings.put("end_lr", config.endLr());
        settings.put("steps", config.steps());
        settings.put("mode", config.mode().cliName());
        settings.put("smoothing", config.smoothing());
        settings.put("diverge_factor", config.divergeFactor());
        settings.put("divergence_grace", config.divergenceGrace()); // derived from smoothing and steps
        settings.put("stop_on_divergence", config.stopOnDivergence());
        settings.put("val_every", config.validateEvery());
        settings.put("momentum", config.momentum());
        return settings;
    }

    /**
     * @param spec the run the test was made on
     * @param config the sweep
     * @param result what the test found
     * @param provenance where it came from
     * @return the summary map
     */
    public static Map<String, Object> toMap(RunSpec spec, RangeTestConfig config, RangeTestResult result,
            Provenance provenance) {
        return toMap(spec, spec.compile().toMap(java.util.Optional.empty(), java.util.Optional.empty()), config, result,
                provenance);
    }

    /**
     * @param spec the run the test was made on
     * @param compileSettings the run's loss and optimizer settings with their sources ({@link PreparedRun#compileSettingsMap()})
     * @param config the sweep
     * @param result what the test found
     * @param provenance where it came from
     * @return the summary map
     */
    public static Map<String, Object> toMap(RunSpec spec, Map<String, Object> compileSettings, RangeTestConfig config,
            RangeTestResult result, Provenance provenance) {
        Map<String, Object> map = spec.summaryHead("range-test");
        map.put("settings", settings(spec, config));
        map.put("compile_settings", compileSettings);
        map.put("steps_run", result.stepsRun());
        map.put("stop", result.stop().map(s -> s.kind().name().toLowerCase(java.util.Locale.ROOT)).orElse("completed"));
        map.put("stop_message", result.stopDescription());
        map.put("interrupted", result.interrupted());
        int best = bestIndex(result.smoothedLoss());
        map.put("best_smoothed_loss", best < 0 ? null : result.smoothedLoss()[best]);
        map.put("best_smoothed_loss_lr", best < 0 ? null : result.lr()[best]);
        map.put("suggestions", result.suggestions().toMap());
        map.put("wall_time_s", result.wallTime().toNanos() / 1e9);
        map.put("steps_per_second", result.stepsPerSecond());
        map.put("provenance", provenance.toMap());
        return map;
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
