package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.Fixtures;
import dev.lrlab.LearningPhaseModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What inspect and the experiments say of TF1 Keras graphs, Keras 3 exports and broken model folders. */
class ModelInspectionCliTest {
    @TempDir
    Path temp;

    @Test
    void inspectCallsATf1KerasGraphTrainableInItsInferencePhase() throws IOException {
        Path model = LearningPhaseModel.export(temp.resolve("phase"));
        CliRun run = CliRun.of("inspect", model.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.out().contains("training uses: the graph with its Keras learning phase set to inference"), run.out());
        assertTrue(run.out().contains("         trainable: 2 variables (dense/kernel, dense/bias)"), run.out());
        CliRun training = CliRun.of("inspect", model.toString(), "--training-mode");
        assertEquals(ExitCode.OK, training.code(), training.err());
        assertTrue(training.out().contains("training uses: the graph with its Keras learning phase set to training"),
                training.out());
        assertTrue(training.out().contains("         trainable: 2 variables (dense/kernel, dense/bias)"), training.out());
    }

    @Test
    void aRangeTestRunsOnATf1KerasGraphInBothPhases() throws IOException {
        Path model = LearningPhaseModel.export(temp.resolve("phase"));
        Path data = temp.resolve("rows.csv");
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 16; i++) {
            csv.append(i % 4).append(',').append(i % 3).append(',').append(i % 5).append('\n');
        }
        Files.writeString(data, csv);
        for (List<String> extra : List.of(List.<String>of(), List.of("--training-mode"))) {
            Path out = temp.resolve("out" + extra.size());
            List<String> args = new java.util.ArrayList<>(List.of("range-test", model.toString(), "--data", data.toString(),
                    "--label", "y", "--loss", "mse", "--steps", "12", "--batch-size", "4", "--start-lr", "1e-5",
                    "--end-lr", "1e-2", "--out-dir", out.toString(), "--quiet"));
            args.addAll(extra);
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(ExitCode.OK, run.code(), run.err());
            assertEquals(13, Files.readAllLines(out.resolve("range-test.csv")).size(), "header and 12 steps");
        }
    }

    @Test
    void inspectListsEachVariableOfAKeras3ExportOnceAndTrainsItsLoopsUnrolled() {
        CliRun run = CliRun.of("inspect", Fixtures.shared("keras3_export_bilstm").toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        List<String> variables = run.out().lines().dropWhile(l -> !l.equals("variables:")).skip(1)
                .takeWhile(l -> !l.isBlank()).map(l -> l.strip().split(" +")[0]).toList();
        assertEquals(13, variables.size(), run.out()); // 10 weights and 3 seed-generator states
        assertTrue(variables.contains("sequential_6/dense_13/bias_1"), variables.toString());
        assertFalse(variables.contains("sequential_6/dense_13/bias"), variables.toString());
        assertTrue(run.out().contains("; trains by unrolling 14 steps (4 loops of recurrent layers)\n"), run.out());
        assertEquals(List.of(), run.out().lines().filter(l -> l.contains("not trainable: ")).toList(), run.out());
        assertEquals(2, run.out().lines().filter(l -> l.contains("trainable: 10 variables")).count(), run.out());
        assertTrue(run.out().contains("keras training mode: not available (a Keras 3 export holds no training-mode "
                + "function; export a training-mode endpoint with keras.export.ExportArchive"), run.out());
    }

    @Test
    void aMissingVariablesFolderIsOneModelErrorLineForInspectAndBeforeARangeTestWritesAnything() throws IOException {
        Path model = temp.resolve("no_variables");
        dev.lrlab.TestFolders.copy(CliRun.root().resolve("models/logistic"), model);
        try (Stream<Path> files = Files.walk(model.resolve("variables"))) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
        String expected = "lrlab: " + model + " has no variables/ folder, which holds the model's weights "
                + "(variables.index and variables.data-*); copy the whole SavedModel folder, variables/ included";
        CliRun inspect = CliRun.of("inspect", model.toString());
        assertEquals(ExitCode.MODEL, inspect.code());
        assertEquals(expected, inspect.lastErrorLine());
        assertEquals(1, inspect.err().strip().lines().count(), inspect.err());
        Path out = temp.resolve("out");
        CliRun rangeTest = CliRun.of("range-test", model.toString(), "--data", "data-samples/breast_cancer.csv",
                "--label", "malignant", "--out-dir", out.toString(), "--quiet");
        assertEquals(ExitCode.MODEL, rangeTest.code());
        assertEquals(expected, rangeTest.lastErrorLine());
        assertFalse(Files.exists(out), "the range test created " + out);
    }

    @Test
    void trainabilityIsCheckedOnTheChosenSignatureOnly() throws IOException {
        Path model = dev.lrlab.SignatureModels.whileLoops(temp.resolve("loops"), "first", "first_loop", "second",
                "second_loop");
        Path csv = Files.writeString(temp.resolve("xy.csv"), "x,y\n1,2\n2,4\n3,6\n");
        CliRun run = CliRun.of("train", model.toString(), "--signature", "second", "--data", csv.toString(), "--label",
                "y", "--val-fraction", "0", "--out", temp.resolve("c.csv").toString());
        assertEquals(ExitCode.MODEL, run.code());
        assertEquals("lrlab: cannot train " + model + ": output 'y' of signature 'second': no gradient for a While loop "
                + "(tf.while_loop, Keras RNN layers) at node second_loop; export a train or loss signature "
                + "(docs/tf2-and-keras.md)", run.lastErrorLine());
    }
}
