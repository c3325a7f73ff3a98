package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lrlab.HandLine;
import dev.lrlab.run.StopSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code train} and {@code hypergradient} print and write when a run stops early (issue 11, "numbers that are
 * never nonsense"): the last validation actually measured and after which step, never the initial one posing as
 * final; no last loss after zero steps; a hypergradient rate that turns negative stops the run with exit 5.
 */
class StopReportCliTest {
    @TempDir
    Path temp;

    /**
     * Regression: after Ctrl-C, final_val_loss was the initial validation loss. Logistic regression validates every
     * 15 steps; a stop asked for once 20 rows are in the curve leaves, as the last validation, the curve's last
     * val_loss cell, and the summary and the printed line name the step of that row.
     */
    @Test
    void interruptedTrainWritesTheLastValidationMeasuredAndItsStepNotTheInitialOne() throws Exception {
        Path curve = temp.resolve("stopped.csv");
        StopSignal stop = new StopSignal();
        Thread watcher = StagedOutputs.stopWhenStagedLines(temp, "stopped", "stopped.csv", 20, stop);
        CliRun run;
        try {
            run = CliRun.of(stop, "train", "models/logistic", "--data", "data-samples/breast_cancer.csv", "--label",
                    "malignant", "--lr", "1e-3", "--seed", "7", "--epochs", "1000", "--out", curve.toString());
        } finally {
            watcher.interrupt();
            watcher.join();
        }
        assertEquals(ExitCode.INTERRUPTED, run.code(), run.err());
        List<CSVRecord> rows = HypergradientCommandTest.read(curve);
        int kept = rows.size();
        assertTrue(kept >= 20 && kept < 15000, "rows kept: " + kept);
        CSVRecord measured = null;
        for (CSVRecord row : rows) {
            if (!row.get("val_loss").isEmpty()) {
                measured = row;
            }
        }
        long step = Long.parseLong(measured.get("step"));
        assertEquals(14, step % 15, "validation runs at epoch ends");
        double valLoss = Double.parseDouble(measured.get("val_loss"));
        JsonNode summary = new ObjectMapper().readTree(TrainCommand.summaryFiles(curve)[0].toFile());
        assertEquals(kept, summary.get("steps_run").asInt());
        assertEquals(valLoss, summary.get("final_val_loss").asDouble());
        assertEquals(step, summary.get("final_val_step").asLong());
        assertTrue(valLoss < summary.get("initial_val_loss").asDouble(), summary.toString());
        String line = run.out().lines().filter(l -> l.startsWith("validation loss:")).findFirst().orElseThrow();
        String initial = summary.get("initial_val_loss").asText();
        assertEquals(step == kept - 1 ? "validation loss: " + initial + " -> " + valLoss
                : "validation loss: " + initial + " -> " + valLoss + " (measured after step " + step + ", the last "
                + "validation before the run stopped after step " + (kept - 1) + ")", line);
    }

    /** Regression: a stop before the first step printed and wrote a last batch loss of NaN. */
    @Test
    void trainStoppedBeforeItsFirstStepWritesNoLastLossAndNoFinalValidation() throws IOException {
        Path curve = temp.resolve("none.csv");
        StopSignal stop = new StopSignal();
        stop.stop("SIGTERM");
        CliRun run = CliRun.of(stop, "train", "models/logistic", "--data", "data-samples/breast_cancer.csv", "--label",
                "malignant", "--out", curve.toString());
        assertEquals(ExitCode.INTERRUPTED, run.code(), run.err());
        assertTrue(run.out().contains("steps: 0 (no step ran)\n"), run.out());
        assertTrue(run.out().contains(" before the first step; none measured after a step (validation runs at each epoch "
                + "end and after the last step)\n"), run.out());
        assertTrue(!run.out().contains("NaN"), run.out());
        JsonNode summary = new ObjectMapper().readTree(TrainCommand.summaryFiles(curve)[0].toFile());
        assertTrue(summary.get("last_loss").isNull(), summary.toString());
        assertTrue(summary.get("final_val_loss").isNull(), summary.toString());
        assertTrue(summary.get("final_val_step").isNull(), summary.toString());
        assertTrue(summary.get("initial_val_loss").isNumber(), summary.toString());
    }

    /**
     * Regression: SGD-HD with a large beta went on with a negative rate. On {@link HandLine} (see
     * {@code TrainRunTest}), alpha_0 = 0.5 and beta = 0.1 give alpha = 0.5 - 0.1 * 8 = -0.3 at step 1: exit 5, the
     * two rows kept, the message names the step and a beta ten times smaller, or --min-lr.
     */
    @Test
    void trainWithSgdHdStopsWithExit5WhenTheRateTurnsNegative() throws IOException {
        Path model = HandLine.model(temp.resolve("line"));
        Path data = HandLine.rows(temp.resolve("rows.csv"), 4);
        Path curve = temp.resolve("hd.csv");
        CliRun run = CliRun.of("train", model.toString(), "--data", data.toString(), "--label", "y", "--loss", "mse",
                "--optimizer", "sgd-hd", "--lr", "0.5", "--beta", "0.1", "--batch-size", "4", "--val-fraction", "0",
                "--steps", "10", "--out", curve.toString());
        assertEquals(ExitCode.DIVERGED, run.code(), run.err());
        assertEquals("lrlab: the hypergradient learning rate turned negative (-3e-1) at step 1 (from alpha 5e-1 with "
                + "hypergradient 8e0): --beta 1e-1 is too large; try --beta 1e-2 (10x smaller), or bound it with --min-lr "
                + "(partial results in " + temp.resolve("hd") + ".partial-", run.lastErrorLine().replaceFirst("partial-[0-9-]+\\)$", "partial-"));
        assertFalse(Files.exists(curve), "a diverged run leaves nothing under the final name");
        List<CSVRecord> rows = HypergradientCommandTest.read(StagedOutputs.stagedFile(temp, "hd", "hd.csv"));
        assertEquals(2, rows.size());
        assertEquals(-0.3, Double.parseDouble(rows.get(1).get("lr")), 1e-6);
    }

    /** The same through {@code hypergradient}; with {@code --min-lr} the rate is held at the bound and the run ends. */
    @Test
    void hypergradientStopsWithExit5WhenTheRateTurnsNegativeUnlessMinLrBoundsIt() throws IOException {
        Path model = HandLine.model(temp.resolve("line"));
        Path data = HandLine.rows(temp.resolve("rows.csv"), 4);
        Path out = temp.resolve("hd");
        CliRun run = CliRun.of("hypergradient", model.toString(), "--data", data.toString(), "--label", "y", "--loss",
                "mse", "--alpha0", "0.5", "--beta", "0.1", "--batch-size", "4", "--val-fraction", "0", "--steps", "10",
                "--out-dir", out.toString());
        assertEquals(ExitCode.DIVERGED, run.code(), run.err());
        assertTrue(run.lastErrorLine().startsWith("lrlab: the hypergradient learning rate turned negative (-3e-1) at step 1"),
                run.err());
        assertFalse(Files.exists(out), "a diverged run leaves nothing under the final name");
        assertEquals(2, HypergradientCommandTest.read(StagedOutputs.stagedFile(temp, "hd", "hypergradient.csv")).size());
        JsonNode summary = new ObjectMapper().readTree(StagedOutputs.stagedFile(temp, "hd", "summary.json").toFile());
        assertEquals(-0.3, summary.get("adaptive").get("final_lr").asDouble(), 1e-6);
        assertTrue(summary.get("adaptive").get("stopped").asText().contains("--beta 1e-2"), summary.toString());

        Path bounded = temp.resolve("bounded");
        CliRun held = CliRun.of("hypergradient", model.toString(), "--data", data.toString(), "--label", "y", "--loss",
                "mse", "--alpha0", "0.5", "--beta", "0.1", "--min-lr", "0.01", "--batch-size", "4", "--val-fraction", "0",
                "--steps", "3", "--out-dir", bounded.toString());
        assertEquals(ExitCode.OK, held.code(), held.err());
        assertEquals(0.01, Double.parseDouble(HypergradientCommandTest.read(bounded.resolve("hypergradient.csv")).get(1)
                .get("lr")), 1e-9);
    }
}
