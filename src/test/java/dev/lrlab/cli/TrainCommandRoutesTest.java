package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.Fixtures;
import dev.lrlab.KerasStyleModel;
import dev.lrlab.SignatureModels;
import dev.lrlab.run.StopSignal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** {@code lrlab train} and {@code inspect} on TF2 Keras models, Keras training mode, loss and train signatures. */
class TrainCommandRoutesTest {
    private static final Pattern VALIDATION = Pattern.compile("validation loss: ([0-9.eE-]+) -> ([0-9.eE-]+)");

    @TempDir
    Path temp;

    private record Run(ExitCode code, String out, String err) {
        double[] validation() {
            Matcher matcher = VALIDATION.matcher(out);
            assertTrue(matcher.find(), out + err);
            return new double[] {Double.parseDouble(matcher.group(1)), Double.parseDouble(matcher.group(2))};
        }
    }

    private static Run lrlab(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ExitCode code = new Lrlab(new PrintWriter(out), new PrintWriter(err), false, new StopSignal()).run(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Run trainHeart(String... extra) {
        String[] base = {"train", Fixtures.shared("keras_heart_mlp").toString(), "--data",
                Fixtures.shared("keras_heart_mlp.csv").toString(), "--label", "target", "--epochs", "5", "--lr", "0.0001",
                "--seed", "2", "--out", temp.resolve("heart" + extra.length + ".csv").toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return lrlab(args);
    }

    @Test
    void fiveEpochsOnTheHeartMlpLowerItsValidationLossAndTrainingModeMatchesBecauseItHasNoDropout() {
        Run inference = trainHeart();
        assertEquals(ExitCode.OK, inference.code(), inference.err());
        double[] loss = inference.validation();
        assertTrue(loss[1] < loss[0] - 0.01, "validation loss " + loss[0] + " -> " + loss[1]);
        assertTrue(inference.err().contains("model: inference-mode graph (Dropout off, BatchNorm on moving statistics)"),
                inference.err());

        Run training = trainHeart("--training-mode");
        assertEquals(ExitCode.OK, training.code(), training.err());
        assertTrue(training.err().contains("model: Keras training mode (Dropout active, BatchNorm on batch statistics)"),
                training.err());
        assertEquals(loss[0], training.validation()[0]);
        assertEquals(loss[1], training.validation()[1]);
    }

    /**
     * A Keras-style Dense(1) saved from Java with {@code kernel_regularizer=L2(0.25)} as Keras saves it (a penalty
     * function beside the call, see {@link KerasStyleModel}); kernel (0.5, -0.5), bias 0. On the four rows below
     * the predictions are 0.5, -0.5, 0, 0.5, so the first step's mse is (0.25 + 2.25 + 4 + 6.25) / 4 = 3.1875 and the
     * penalty 0.25 * (0.25 + 0.25) = 0.125.
     */
    @Test
    void theRangeTestsFirstLossHoldsTheWeightPenaltyInTrainingModeOnlyAndTheLogCountsIt() throws IOException {
        Path model = KerasStyleModel.write(temp.resolve("l2"), 2, List.of(
                new KerasStyleModel.Variable("dense/kernel", Shape.of(2, 1), new float[] {0.5f, -0.5f}, true),
                new KerasStyleModel.Variable("dense/bias", Shape.of(1), new float[] {0}, true)),
                (tf, x, v, training) -> List.of(tf.math.add(tf.linalg.matMul(x, tf.readVariableOp(v.get("dense/kernel"),
                        TFloat32.class)), tf.readVariableOp(v.get("dense/bias"), TFloat32.class))),
                List.of(new KerasStyleModel.Penalty("dense/kernel", 0.25f)));
        Path csv = temp.resolve("rows.csv");
        Files.writeString(csv, "a,b,y\n1,0,1\n0,1,1\n1,1,2\n2,1,3\n");
        double mse = 3.1875;
        double penalty = 0.125;
        for (boolean trainingMode : new boolean[] {false, true}) {
            Path out = temp.resolve("rt-" + trainingMode);
            List<String> args = new java.util.ArrayList<>(List.of("range-test", model.toString(), "--data", csv.toString(),
                    "--label", "y", "--loss", "mse", "--batch-size", "4", "--val-fraction", "0", "--steps", "10",
                    "--start-lr", "1e-7", "--end-lr", "1e-6", "--out-dir", out.toString()));
            if (trainingMode) {
                args.add("--training-mode");
            }
            Run run = lrlab(args.toArray(String[]::new));
            assertEquals(ExitCode.OK, run.code(), run.err());
            List<String> curve = Files.readAllLines(out.resolve("range-test.csv"));
            double first = Double.parseDouble(curve.get(1).split(",")[2]);
            assertEquals(trainingMode ? mse + penalty : mse, first, 1e-5, curve.get(1));
            assertEquals(trainingMode, run.err().contains(" + 1 regularization loss of the model\n"), run.err());
        }
    }

    @Test
    void inspectSaysWhichModeTrainingUses() {
        Run plain = lrlab("inspect", Fixtures.shared("keras_heart_mlp").toString());
        assertEquals(ExitCode.OK, plain.code(), plain.err());
        assertTrue(plain.out().contains("keras training mode: available (--training-mode)\n"), plain.out());
        Run training = lrlab("inspect", Fixtures.shared("keras_heart_mlp").toString(), "--training-mode");
        assertTrue(training.out().contains("keras training mode: in use\n"), training.out());
        assertTrue(training.out().contains("training uses: the graph with its function calls inlined, training through "
                + "the Keras training-mode call"), training.out());
        Run tf2 = lrlab("inspect", Fixtures.shared("tf2_half_plus_two").toString());
        assertTrue(tf2.out().contains("keras training mode: not available (no Keras training-mode function in the model)"),
                tf2.out());
    }

    private Path lineCsv() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,y\n");
        Random random = new Random(4);
        for (int i = 0; i < 200; i++) {
            float a = random.nextFloat() * 2 - 1;
            float b = random.nextFloat() * 2 - 1;
            csv.append(String.format(Locale.ROOT, "%s,%s,%s%n", a, b, 3 * a - 2 * b + 1));
        }
        return Files.writeString(temp.resolve("line.csv"), csv);
    }

    @Test
    void aLossSignatureAndATrainSignatureBothFitTheLine() throws IOException {
        Path model = SignatureModels.linearWithLossAndTrainSignatures(temp.resolve("model"));
        Path data = lineCsv();
        Run loss = lrlab("train", model.toString(), "--data", data.toString(), "--label", "y", "--loss-signature", "loss",
                "--signature", "not_needed", "--lr", "0.2", "--epochs", "20", "--out", temp.resolve("loss.csv").toString());
        assertEquals(ExitCode.OK, loss.code(), loss.err());
        assertTrue(loss.err().contains("model: gradients of the model's loss signature 'loss'"), loss.err());
        assertTrue(loss.validation()[1] < 1e-3, loss.out());

        Run train = lrlab("train", model.toString(), "--data", data.toString(), "--label", "y", "--train-signature",
                "train_step", "--lr-input", "lr", "--lr", "0.2", "--epochs", "20", "--out", temp.resolve("t.csv").toString());
        assertEquals(ExitCode.OK, train.code(), train.err());
        assertTrue(train.err().contains("model: the model's own train signature 'train_step' with the rate fed to 'lr'"),
                train.err());
        assertEquals(loss.validation()[0], train.validation()[0], 1e-6);
        assertTrue(train.validation()[1] < 1e-3, train.out());
    }

    @Test
    void badRouteFlagsGiveOneLineAndTheUsageCode() throws IOException {
        Path model = SignatureModels.linearWithLossAndTrainSignatures(temp.resolve("model"));
        Path data = lineCsv();
        Run noRate = lrlab("train", model.toString(), "--data", data.toString(), "--label", "y", "--train-signature",
                "train_step");
        assertEquals(ExitCode.USAGE, noRate.code());
        assertEquals("lrlab: --train-signature needs --lr-input NAME, the signature's learning-rate input",
                noRate.err().strip());
        Run both = lrlab("train", model.toString(), "--data", data.toString(), "--label", "y", "--training-mode",
                "--loss-signature", "loss");
        assertEquals(ExitCode.USAGE, both.code());
        assertTrue(both.err().contains("--training-mode builds lrlab's loss on the Keras training-mode call"), both.err());
        Run noLabelInput = lrlab("train", model.toString(), "--data", data.toString(), "--label", "y",
                "--loss-signature", "serving_default");
        assertEquals(ExitCode.USAGE, noLabelInput.code());
        assertEquals("lrlab: signature 'serving_default' has no input named like the label column 'y'; pass --label-input "
                + "with one of: x", noLabelInput.err().strip());
    }

    @Test
    void inspectNamesTheLoopThatStopsTrainingAndTheSignaturesThatReturnALoss() throws IOException {
        Run loop = lrlab("inspect", SignatureModels.whileLoop(temp.resolve("loop")).toString());
        assertEquals(ExitCode.OK, loop.code(), loop.err());
        assertTrue(loop.out().contains("not trainable: no gradient for a While loop (tf.while_loop, Keras RNN layers) at "
                + "node doubling_loop; export a train or loss signature (docs/tf2-and-keras.md)"), loop.out());
        Run signatures = lrlab("inspect", SignatureModels.linearWithLossAndTrainSignatures(temp.resolve("model")).toString());
        assertTrue(signatures.out().contains("returns a loss: train with --loss-signature loss\n"), signatures.out());
        assertTrue(signatures.out().contains("returns a loss: train with --train-signature train_step --lr-input lr "
                + "(if it applies its own update)\n"), signatures.out());
    }

    @Test
    void trainingThroughALoopFailsNamingTheLoopNode() throws IOException {
        Path model = SignatureModels.whileLoop(temp.resolve("loop"));
        Path csv = Files.writeString(temp.resolve("xy.csv"), "x,y\n1,2\n2,4\n3,6\n");
        Run run = lrlab("train", model.toString(), "--data", csv.toString(), "--label", "y", "--val-fraction", "0",
                "--out", temp.resolve("c.csv").toString());
        assertEquals(ExitCode.MODEL, run.code());
        assertTrue(run.err().contains("doubling_loop") && run.err().contains("While"), run.err());
    }
}
