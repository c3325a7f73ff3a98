package dev.lrlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.Fixtures;
import dev.lrlab.LrlabException;
import dev.lrlab.data.DataSpec;
import dev.lrlab.model.LossKind;
import dev.lrlab.train.Evaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models people published that take more than float tensors, trained on their own CSVs: the Keras
 * structured-data model (string, int64 and float inputs through lookup layers), a TF1 estimator whose
 * signatures take serialized {@code tf.Example} protos, and a TFX Keras model that parses them itself.
 *
 * <p>Each is first evaluated as it was trained: a model that learnt these rows scores far above chance only
 * when every input reaches it as its own code expects (the right strings, the features of the protos in the
 * right order), so the accuracies below are the evidence that the inputs are built right.
 */
class TypedInputsTest {
    private static final List<String> PET_FEATURES = List.of("Type", "Age", "Breed1", "Gender", "Color1", "Color2",
            "MaturitySize", "FurLength", "Vaccinated", "Sterilized", "Health", "Fee", "PhotoAmt");

    @TempDir
    Path dir;

    @Test
    void theEstimatorTakesTfExamplesBuiltFromCsvRowsAndClassifiesIrisAsTrained() {
        RunSpec spec = RunSpec.builder().setModel(Fixtures.shared("tf1_estimator_iris_dnn"))
                .setData(DataSpec.csv(Fixtures.shared("tf1_estimator_iris_dnn.csv"), "virginica"))
                .optValidationFraction(0.5).build();
        try (PreparedRun run = PreparedRun.open(spec)) {
            // serving_default is a classify signature: its only float output, scores, is trained
            assertEquals(LossKind.SPARSE_CATEGORICAL_CROSSENTROPY, run.engine().objective().kind());
            assertEquals(List.of("input 'inputs' takes tf.Example protos built from x FLOAT [4] <- 120,4,setosa,versicolor"),
                    run.feedNotes());
            Evaluation trained = run.validate().orElseThrow();
            assertEquals(1.0, trained.accuracy().orElseThrow(), 1e-9, "the estimator was trained on these 120 rows");
            assertTrue(trained.loss() < 0.05, "loss " + trained.loss());
            float first = run.step(0, 0.05, 0).loss();
            assertTrue(Float.isFinite(first) && first < 0.1, "first step loss " + first);
        }
    }

    @Test
    void theTfxKerasModelParsesTheTfExamplesItIsGiven() {
        RunSpec spec = RunSpec.builder().setModel(Fixtures.shared("keras_tft_penguin_examples"))
                .setData(DataSpec.csv(Fixtures.shared("keras_tft_penguin_examples.csv"), "species"))
                .optValidationFraction(0.5).build();
        try (PreparedRun run = PreparedRun.open(spec)) {
            assertEquals(1, run.feedNotes().size());
            assertTrue(run.feedNotes().get(0).startsWith("input 'examples' takes tf.Example protos built from body_mass_g"
                    + " FLOAT [1] <- body_mass_g, culmen_depth_mm FLOAT [1] <- culmen_depth_mm"), run.feedNotes().get(0));
            Evaluation trained = run.validate().orElseThrow();
            assertEquals(0.940, trained.accuracy().orElseThrow(), 0.005);
            assertEquals(0.176, trained.loss(), 0.002);
        }
    }

    @Test
    void thePetfinderModelTakesStringInt64AndFloatColumnsThroughItsLookupLayers() throws IOException {
        Path data = adoptedCsv(record -> record.get(0));
        try (PreparedRun run = PreparedRun.open(petSpec(data))) {
            assertEquals(34, run.dataset().skippedRows(), "rows with an empty Age or Fee cell");
            assertTrue(run.feedNotes().contains("input 'Age' (INT64) <- Age"), run.feedNotes().toString());
            assertTrue(run.feedNotes().contains("input 'Breed1' (STRING) <- Breed1"), run.feedNotes().toString());
            Evaluation trained = run.validate().orElseThrow();
            assertEquals(0.5341, trained.loss(), 0.0003);
            assertTrue(trained.accuracy().orElseThrow() > 0.73, "accuracy " + trained.accuracy());
            float loss = run.step(0, 1e-3, 0).loss();
            assertTrue(Float.isFinite(loss), "step loss " + loss);
        }
        // the same rows with cats and dogs swapped: the strings reach the lookup and change the predictions
        Path swapped = adoptedCsv(record -> record.get(0).equals("Cat") ? "Dog" : "Cat");
        try (PreparedRun run = PreparedRun.open(petSpec(swapped))) {
            assertEquals(0.5323, run.validate().orElseThrow().loss(), 0.0003);
        }
    }

    @Test
    void anEmptyInt64CellIsRefusedWithItsLineUnlessRowsWithEmptyCellsAreSkipped() throws IOException {
        Path data = adoptedCsv(record -> record.get(0), true);
        RunSpec strict = petSpec(data).toBuilder().setData(DataSpec.csv(data, "adopted", PET_FEATURES)).build();
        LrlabException error = assertThrows(LrlabException.class, () -> PreparedRun.open(strict).close());
        assertEquals(data + ":7: column 'Age' holds an empty cell, but model input 'Age' is INT64 and takes whole"
                + " numbers; fill it, or skip rows with empty cells (`skipIncomplete`)", error.getMessage());
    }

    @Test
    void aFractionFedToAnInt64InputIsRefusedNotRounded() throws IOException {
        Path data = adoptedCsv(record -> record.get(0));
        List<String> lines = new ArrayList<>(Files.readAllLines(data));
        lines.set(5, lines.get(5).replaceFirst("^(Cat|Dog),(\\d+),", "$1,2.5,"));
        Files.write(data, lines);
        LrlabException error = assertThrows(LrlabException.class, () -> PreparedRun.open(petSpec(data)).close());
        assertEquals(data + ":6: column 'Age' holds '2.5', but model input 'Age' is INT64 and takes whole numbers,"
                + " not fractions; fix the data or feed another column", error.getMessage());
    }

    @Test
    void labelsTheSigmoidHeadCannotTakeAreRefusedBeforeTheFirstStep() {
        RunSpec spec = petSpec(Fixtures.shared("keras_petfinder_lookup.csv")).toBuilder()
                .setData(DataSpec.csv(Fixtures.shared("keras_petfinder_lookup.csv"), "AdoptionSpeed", PET_FEATURES)
                        .withSkipIncomplete(true)).build();
        LrlabException error = assertThrows(LrlabException.class, () -> PreparedRun.open(spec).close());
        assertEquals(Fixtures.shared("keras_petfinder_lookup.csv") + ":2: label 2 in column 'AdoptionSpeed', but binary"
                + " cross-entropy takes labels 0 or 1; make a 0/1 label column, or choose `loss`", error.getMessage());
    }

    private RunSpec petSpec(Path data) {
        return RunSpec.builder().setModel(Fixtures.shared("keras_petfinder_lookup"))
                .setData(DataSpec.csv(data, "adopted", PET_FEATURES).withSkipIncomplete(true))
                .optLoss(LossKind.BINARY_CROSSENTROPY).optFromLogits(true).optValidationFraction(0.5).build();
    }

    private interface TypeCell {
        String of(CSVRecord record);
    }

    /** The Keras tutorial's target: adopted (1) unless AdoptionSpeed is 4; the first column rewritten by {@code type}. */
    private Path adoptedCsv(TypeCell type) throws IOException {
        return adoptedCsv(type, false);
    }

    /** Like {@link #adoptedCsv(TypeCell)}; with {@code fillFee}, an empty Fee cell becomes 0. */
    private Path adoptedCsv(TypeCell type, boolean fillFee) throws IOException {
        Path out = dir.resolve("pets.csv");
        try (CSVParser parser = CSVParser.parse(Fixtures.shared("keras_petfinder_lookup.csv"),
                java.nio.charset.StandardCharsets.UTF_8, CSVFormat.DEFAULT);
             CSVPrinter printer = new CSVPrinter(Files.newBufferedWriter(out), CSVFormat.DEFAULT)) {
            boolean header = true;
            for (CSVRecord record : parser) {
                List<String> cells = new ArrayList<>(record.toList());
                if (header) {
                    cells.add("adopted");
                    header = false;
                } else {
                    cells.set(0, type.of(record));
                    if (fillFee && cells.get(11).isBlank()) {
                        cells.set(11, "0");
                    }
                    cells.add(record.get(13).equals("4") ? "0" : "1");
                }
                printer.printRecord(cells);
            }
        }
        return out;
    }
}
