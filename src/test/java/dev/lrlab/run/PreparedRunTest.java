package dev.lrlab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lrlab.Fixtures;
import dev.lrlab.data.DataSpec;
import dev.lrlab.model.VariableSnapshot;
import dev.lrlab.rangetest.RangeTest;
import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.rangetest.RangeTestResult;
import dev.lrlab.train.OptimizerConfig;
import dev.lrlab.train.OptimizerKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.types.TFloat32;

/** A prepared run on the Keras heart MLP restores every weight and Adam slot bit for bit. */
class PreparedRunTest {
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theHeartMlpIsBitIdenticalAfterSnapshotTrainAndRestore(boolean trainingMode) {
        RunSpec spec = RunSpec.builder().setModel(Fixtures.shared("keras_heart_mlp"))
                .setData(DataSpec.csv(Fixtures.shared("keras_heart_mlp.csv"), "target"))
                .optOptimizer(OptimizerConfig.of(OptimizerKind.ADAM))
                .optRoute(trainingMode ? TrainingRoute.kerasTrainingMode() : TrainingRoute.standard())
                .build();
        try (PreparedRun run = PreparedRun.open(spec)) {
            assertEquals(12, run.engine().variables().size());
            double validation = run.validate().orElseThrow().loss();
            List<Integer> before;
            try (VariableSnapshot snapshot = run.snapshot()) {
                before = bits(snapshot);
                for (int step = 0; step < 10; step++) {
                    run.step(step, 1e-3, 0.9);
                }
                try (VariableSnapshot trained = run.snapshot()) {
                    assertFalse(before.equals(bits(trained)), "ten Adam steps should change the weights");
                }
                run.restore(snapshot);
            }
            try (VariableSnapshot restored = run.snapshot()) {
                assertArrayEquals(before.toArray(), bits(restored).toArray());
            }
            assertEquals(validation, run.validate().orElseThrow().loss());
        }
    }

    /** The rows of iris.csv as arrays give the same split, batches and losses as the file itself. */
    @org.junit.jupiter.api.Test
    void arraysInMemoryRunAsTheSameRowsReadFromTheirFile() {
        RunSpec fromFile = RunSpec.builder().setModel(java.nio.file.Path.of("models/iris-mlp"))
                .setData(DataSpec.csv(java.nio.file.Path.of("data-samples/iris.csv"), "species")).build();
        dev.lrlab.data.Dataset file = new dev.lrlab.data.DatasetLoader().load(fromFile.data());
        float[][] rows = new float[file.size()][file.featureCount()];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                rows[r][c] = file.feature(r, c);
            }
        }
        RangeTestConfig config = RangeTestConfig.builder().optSteps(30).build();
        RangeTestResult expected;
        try (PreparedRun run = PreparedRun.open(fromFile)) {
            expected = RangeTest.run(run, config);
        }
        RunSpec inMemory = fromFile.toBuilder().setData(null).build();
        try (PreparedRun run = PreparedRun.open(inMemory, dev.lrlab.data.Dataset.of(rows, file.labels()))) {
            assertEquals("120 training rows, 30 validation rows", run.splitSizes());
            RangeTestResult result = RangeTest.run(run, config);
            assertArrayEquals(expected.loss(), result.loss());
            assertEquals(expected.suggestedLr(), result.suggestedLr());
        }
    }

    @org.junit.jupiter.api.Test
    void dataInMemoryAndInFilesAreRefusedTogetherAndNoDataIsRefusedAlone() {
        RunSpec withFile = RunSpec.builder().setModel(java.nio.file.Path.of("models/iris-mlp"))
                .setData(DataSpec.csv(java.nio.file.Path.of("data-samples/iris.csv"), "species")).build();
        dev.lrlab.data.Dataset data = dev.lrlab.data.Dataset.of(new float[][] {{1, 2, 3, 4}}, new float[] {0});
        dev.lrlab.LrlabException both = org.junit.jupiter.api.Assertions.assertThrows(dev.lrlab.LrlabException.class,
                () -> PreparedRun.open(withFile, data));
        assertEquals(dev.lrlab.LrlabException.Kind.SETTING, both.kind());
        assertEquals("the run spec names the data file data-samples/iris.csv and a Dataset is given as well; build the "
                + "spec without setData to train on the Dataset", both.getMessage());
        RunSpec none = withFile.toBuilder().setData(null).build();
        dev.lrlab.LrlabException missing = org.junit.jupiter.api.Assertions.assertThrows(dev.lrlab.LrlabException.class,
                () -> PreparedRun.open(none));
        assertEquals(dev.lrlab.LrlabException.Kind.SETTING, missing.kind());
        assertEquals("the run spec names no data; set it with RunSpec.Builder.setData, or give the examples in memory "
                + "to PreparedRun.open(spec, dataset)", missing.getMessage());
    }

    /** A width the model does not take is refused by the same checks as a file's, naming the arrays. */
    @org.junit.jupiter.api.Test
    void arraysOfTheWrongWidthAreADataError() {
        RunSpec spec = RunSpec.builder().setModel(java.nio.file.Path.of("models/iris-mlp")).build();
        float[][] rows = new float[10][3];
        dev.lrlab.LrlabException e = org.junit.jupiter.api.Assertions.assertThrows(dev.lrlab.LrlabException.class,
                () -> PreparedRun.open(spec, dev.lrlab.data.Dataset.of(rows, new float[10])));
        assertEquals(dev.lrlab.LrlabException.Kind.DATA, e.kind());
        // the fix the message names after this (a flag today) is helper "errors"' to reword for the library
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith(
                "model input x [-1,4] takes 4 values per example, but the data has 3 feature columns;"), e.getMessage());
    }

    private static List<Integer> bits(VariableSnapshot snapshot) {
        List<Integer> bits = new ArrayList<>();
        for (int i = 0; i < snapshot.size(); i++) {
            ((TFloat32) snapshot.tensor(i)).scalars().forEach(s -> bits.add(Float.floatToRawIntBits(s.getFloat())));
        }
        return bits;
    }
}
