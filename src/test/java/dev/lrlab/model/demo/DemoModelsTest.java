package dev.lrlab.model.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;

class DemoModelsTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final DemoModels command = new DemoModels(new PrintWriter(out), new PrintWriter(err));

    private static long folders(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).count();
        }
    }

    @Test
    void writesEveryCommittedModelIntoTheOutputDir() throws IOException {
        assertEquals(DemoModels.OK, command.run(tmp.toString()));
        for (DemoModel model : DemoModel.committedModels()) {
            assertTrue(Files.isRegularFile(tmp.resolve(model.folderName()).resolve("saved_model.pb")), model.folderName());
        }
        assertEquals(5, folders(tmp));
        assertFalse(Files.exists(tmp.resolve("fashion-mnist-mlp")));
        assertTrue(out.toString().contains("wrote " + tmp.resolve("digits-mlp") + " (2,410 parameters)"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void committedModelsAreUpToDate() throws IOException {
        Path repoModels = Path.of(DemoModels.DEFAULT_OUTPUT_DIR);
        assertEquals(DemoModels.OK, command.run(tmp.toString()));
        for (DemoModel model : DemoModel.committedModels()) {
            for (String file : List.of("saved_model.pb", "variables/variables.index",
                    "variables/variables.data-00000-of-00001")) {
                Path committed = repoModels.resolve(model.folderName()).resolve(file);
                assertTrue(Files.isRegularFile(committed), "missing " + committed + "; run scripts/build-models");
                assertArrayEquals(Files.readAllBytes(committed),
                        Files.readAllBytes(tmp.resolve(model.folderName()).resolve(file)),
                        committed + " is stale; run scripts/build-models and commit models/");
            }
        }
    }

    @Test
    void fashionMnistAloneWritesOnlyThatModelAtTheGivenPath() throws IOException {
        Path dir = tmp.resolve("bench").resolve("fashion");
        assertEquals(DemoModels.OK, command.run("--fashion-mnist", dir.toString()));
        assertEquals(1, folders(tmp));
        assertEquals(String.format("wrote %s (269,322 parameters)%n", dir), out.toString());
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString())) {
            Signature signature = bundle.function(Signature.DEFAULT_KEY).signature();
            assertEquals("[-1, 784]", Arrays.toString(signature.getInputs().get("x").shape.asArray()));
        }
    }

    @Test
    void onlyWritesTheNamedModels() throws IOException {
        assertEquals(DemoModels.OK, command.run("--only", "iris-mlp,logistic", tmp.toString()));
        assertEquals(2, folders(tmp));
        assertTrue(Files.exists(tmp.resolve("logistic/saved_model.pb")));
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(DemoModels.BAD_ARGUMENTS, command.run("--bogus"));
        assertTrue(err.toString().startsWith("DemoModels: expected --only or --fashion-mnist, found --bogus"),
                err.toString());
        assertTrue(err.toString().contains("usage: DemoModels"));
        assertEquals("", out.toString());
    }

    @Test
    void missingValuesUnknownModelsAndTwoDirsAreUsageErrors() {
        assertEquals(DemoModels.BAD_ARGUMENTS, command.run("--fashion-mnist"));
        assertTrue(err.toString().contains("expected a value after --fashion-mnist, found none"), err.toString());
        assertEquals(DemoModels.BAD_ARGUMENTS, command.run("--only", "mnist"));
        assertTrue(err.toString().contains("found mnist"), err.toString());
        assertEquals(DemoModels.BAD_ARGUMENTS, command.run("a", "b"));
        assertTrue(err.toString().contains("expected one OUTPUT_DIR, found a and b"), err.toString());
    }

    @Test
    void unwritableOutputIsAnOutputError() throws IOException {
        Path file = Files.writeString(tmp.resolve("occupied"), "a file, not a folder");
        assertEquals(DemoModels.CANNOT_WRITE, command.run("--only", "logistic", file.toString()));
        assertTrue(err.toString().startsWith("DemoModels: cannot write " + file.resolve("logistic")), err.toString());
    }
}
