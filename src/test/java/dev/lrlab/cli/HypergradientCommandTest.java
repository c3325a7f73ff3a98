package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lrlab.Fixtures;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HypergradientCommandTest {
    @TempDir
    Path temp;

    static List<CSVRecord> read(Path csv) throws IOException {
        try (Reader reader = Files.newBufferedReader(csv)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    @Test
    void sgdHdFromATooSmallRateBeatsTheFixedRateBaseline() throws IOException {
        Path out = temp.resolve("hd");
        CliRun run = CliRun.of("hypergradient", "models/logistic", "--data", "data-samples/breast_cancer.csv", "--label",
                "malignant", "--alpha0", "1e-4", "--epochs", "10", "--baseline", "--out-dir", out.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        List<CSVRecord> adaptive = read(out.resolve("hypergradient.csv"));
        List<CSVRecord> fixed = read(out.resolve("baseline.csv"));
        assertEquals(List.of("step", "epoch", "lr", "loss", "hypergradient", "val_loss", "val_accuracy"),
                adaptive.get(0).getParser().getHeaderNames());
        assertEquals(adaptive.size(), fixed.size());
        // alpha_1 = alpha_0 - beta * h_1, with the h_1 the graph returned
        double h1 = Double.parseDouble(adaptive.get(1).get("hypergradient"));
        assertEquals(1e-4 - 1e-3 * h1, Double.parseDouble(adaptive.get(1).get("lr")), 1e-9);
        assertEquals("1.0E-4", fixed.get(fixed.size() - 1).get("lr"));
        double adaptiveVal = Double.parseDouble(adaptive.get(adaptive.size() - 1).get("val_loss"));
        double fixedVal = Double.parseDouble(fixed.get(fixed.size() - 1).get("val_loss"));
        assertTrue(adaptiveVal < 0.7 * fixedVal, adaptiveVal + " vs baseline " + fixedVal);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("sgd-hd", summary.get("optimizer").asText());
        assertEquals(adaptive.size(), summary.get("adaptive").get("steps").asInt());
        assertTrue(Files.size(out.resolve("hypergradient.png")) > 1000);
    }

    /**
     * The paper's Adam-HD beta, 1e-7: every rate stays positive (measured 8.39e-4 to 1e-3). With beta 1e-6, as this
     * test once used, h_2 is about 1.08e3 and the rate turns negative at step 1 (-7.84e-5); the run now stops there.
     */
    @Test
    void adamHdRunsOnTheKerasHeartModel() throws IOException {
        Path out = temp.resolve("heart");
        CliRun run = CliRun.of("hypergradient", Fixtures.shared("keras_heart_mlp").toString(), "--data",
                Fixtures.shared("keras_heart_mlp.csv").toString(), "--label", "target", "--optimizer", "adam-hd",
                "--alpha0", "1e-3", "--beta", "1e-7", "--epochs", "3", "--out-dir", out.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        List<CSVRecord> rows = read(out.resolve("hypergradient.csv"));
        assertTrue(rows.stream().allMatch(r -> Double.isFinite(Double.parseDouble(r.get("loss")))));
        assertTrue(rows.stream().skip(1).anyMatch(r -> !r.get("lr").equals(rows.get(0).get("lr"))), "the rate adapts");
    }

    @Test
    void aFixedRateOptimizerIsRefused() {
        CliRun run = CliRun.of("hypergradient", "models/logistic", "--data", "data-samples/breast_cancer.csv", "--label",
                "malignant", "--optimizer", "adam", "--out-dir", temp.resolve("x").toString());
        assertEquals(ExitCode.USAGE, run.code());
        assertEquals("lrlab: --optimizer must be sgd-hd, sgdn-hd or adam-hd for a hypergradient run, found adam",
                run.err().strip());
    }

    /** Regression: a non-positive --alpha0 was refused as "--lr must be a positive number", an option it has not. */
    @Test
    void aNonPositiveAlpha0IsRefusedByItsOwnName() {
        Path out = temp.resolve("a0");
        CliRun run = CliRun.of("hypergradient", "models/logistic", "--data", "data-samples/breast_cancer.csv", "--label",
                "malignant", "--alpha0", "-0.01", "--out-dir", out.toString());
        assertEquals(ExitCode.USAGE, run.code());
        assertEquals("lrlab: --alpha0 must be a positive number, found -0.01", run.lastErrorLine());
        assertTrue(!Files.exists(out), "nothing written");
    }
}
