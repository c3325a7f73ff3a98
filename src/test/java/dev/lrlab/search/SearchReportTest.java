package dev.lrlab.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.data.DataSpec;
import dev.lrlab.report.Provenance;
import dev.lrlab.report.SummaryWriter;
import dev.lrlab.report.summary.JsonValues;
import dev.lrlab.run.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchReportTest {
    @TempDir
    Path dir;

    private final TrialResult coarse = TrialResult.builder().setStage(SearchStage.COARSE).setLr(1e-2).optFinalLoss(0.75)
            .optBestLoss(0.5).optValLoss(0.625).optSteps(2).optSeconds(0.25).optLosses(new double[] {1.0, 0.5})
            .optSmoothedLosses(new double[] {1.0, 0.75}).build();
    private final TrialResult diverged = TrialResult.builder().setStage(SearchStage.COARSE).setLr(1).optFinalLoss(12.5)
            .optBestLoss(2.0).optDivergence(TrialResult.Divergence.ABOVE_INITIAL).optSteps(1).optSeconds(0.125)
            .optLosses(new double[] {2.0}).optSmoothedLosses(new double[] {12.5}).build();
    private final TrialResult fine = TrialResult.builder().setStage(SearchStage.FINE).setLr(0.0031622776601683794)
            .optFinalLoss(0.5).optBestLoss(0.5).optValLoss(0.5).optSteps(2).optSeconds(1.5)
            .optLosses(new double[] {1, 0.25}).optSmoothedLosses(new double[] {1, 0.5}).build();

    @Test
    void writesTheTrialTableExactly() throws IOException {
        Path file = dir.resolve("trials.csv");
        SearchReport.writeTrials(file, List.of(coarse, diverged, fine), false);
        assertEquals("stage,lr,final_loss,best_loss,val_loss,diverged,steps,seconds,error\n"
                + "coarse,0.01,0.75,0.5,0.625,false,2,0.25,\n"
                + "coarse,1.0,12.5,2.0,,true,1,0.125,\n"
                + "fine,0.0031622776601683794,0.5,0.5,0.5,false,2,1.5,\n", Files.readString(file));
    }

    @Test
    void aFailedTrialHasItsMessageInTheErrorColumnAndRanksLast() {
        TrialResult failed = TrialResult.failed(SearchStage.COARSE, 1e-3, 0.5, "executor 1 on node7: model not found: "
                + "/m, \"quoted\"");
        assertEquals("stage,lr,final_loss,best_loss,val_loss,diverged,steps,seconds,error\n"
                + "coarse,0.001,NaN,NaN,,false,0,0.5,\"executor 1 on node7: model not found: /m, \"\"quoted\"\"\"\n",
                SearchReport.trialsCsv(List.of(failed)));
        SearchResult result = SearchResult.builder().setConfig(SearchConfig.builder().build())
                .optTrials(List.of(failed, coarse)).optBest(coarse).build();
        assertEquals(1, result.failedCount());
        assertEquals(0, result.divergedCount());
        assertEquals(Double.POSITIVE_INFINITY, failed.score(SearchMetric.LOSS));
    }

    @Test
    void writesEachTrialCurveUnderItsStageAndRate() throws IOException {
        Path file = SearchReport.trialCurveFile(dir, fine);
        assertEquals(dir.resolve("trials").resolve("fine-3.1623e-3.csv"), file);
        assertEquals(dir.resolve("trials").resolve("coarse-1e-2.csv"), SearchReport.trialCurveFile(dir, coarse));
        Files.createDirectories(file.getParent());
        SearchReport.writeTrialCurve(file, fine, false);
        assertEquals("step,lr,loss,smoothed_loss\n0,0.0031622776601683794,1.0,1.0\n1,0.0031622776601683794,0.25,0.5\n",
                Files.readString(file));
    }

    @Test
    void summarisesTheBestTrialTheCountsAndTheRangeTest() {
        SearchResult result = SearchResult.builder().setConfig(SearchConfig.builder().build())
                .optTrials(List.of(coarse, diverged, fine)).optBest(fine).build();
        Provenance provenance = Provenance.builder().optTensorflowVersion("test").build();
        RangeTestComparison comparison = new RangeTestComparison(Path.of("range/summary.json"), "valley", 1e-3,
                fine.lr());
        RunSpec spec = RunSpec.builder().setModel(Path.of("models/m")).setData(DataSpec.csv(Path.of("d.csv"), "label")).build();
        Map<String, Object> summary = JsonValues.toMap(SearchReport.summary(spec, result, Optional.empty(),
                Optional.of(comparison), provenance));
        assertEquals(List.of("kind", "model", "data", "label", "signature", "output", "max_unroll", "metric", "best", "trials", "diverged", "stages", "interrupted", "range_test", "provenance"),
                List.copyOf(summary.keySet()));
        assertEquals("val_loss", summary.get("metric"));
        @SuppressWarnings("unchecked")
        Map<String, Object> best = (Map<String, Object>) summary.get("best");
        assertEquals(Map.of("lr", fine.lr(), "stage", "fine", "final_loss", 0.5, "best_loss", 0.5, "val_loss", 0.5,
                "steps", 2L), best);
        assertEquals("search", summary.get("kind"));
        assertEquals(3, summary.get("trials"));
        assertEquals(1L, summary.get("diverged"));
        assertEquals(Map.of("coarse", 2, "fine", 1, "third", 0), summary.get("stages"));
        assertNull(summary.get("interrupted"));
        assertEquals(comparison.toMap(), summary.get("range_test"));
        assertEquals(provenance.toMap(), summary.get("provenance"));
        assertNull(SearchReport.summary(spec, result, Optional.empty(), Optional.empty(), provenance).rangeTest());
        assertFalse(new SummaryWriter().toJson(SearchReport.summary(spec, result, Optional.empty(), Optional.empty(),
                provenance)).contains("range_test"), "omitted when no range test was given");
    }

    @Test
    void drawsThePlotAsPngAndSvg() throws IOException {
        SearchResult result = SearchResult.builder().setConfig(SearchConfig.builder().build())
                .optTrials(List.of(coarse, diverged, fine)).optBest(fine).build();
        SearchReport.writePlot(dir, SearchReport.plot(result, Optional.empty()), false);
        assertTrue(Files.size(dir.resolve("search.png")) > 1000);
        String svg = Files.readString(dir.resolve("search.svg"));
        assertTrue(svg.contains("best 3.2e-3"), "the chosen rate is marked");
        assertTrue(svg.contains("Coarse-to-fine search (3 trials, 1 diverged)"));
    }

    @Test
    void settingsUseTheCommandLineNames() {
        assertEquals(List.of("from", "to", "per_decade", "fine_points", "steps_per_trial", "data_fraction", "metric",
                "parallel", "third_stage", "diverge_factor", "momentum", "smoothing"),
                List.copyOf(SearchReport.settings(SearchConfig.builder().build()).keySet()));
    }
}
