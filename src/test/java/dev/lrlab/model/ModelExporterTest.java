package dev.lrlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void anExistingSavedModelIsRefusedWithoutForceAndReplacedWholeWithIt() throws Exception {
        Path target = temp.resolve("taken");
        try (SavedModel model = SavedModel.load(Fixtures.shared("tf1_half_plus_two"))) {
            try (TFloat32 three = TFloat32.scalarOf(3f)) {
                model.session().runner().feed("a/initial_value", three).addTarget("a/Assign").run().close();
            }
            ModelExporter.export(model.directory(), model.metaGraphDef().getSaverDef(), model.session(), target, false);
        }
        Files.writeString(target.resolve("variables/variables.data-00001-of-00002"), "a stale shard of an older export");
        try (SavedModel model = SavedModel.load(Fixtures.shared("tf1_half_plus_two"))) {
            LrlabException error = assertThrows(LrlabException.class, () ->
                    ModelExporter.export(model.directory(), model.metaGraphDef().getSaverDef(), model.session(), target, false));
            assertEquals(LrlabException.Kind.OUTPUT, error.kind());
            assertEquals("export target " + target + " already exists; pass `force` to replace it or choose another `exportTarget`",
                    error.getMessage());
            ModelExporter.export(model.directory(), model.metaGraphDef().getSaverDef(), model.session(), target, true);
        }
        assertTrue(Files.notExists(target.resolve("variables/variables.data-00001-of-00002")), "replaced whole, not merged");
        try (SavedModel reloaded = SavedModel.load(target)) {
            assertEquals(0.5f * 4f + 2f, predict(reloaded, 4f), 1e-6);
        }
        try (var siblings = Files.list(temp)) {
            assertEquals(java.util.List.of(target), siblings.toList(), "no temporary folder is left");
        }
    }

    /** An export replaces its whole folder, so a folder holding anything else is never a target, even with force. */
    @Test
    void aTargetHoldingOtherFilesIsRefusedEvenWithForce() throws Exception {
        Path target = Files.createDirectories(temp.resolve("taken"));
        Files.writeString(target.resolve("keep.txt"), "mine");
        Files.writeString(target.resolve("saved_model.pb"), "");
        for (boolean force : new boolean[] {false, true}) {
            LrlabException error = assertThrows(LrlabException.class, () -> ModelExporter.checkTarget(target, force));
            assertEquals(LrlabException.Kind.OUTPUT, error.kind());
            assertEquals("export target " + target + " holds files that are not part of a SavedModel (keep.txt); an export "
                    + "replaces the whole folder, so choose another `exportTarget`", error.getMessage());
        }
        assertEquals("mine", Files.readString(target.resolve("keep.txt")));
    }

    @Test
    void aTargetWhoseParentIsMissingOrAFileIsRefused() throws Exception {
        Path missing = temp.resolve("no/such/model");
        assertEquals("the folder " + missing.getParent() + " that should hold export target " + missing + " does not exist; "
                + "create it or choose another `exportTarget`",
                assertThrows(LrlabException.class, () -> ModelExporter.checkTarget(missing, true)).getMessage());
        Path file = Files.writeString(temp.resolve("model"), "x");
        assertEquals("export target " + file + " is a file; choose another `exportTarget`",
                assertThrows(LrlabException.class, () -> ModelExporter.checkTarget(file, true)).getMessage());
    }

    static float predict(SavedModel model, float x) {
        try (TFloat32 input = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(1, 1), d -> d.setFloat(x, 0, 0));
                Result result = model.session().runner().feed("x:0", input).fetch("y:0").run()) {
            return ((TFloat32) result.get(0)).getFloat(0, 0);
        }
    }
}
