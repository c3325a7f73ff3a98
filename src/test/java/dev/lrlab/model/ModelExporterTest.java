package dev.lrlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.ExitCode;
import dev.lrlab.Fixtures;
import dev.lrlab.LrlabException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

class ModelExporterTest {
    @TempDir
    Path temp;

    @Test
    void exportedModelKeepsSignaturesAndCarriesNewValues() {
        Path target = temp.resolve("exported");
        java.util.List<SignatureSpec> signatures;
        try (SavedModel model = SavedModel.load(Fixtures.shared("tf1_half_plus_two"))) {
            signatures = model.signatures();
            try (TFloat32 three = TFloat32.scalarOf(3f)) {
                model.session().runner().feed("a/initial_value", three).addTarget("a/Assign").run().close();
            }
            ModelExporter.export(model.directory(), model.metaGraphDef().getSaverDef(), model.session(), target, false);
        }
        assertTrue(Files.isRegularFile(target.resolve("saved_model.pb")));
        assertTrue(Files.isRegularFile(target.resolve("assets/foo.txt")));
        try (SavedModel reloaded = SavedModel.load(target)) {
            assertEquals(signatures, reloaded.signatures());
            assertEquals(3.0f * 2f + 2f, predict(reloaded, 2f), 1e-6);
        }
    }

    @Test
    void existingTargetIsRefusedWithoutForceAndReplacedWithIt() throws Exception {
        Path target = Files.createDirectories(temp.resolve("taken"));
        Files.writeString(target.resolve("keep.txt"), "mine");
        try (SavedModel model = SavedModel.load(Fixtures.shared("tf1_half_plus_two"))) {
            LrlabException error = assertThrows(LrlabException.class, () ->
                    ModelExporter.export(model.directory(), model.metaGraphDef().getSaverDef(), model.session(), target, false));
            assertEquals(ExitCode.OUTPUT, error.exitCode());
            assertEquals("export target " + target + " already exists; pass --force to replace it or choose another --export",
                    error.getMessage());
            assertTrue(Files.exists(target.resolve("keep.txt")));
            ModelExporter.export(model.directory(), model.metaGraphDef().getSaverDef(), model.session(), target, true);
        }
        assertTrue(Files.notExists(target.resolve("keep.txt")));
        try (SavedModel reloaded = SavedModel.load(target)) {
            assertEquals(0.5f * 4f + 2f, predict(reloaded, 4f), 1e-6);
        }
    }

    static float predict(SavedModel model, float x) {
        try (TFloat32 input = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(1, 1), d -> d.setFloat(x, 0, 0));
                Result result = model.session().runner().feed("x:0", input).fetch("y:0").run()) {
            return ((TFloat32) result.get(0)).getFloat(0, 0);
        }
    }
}
