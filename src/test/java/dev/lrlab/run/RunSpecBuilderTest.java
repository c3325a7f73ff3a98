package dev.lrlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import dev.lrlab.data.DataSpec;
import dev.lrlab.model.LoadMode;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builders of {@link RunSpec} and {@link TrainingRoute}: required values, nulls, defaults, round trips. */
class RunSpecBuilderTest {
    @TempDir
    Path model;

    private RunSpec.Builder builder() {
        return RunSpec.builder().setModel(model).setData(DataSpec.csv(model.resolve("data.csv"), "y"))
                .optModelCompileSettings(false);
    }

    @Test
    void aMissingModelIsNamed() {
        LrlabException e = assertThrows(LrlabException.class, () -> RunSpec.builder().build());
        assertEquals("`model` is required: the SavedModel folder (setModel)", e.getMessage());
        assertEquals(LrlabException.Kind.SETTING, e.kind());
    }

    @Test
    void nullsAreRefusedWhereTheyAreGiven() {
        assertEquals("signature", assertThrows(NullPointerException.class, () -> builder().optSignature(null)).getMessage());
        assertEquals("route", assertThrows(NullPointerException.class, () -> builder().optRoute(null)).getMessage());
        assertEquals("unroll", assertThrows(NullPointerException.class, () -> builder().optUnroll(null)).getMessage());
        assertEquals("optimizer", assertThrows(NullPointerException.class, () -> builder().optOptimizer(null)).getMessage());
        assertEquals("defaultOptimizer", assertThrows(NullPointerException.class,
                () -> builder().optDefaultOptimizer(null)).getMessage());
    }

    @Test
    void defaultsAreTheConstants() {
        RunSpec spec = builder().build();
        assertEquals("serving_default", spec.signature());
        assertEquals(RunSpec.DEFAULT_SIGNATURE, spec.signature());
        assertEquals(32, spec.batchSize());
        assertEquals(RunSpec.DEFAULT_BATCH_SIZE, spec.batchSize());
        assertEquals(RunSpec.DEFAULT_SEED, spec.seed());
        assertEquals(RunSpec.DEFAULT_VALIDATION_FRACTION, spec.validationFraction());
        assertEquals(RunSpec.DEFAULT_OPTIMIZER, spec.optimizer().kind());
        assertEquals(RunSpec.DEFAULT_WEIGHT_DECAY, spec.optimizer().weightDecay());
        assertTrue(spec.shuffle());
        assertFalse(spec.prefetch());
        assertEquals(TrainingRoute.standard(), spec.route());
        assertEquals(Optional.empty(), spec.input());
    }

    @Test
    void badValuesNameTheProperty() {
        assertEquals("`batchSize` must be at least 1, found 0",
                assertThrows(LrlabException.class, () -> builder().optBatchSize(0).build()).getMessage());
        assertEquals("`validationFraction` must be in [0, 1), found 1.0",
                assertThrows(LrlabException.class, () -> builder().optValidationFraction(1).build()).getMessage());
    }

    @Test
    void toBuilderGivesAnEqualSpec() {
        RunSpec spec = builder().optBatchSize(7).optSeed(42).optShuffle(false).optInput("x").optSignature("sig")
                .optValidationFraction(0.3).optWeightDecay(1e-4).build();
        assertEquals(spec, spec.toBuilder().build());
        assertEquals(spec.hashCode(), spec.toBuilder().build().hashCode());
        assertFalse(spec.equals(spec.toBuilder().optBatchSize(8).build()));
        assertTrue(spec.toString().startsWith("RunSpec[model=" + model + ", signature=sig, input=Optional[x]"),
                spec.toString());
    }

    @Test
    void everyRouteHasAFactory() {
        assertEquals(LoadMode.INFERENCE, TrainingRoute.standard().loadMode());
        assertEquals(LoadMode.TRAINING, TrainingRoute.kerasTrainingMode().loadMode());
        TrainingRoute train = TrainingRoute.trainSignature("train", "lr").withLabelInput("y");
        assertEquals(LoadMode.AS_SAVED, train.loadMode());
        assertEquals(Optional.of("lr"), train.lrInput());
        assertEquals(Optional.of("y"), train.labelInput());
        TrainingRoute loss = TrainingRoute.lossSignature("loss");
        assertEquals(Optional.of("loss"), loss.lossSignature());
        assertEquals(loss, TrainingRoute.builder().optLossSignature("loss").build());
    }

    @Test
    void routeSettingsThatDoNotFitAreNamed() {
        assertEquals("`trainSignature` needs `lrInput` NAME, the signature's learning-rate input",
                assertThrows(LrlabException.class, () -> TrainingRoute.builder().optTrainSignature("t").build())
                        .getMessage());
        assertEquals("`labelInput` only applies with `lossSignature` or `trainSignature`",
                assertThrows(LrlabException.class, () -> TrainingRoute.standard().withLabelInput("y")).getMessage());
        assertEquals("lrInput", assertThrows(NullPointerException.class,
                () -> TrainingRoute.trainSignature("t", null)).getMessage());
    }
}
