package dev.lrlab.rangetest.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import dev.lrlab.data.DataSpec;
import dev.lrlab.rangetest.RangeTest;
import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.rangetest.RangeTestResult;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopSignal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A range test's outcome through Java serialization (as Spark sends it from a task to the driver) gives back the
 * result value for value, and its setup writes the same summary.
 */
class RangeTestOutcomeTest {
    /** The digits MLP, 40 steps up to a rate of 1000: the loss explodes at step 28, so there is a stop too. */
    record Digits(String data) implements RangeTestRecipe {
        @Override
        public RunSpec spec(Path model) {
            return RunSpec.builder().setModel(model).setData(DataSpec.csv(Path.of(data), "label")).build();
        }

        @Override
        public RangeTestConfig config(RunSpec spec) {
            return RangeTestConfig.builder().optSteps(40).optEndLr(1000).build();
        }
    }

    private static RangeTestOutcome travelled(RangeTestOutcome outcome) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(outcome);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (RangeTestOutcome) in.readObject();
        }
    }

    @Test
    void theResultComesBackValueForValue() throws Exception {
        Digits recipe = new Digits("data-samples/digits.csv");
        Path model = Path.of("models/digits-mlp");
        RunSpec spec = recipe.spec(model);
        RangeTestResult local;
        try (PreparedRun run = PreparedRun.open(spec)) {
            local = RangeTest.run(run, recipe.config(spec));
        }
        RangeTestOutcome outcome = travelled(RangeTestOutcome.run(recipe, model, new StopSignal()));
        assertFalse(outcome.failed());
        RangeTestResult back = outcome.toResult(spec, recipe.config(spec));

        assertTrue(local.stop().isPresent(), "the loss exploded: " + local.stopDescription());
        assertArrayEquals(local.lr(), back.lr());
        assertArrayEquals(local.loss(), back.loss());
        assertArrayEquals(local.smoothedLoss(), back.smoothedLoss());
        assertArrayEquals(local.valLoss(), back.valLoss());
        assertArrayEquals(local.valAccuracy(), back.valAccuracy());
        assertEquals(local.suggestions(), back.suggestions());
        assertEquals(local.stop(), back.stop());
        assertEquals(local.setup().compileSettings(), back.setup().compileSettings());
        assertEquals(local.setup().accuracy(), back.setup().accuracy());
        assertEquals(local.setup().spec().device(), back.setup().spec().device());
    }

    @Test
    void aFailedTestHasItsKindAndMessageAndNoResult() throws Exception {
        RangeTestOutcome outcome = travelled(RangeTestOutcome.failed(LrlabException.Kind.DATA, "no such file x.csv"));
        assertTrue(outcome.failed());
        assertEquals("no such file x.csv", outcome.failure().orElseThrow());
        assertEquals(LrlabException.Kind.DATA, outcome.failureKind().orElseThrow());
        Digits recipe = new Digits("data-samples/digits.csv");
        assertThrows(IllegalStateException.class, () -> outcome.toResult(recipe.spec(Path.of("models/digits-mlp")),
                recipe.config(null)));
    }
}
