package dev.lrlab.rangetest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lrlab.data.DataSpec;
import dev.lrlab.report.Provenance;
import dev.lrlab.report.SummaryWriter;
import dev.lrlab.report.summary.JsonValues;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopReason;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RangeTestReportTest {
    @Test
    void holdsModelDataSettingsStopSuggestionsTimingAndProvenance() {
        RunSpec spec = RunSpec.builder().setModel(Path.of("models/m")).setData(DataSpec.csv(Path.of("d.csv"), "label")).build();
        RangeTestConfig config = RangeTestConfig.builder().optSteps(10).build();
        double[] lr = new double[20];
        double[] loss = new double[20];
        for (int i = 0; i < 20; i++) {
            lr[i] = Math.pow(10, -5 + i / 4.0);
            loss[i] = 3 - i / 10.0;
        }
        loss[19] = 1;
        StopReason stop = new StopReason(StopReason.Kind.INTERRUPTED, 20, 1e-1, "interrupted by SIGINT before step 20");
        RangeTestResult result = RangeTestResult.builder().setLr(lr).setLoss(loss).setSmoothedLoss(loss)
                .optValLoss(new double[20]).optValAccuracy(new double[20]).setSuggestions(RangeTest.suggest(lr, loss))
                .optStop(stop).optWallTime(Duration.ofMillis(500)).build();
        Provenance provenance = Provenance.builder().optSeed(1).optTensorflowVersion("2.18.0")
                .optClock(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC)).build();

        Map<String, Object> map = JsonValues.toMap(RangeTestReport.summary(spec, config, result, provenance));
        assertEquals(List.of("kind", "model", "data", "label", "signature", "output", "max_unroll", "settings", "compile_settings",
                "steps_run", "stop",
                "stop_message", "interrupted", "best_smoothed_loss", "best_smoothed_loss_lr", "suggestions", "wall_time_s",
                "steps_per_second", "provenance"), List.copyOf(map.keySet()));
        Map<String, String> flat = new SummaryWriter().flatten(map);
        assertEquals("range-test", flat.get("kind"));
        assertEquals(Path.of("models/m").toString(), flat.get("model"));
        assertEquals("label", flat.get("label"));
        assertEquals("sgd", flat.get("settings.optimizer"));
        assertEquals("10", flat.get("settings.steps"));
        assertEquals("exp", flat.get("settings.mode"));
        assertEquals("1.0E-7", flat.get("settings.start_lr"));
        assertEquals("false", flat.get("settings.prefetch"));
        assertEquals("5", flat.get("settings.divergence_grace"), "max(5, min(50, 10 / 4))");
        assertEquals("sgd", flat.get("compile_settings.optimizer.value"));
        assertEquals("default", flat.get("compile_settings.optimizer.source"));
        assertEquals("", flat.get("compile_settings.loss.value")); // inferred when the model is loaded
        assertEquals("inferred", flat.get("compile_settings.loss.source"));
        assertEquals("20", flat.get("steps_run"));
        assertEquals("interrupted", flat.get("stop"));
        assertEquals("true", flat.get("interrupted"));
        assertEquals("interrupted by SIGINT before step 20", flat.get("stop_message"));
        assertEquals("1.0", flat.get("best_smoothed_loss"));
        assertEquals(Double.toString(lr[19]), flat.get("best_smoothed_loss_lr"));
        assertEquals("valley", flat.get("suggestions.default"));
        assertEquals(Double.toString(result.suggestions().recommended().orElseThrow().lr()), flat.get("suggestions.valley.lr"));
        assertEquals("0.5", flat.get("wall_time_s"));
        assertEquals("40.0", flat.get("steps_per_second"));
        assertEquals("2026-01-02T03:04:05Z", flat.get("provenance.time"));
        assertEquals("2.18.0", flat.get("provenance.tensorflow_version"));
    }
}
