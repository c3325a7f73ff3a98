package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.Fixtures;
import dev.lrlab.model.SavedModel;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

class TrainCommandTest {
    @TempDir
    Path temp;

    static Path lineCsv(Path dir, int rows) throws IOException {
        StringBuilder csv = new StringBuilder("x,y\n");
        Random random = new Random(3);
        for (int i = 0; i < rows; i++) {
            float x = random.nextFloat() * 4 - 2;
            csv.append(String.format(Locale.ROOT, "%s,%s%n", x, 3 * x - 1));
        }
        return Files.writeString(dir.resolve("line.csv"), csv);
    }

    @Test
    void trainsTf1HalfPlusTwoToThreeXMinusOneAndExportsIt() throws IOException {
        Path data = lineCsv(temp, 256);
        Path exported = temp.resolve("exported");
        CliRun run = CliRun.of("train", Fixtures.shared("tf1_half_plus_two").toString(), "--data", data.toString(),
                "--label", "y", "--lr", "0.1", "--epochs", "40", "--val-fraction", "0", "--out", temp.resolve("c.csv").toString(),
                "--export", exported.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        try (SavedModel model = SavedModel.load(exported)) {
            assertEquals(3f, read(model, "a"), 0.01);
            assertEquals(-1f, read(model, "b"), 0.01);
            try (TFloat32 x = TFloat32.tensorOf(Shape.of(2, 1), d -> {
                d.setFloat(2f, 0, 0);
                d.setFloat(-0.5f, 1, 0);
            }); Result y = model.session().runner().feed("x:0", x).fetch("y:0").run()) {
                TFloat32 values = (TFloat32) y.get(0);
                assertEquals(5f, values.getFloat(0, 0), 0.02);
                assertEquals(-2.5f, values.getFloat(1, 0), 0.02);
            }
        }
    }

    private static float read(SavedModel model, String variable) {
        try (Result result = model.session().runner().fetch(variable).run()) {
            return ((TFloat32) result.get(0)).getFloat();
        }
    }

    @Test
    void trainingTheBundledDigitsModelLowersValidationLossAndTheCurveReadsBack() throws IOException {
        Path curve = temp.resolve("curve.csv");
        CliRun run = CliRun.of("train", "models/digits-mlp", "--data", "data-samples/digits.csv", "--label", "label",
                "--optimizer", "momentum", "--lr", "0.01", "--epochs", "3", "--out", curve.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.err().contains("loss: sparse-categorical-crossentropy on the logits feeding probabilities (Softmax)"),
                run.err());
        List<CSVRecord> rows;
        try (Reader reader = Files.newBufferedReader(curve)) {
            rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
        assertEquals(List.of("step", "epoch", "lr", "momentum", "loss", "val_loss", "val_accuracy"),
                rows.get(0).getParser().getHeaderNames());
        int stepsPerEpoch = (int) Math.ceil(1438 / 32.0);
        assertEquals(3 * stepsPerEpoch, rows.size());
        assertEquals("0.01", rows.get(0).get("lr"));
        assertEquals("0.9", rows.get(0).get("momentum"));
        assertEquals("", rows.get(0).get("val_loss"));
        double firstEpochVal = Double.parseDouble(rows.get(stepsPerEpoch - 1).get("val_loss"));
        double lastVal = Double.parseDouble(rows.get(rows.size() - 1).get("val_loss"));
        double firstLoss = Double.parseDouble(rows.get(0).get("loss"));
        assertTrue(lastVal < firstEpochVal && lastVal < firstLoss / 5, "val loss " + firstLoss + " -> " + firstEpochVal + " -> " + lastVal);
        assertTrue(Double.parseDouble(rows.get(rows.size() - 1).get("val_accuracy")) > 0.8);
    }

    /** A diverged run is a failure: the target is not touched; the curve is kept in the staging folder it names. */
    @Test
    void aDivergingRunStopsAtTheNanStepNamesTheRateAndKeepsTheCurve() throws IOException {
        Path curve = temp.resolve("nan.csv");
        CliRun run = CliRun.of("train", "models/diabetes-linear", "--data", "data-samples/diabetes.csv", "--label",
                "progression", "--lr", "1e6", "--epochs", "3", "--out", curve.toString());
        assertEquals(ExitCode.DIVERGED, run.code(), run.err());
        String line = run.lastErrorLine();
        assertTrue(line.matches("lrlab: the loss became (NaN|Infinity) at step \\d+ with learning rate 1000000.0; lower the "
                + "learning rate \\(a range test suggests one\\) \\(partial results in "
                + java.util.regex.Pattern.quote(temp.resolve("nan.partial-").toString()) + "[0-9-]+\\)"), line);
        long step = Long.parseLong(line.replaceAll(".* at step (\\d+) .*", "$1"));
        Path partial = Path.of(line.replaceAll(".*\\(partial results in (.*)\\)$", "$1"));
        assertFalse(Files.exists(curve), "the target is not touched");
        List<String> lines = Files.readAllLines(partial.resolve("nan.csv"));
        assertEquals(step + 2, lines.size(), "header plus every step up to the NaN one");
        assertTrue(Files.exists(partial.resolve("nan.summary.json")));
        assertFalse(run.err().contains("Exception"), run.err());
    }
}
