package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every user error ends in one line naming the thing and the fix, a documented exit code, no stack trace. */
class BadInputTest {
    @TempDir
    Path temp;

    private CliRun train(String model, String data, String... more) {
        List<String> args = new ArrayList<>(List.of("train", model, "--data", data, "--out", temp.resolve("c.csv").toString(),
                "--force", "--steps", "2"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(new String[0]));
    }

    private static void assertOneLine(CliRun run, ExitCode code, String message) {
        assertEquals(code, run.code(), run.err());
        assertEquals("lrlab: " + message, run.err().strip(), "exactly one line on stderr");
        assertFalse(run.err().contains("\tat "), "no stack trace");
    }

    @Test
    void missingModelDirectory() {
        assertOneLine(train("no/such/model", "data-samples/iris.csv", "--label", "species"), ExitCode.MODEL,
                "model directory no/such/model does not exist; pass the folder that holds saved_model.pb");
    }

    @Test
    void modelPathThatIsAFile() {
        assertOneLine(train("models/iris-mlp/saved_model.pb", "data-samples/iris.csv", "--label", "species"),
                ExitCode.MODEL, "models/iris-mlp/saved_model.pb is a file; MODEL_DIR must be the SavedModel folder that"
                        + " holds saved_model.pb (here " + Path.of("models/iris-mlp").toAbsolutePath() + ")");
    }

    @Test
    void directoryThatIsNotASavedModel() {
        assertOneLine(train("data-samples", "data-samples/iris.csv", "--label", "species"), ExitCode.MODEL,
                "data-samples is not a SavedModel (no saved_model.pb in it); pass the folder that holds saved_model.pb");
    }

    @Test
    void unknownSignature() {
        assertOneLine(train("models/iris-mlp", "data-samples/iris.csv", "--label", "species", "--signature", "predict"),
                ExitCode.MODEL, "the model has no signature 'predict'; pass --signature with one of: serving_default");
    }

    @Test
    void unknownInputAndOutput() {
        assertOneLine(train("models/iris-mlp", "data-samples/iris.csv", "--label", "species", "--input", "pixels"),
                ExitCode.MODEL, "signature 'serving_default' has no input 'pixels'; pass --input with one of: x");
        assertOneLine(train("models/iris-mlp", "data-samples/iris.csv", "--label", "species", "--output", "logits"),
                ExitCode.MODEL, "signature 'serving_default' has no output 'logits'; pass --output with one of: probabilities");
    }

    @Test
    void labelColumnAbsent() {
        CliRun run = train("models/iris-mlp", "data-samples/iris.csv", "--label", "class");
        assertEquals(ExitCode.DATA, run.code(), run.err());
        assertTrue(run.lastErrorLine().contains("'class'") && run.lastErrorLine().contains("species"), run.err());
        assertEquals(1, run.err().strip().split("\n").length);
    }

    @Test
    void nonNumericCell() throws IOException {
        Path csv = Files.writeString(temp.resolve("bad.csv"), "a,b,c,d,species\n1,2,3,4,setosa\n1,x2,3,4,setosa\n");
        assertOneLine(train("models/iris-mlp", csv.toString(), "--label", "species"), ExitCode.DATA,
                csv + ":3:2: expected a number in column 'b', found 'x2'");
    }

    @Test
    void emptyCsv() throws IOException {
        Path csv = Files.writeString(temp.resolve("empty.csv"), "");
        CliRun run = train("models/iris-mlp", csv.toString(), "--label", "species");
        assertEquals(ExitCode.DATA, run.code(), run.err());
        assertTrue(run.lastErrorLine().startsWith("lrlab: " + csv), run.err());
        assertTrue(run.lastErrorLine().contains("empty"), run.err());
    }

    @Test
    void modelWithNothingToTrain() {
        assertOneLine(train(Fixtures.shared("tf1_counter").toString(), "data-samples/iris.csv", "--label", "species"),
                ExitCode.MODEL, "nothing to train in " + Fixtures.shared("tf1_counter") + ": no signature output depends on a "
                        + "trainable variable through ops with gradients (see lrlab inspect); train a model with trainable weights");
    }

    @Test
    void badNumberAndUnknownOptionAreUsageErrors() {
        assertOneLine(train("models/iris-mlp", "data-samples/iris.csv", "--label", "species", "--lr", "fast"), ExitCode.USAGE,
                "--lr expects a number, found 'fast'");
        CliRun run = train("models/iris-mlp", "data-samples/iris.csv", "--label", "species", "--learning-rate", "1");
        assertEquals(ExitCode.USAGE, run.code());
        assertTrue(run.lastErrorLine().contains("learning-rate"), run.err());
    }

    @Test
    void existingCurveIsNotOverwrittenWithoutForce() throws IOException {
        Path curve = Files.writeString(temp.resolve("kept.csv"), "precious\n");
        CliRun run = CliRun.of("train", "models/iris-mlp", "--data", "data-samples/iris.csv", "--label", "species",
                "--steps", "2", "--out", curve.toString());
        assertEquals(ExitCode.OUTPUT, run.code(), run.err());
        assertTrue(run.lastErrorLine().contains("--force"), run.err());
        assertEquals("precious\n", Files.readString(curve));
    }

    @Test
    void verboseShowsTheStackTrace() {
        CliRun run = train("no/such/model", "data-samples/iris.csv", "--label", "species", "--verbose");
        assertEquals(ExitCode.MODEL, run.code());
        assertTrue(run.err().contains("\tat dev.lrlab."), run.err());
    }

    @Test
    void anOutputThatNeedsAnInputLeftUnfedByInput() {
        assertOneLine(train("models/iris-two-inputs", "data-samples/iris-two-inputs.csv", "--label", "species", "--input",
                "sepal"), ExitCode.USAGE, "output 'probabilities' of signature 'serving_default' depends on input 'petal',"
                + " which --input sepal leaves unfed; drop --input to feed every input from its columns");
    }

    @Test
    void moreClassNamesThanTheOutputHasClassesIsADataErrorBeforeAnyOutput() throws IOException {
        Path data = temp.resolve("iris5.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("data-samples/iris.csv")));
        int species = List.of(lines.get(0).split(",")).indexOf("species");
        String[] cells = lines.get(3).split(",");
        cells[species] = "5";
        lines.set(3, String.join(",", cells));
        Files.write(data, lines);
        assertOneLine(train("models/iris-mlp", data.toString(), "--label", "species", "--loss",
                "sparse-categorical-crossentropy"), ExitCode.DATA, data + ":102: label 'virginica' (class 3) in column 'species', but"
                + " output 'probabilities' [-1,3] has 3 classes, so class indices are in [0, 3); the label column has 4 class"
                + " names ('5', 'setosa', 'versicolor', 'virginica'): fix the labels or choose another --output");
        assertFalse(Files.exists(temp.resolve("c.csv")), "no output before the checks pass");
    }
}
