package dev.lrlab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrlab.LrlabException;
import dev.lrlab.data.DataSpec;
import dev.lrlab.data.Dataset;
import dev.lrlab.model.LossKind;
import dev.lrlab.model.TensorSpec;
import dev.lrlab.model.demo.DemoModelExporter;
import dev.lrlab.model.demo.DemoModelSpec;
import dev.lrlab.model.demo.DenseSpec;
import dev.lrlab.model.demo.Head;
import dev.lrlab.model.demo.InputSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Labels that cannot fit the output or the loss are refused before the first step, naming file:line and the fix. */
class FeedChecksTest {
    @TempDir
    Path dir;

    private static Dataset labels(int width, float... values) {
        int rows = values.length / width;
        return Dataset.builder().features(new float[rows]).labels(values).labelWidth(width)
                .featureNames(List.of("x")).lines(java.util.stream.IntStream.range(2, 2 + rows).toArray())
                .source("d.csv").build();
    }

    private static TensorSpec output(long... shape) {
        return new TensorSpec("out", "out:0", "FLOAT", shape);
    }

    private static String refusal(Dataset data, TensorSpec output, LossKind kind) {
        return assertThrows(LrlabException.class, () -> FeedChecks.checkLabels(data, output, kind)).getMessage();
    }

    @Test
    void regressionLabelsMustMatchTheOutputsValuesPerExample() {
        assertEquals("output 'out' [-1,4] has 4 values per example but the data gives 1 label (column 'label') per"
                + " example; name 4 label columns (`labelColumn` y0,y1,... or a prefix `labelColumn` 'y*'), or .npy labels of shape"
                + " (n, 4)", refusal(labels(1, 1, 2), output(-1, 4), LossKind.MSE));
        assertEquals("output 'out' [-1,3,12] has 36 values per example but the data gives 2 labels per example; name 36"
                + " label columns (`labelColumn` y0,y1,... or a prefix `labelColumn` 'y*'), or .npy labels of shape (n, 36)",
                refusal(labels(2, 1, 2), output(-1, 3, 12), LossKind.MAE));
        FeedChecks.checkLabels(labels(2, 1, 2, 3, 4), output(-1, 2), LossKind.MSE);
    }

    @Test
    void classIndicesAreWholeNumbersBelowTheClassCount() {
        assertEquals("d.csv:3: label 3 in column 'label', but output 'out' [-1,3] has 3 classes, so class indices are in"
                + " [0, 3); relabel the data or choose another `output`",
                refusal(labels(1, 0, 3, 1), output(-1, 3), LossKind.SPARSE_CATEGORICAL_CROSSENTROPY));
        assertEquals("d.csv:2: label 0.5 in column 'label', but class labels are whole numbers (class indices); use class"
                + " indices 0..k-1 or class names, or choose `loss` mse for a regression target",
                refusal(labels(1, 0.5f, 1), output(-1, 3), LossKind.CATEGORICAL_CROSSENTROPY));
        assertEquals("d.csv:2: label -1 in column 'label', but output 'out' [-1,2] has 2 classes, so class indices are in"
                + " [0, 2); relabel the data or choose another `output`",
                refusal(labels(1, -1, 1), output(-1, 2), LossKind.SPARSE_CATEGORICAL_CROSSENTROPY));
    }

    /** Found by CliHostileTest: class names with a line break made this message span lines. */
    @Test
    void classNamesWithLineBreaksStayOnOneLine() {
        Dataset data = Dataset.builder().features(new float[2]).labels(new float[] {0, 3}).featureNames(List.of("x"))
                .labelNames(List.of("kind\tof")).classNames(List.of("a", "b", "c", "line\nbreak")).lines(new int[] {2, 4})
                .source("d.csv").build();
        assertEquals("d.csv:4: label 'line\\nbreak' (class 3) in column 'kind\\tof', but output 'out' [-1,3] has 3"
                + " classes, so class indices are in [0, 3); the label column has 4 class names ('a', 'b', 'c',"
                + " 'line\\nbreak'): fix the labels or choose another `output`",
                refusal(data, output(-1, 3), LossKind.SPARSE_CATEGORICAL_CROSSENTROPY));
    }

    @Test
    void binaryCrossEntropyTakesZeroOrOneAndOneHotBlocksTheOutputsWidth() {
        assertEquals("d.csv:3: label 2 in column 'label', but binary cross-entropy takes labels 0 or 1; make a 0/1 label"
                + " column, or choose `loss`", refusal(labels(1, 1, 2), output(-1, 1), LossKind.BINARY_CROSSENTROPY));
        assertEquals("output 'out' [-1,3] has 3 classes but the data gives one-hot blocks of 2 labels; give 3 label columns",
                refusal(labels(2, 1, 0), output(-1, 3), LossKind.CATEGORICAL_CROSSENTROPY));
        FeedChecks.checkLabels(labels(3, 0, 1, 0), output(-1, 3), LossKind.CATEGORICAL_CROSSENTROPY);
        assertEquals("sparse categorical cross-entropy takes one class index per example, but the data gives 3 labels;"
                + " name one label column, or use `loss` categorical-crossentropy for one-hot blocks",
                refusal(labels(3, 0, 1, 0), output(-1, 3), LossKind.SPARSE_CATEGORICAL_CROSSENTROPY));
    }

    /**
     * A forecaster of three values trained on three label columns: the validation loss lrlab reports is the mean
     * over rows and the three values of (prediction - target)^2, with the predictions computed here by running the
     * model's own serving signature.
     */
    @Test
    void anOutputOfThreeValuesTrainsOnThreeLabelColumnsWithTheMeanSquaredErrorOverAllOfThem() throws IOException {
        Path model = dir.resolve("forecaster");
        DemoModelExporter.export(new DemoModelSpec("forecaster", List.of(new InputSpec("x", 2)),
                List.of(DenseSpec.relu("hidden", 4), DenseSpec.linear("out", 3)), Head.IDENTITY, 7), model);
        float[] x = {0.5f, -1f, 1.5f, 2f, -0.25f, 0.75f, 1f, 1f};
        float[] y = {1, 2, 3, -1, 0, 1, 0.5f, 0.5f, 0.5f, 2, -2, 0};
        StringBuilder csv = new StringBuilder("x0,x1,y0,y1,y2\n");
        for (int r = 0; r < 4; r++) {
            csv.append(x[2 * r]).append(',').append(x[2 * r + 1]);
            for (int j = 0; j < 3; j++) {
                csv.append(',').append(y[3 * r + j]);
            }
            csv.append('\n');
        }
        Path data = Files.writeString(dir.resolve("series.csv"), csv);
        float[] predicted = new float[12];
        try (SavedModelBundle bundle = SavedModelBundle.load(model.toString(), "serve");
             TFloat32 input = TFloat32.tensorOf(Shape.of(4, 2), DataBuffers.of(x));
             Result result = bundle.session().runner().feed("x:0", input).fetch("y:0").run()) {
            ((TFloat32) result.get(0)).asRawTensor().data().asFloats().read(predicted);
        }
        double expected = 0;
        for (int i = 0; i < 12; i++) {
            expected += (predicted[i] - y[i]) * (predicted[i] - y[i]) / 12.0;
        }
        RunSpec spec = RunSpec.builder().setModel(model).setData(DataSpec.csv(data, "y*")).optValidationFraction(0).build();
        try (PreparedRun run = PreparedRun.open(spec)) {
            assertEquals(3, run.dataset().labelWidth());
            assertEquals(LossKind.MSE, run.engine().objective().kind());
            float[] features = run.dataset().features();
            assertArrayEquals(x, features);
            assertEquals(expected, run.engine().evaluate(features, run.dataset().labels(), 4, 4).loss(), 1e-6);
            assertEquals(expected, run.step(0, 0.01, 0).loss(), 1e-6, "the first step's loss is before its update");
        }
        RunSpec oneLabel = spec.toBuilder().setData(DataSpec.csv(data, "y0", List.of("x0", "x1"))).build();
        assertEquals("output 'y' [-1,3] has 3 values per example but the data gives 1 label (column 'y0') per example;"
                + " name 3 label columns (`labelColumn` y0,y1,... or a prefix `labelColumn` 'y*'), or .npy labels of shape (n, 3)",
                assertThrows(LrlabException.class, () -> PreparedRun.open(oneLabel).close()).getMessage());
    }

    private static dev.lrlab.model.SignatureSpec signature(TensorSpec... inputs) {
        return new dev.lrlab.model.SignatureSpec("serving_default", "tensorflow/serving/predict", List.of(inputs),
                List.of(new TensorSpec("y", "y:0", "FLOAT", new long[] {-1, 1})));
    }

    @Test
    void windowsFitASequenceInputStepBySeriesAndAFlatInputByTheirProduct() {
        dev.lrlab.data.WindowSpec fiveByTwo = new dev.lrlab.data.WindowSpec(5, List.of("Open", "Close"), 1);
        // fits: [-1,5,2], [-1,-1,2] (any length), [-1,10], [-1,-1] (any width), unknown rank
        for (long[] shape : List.of(new long[] {-1, 5, 2}, new long[] {-1, -1, 2}, new long[] {-1, 10}, new long[] {-1, -1})) {
            FeedChecks.checkWindow(signature(new TensorSpec("x", "x:0", "FLOAT", shape)), fiveByTwo);
        }
        FeedChecks.checkWindow(signature(new TensorSpec("x", "x:0", "FLOAT", null)), fiveByTwo);
        // [-1,10,1] has the same 10 values, but 10 steps of 1 series are not 5 steps of 2
        LrlabException steps = assertThrows(LrlabException.class, () -> FeedChecks.checkWindow(
                signature(new TensorSpec("x", "x:0", "FLOAT", new long[] {-1, 10, 1})), fiveByTwo));
        assertEquals(LrlabException.Kind.DATA, steps.kind());
        assertEquals("model input 'x' [-1,10,1] takes 10 steps x 1 series, but the windows are 5 steps x 2 series; use"
                + " `window` 10 with 1 `series` column", steps.getMessage());
        assertEquals("model input 'x' [-1,-1,3] takes any number of steps x 3 series, but the windows are 5 steps x 2"
                + " series; keep `window` with 3 `series` columns", assertThrows(LrlabException.class,
                () -> FeedChecks.checkWindow(signature(new TensorSpec("x", "x:0", "FLOAT", new long[] {-1, -1, 3})),
                        fiveByTwo)).getMessage());
        assertEquals("model input 'x' [-1,12] takes 12 values per example, but the windows are 5 steps x 2 series = 10"
                + " values; choose `window` and `series` so that steps x series = 12", assertThrows(LrlabException.class,
                () -> FeedChecks.checkWindow(signature(new TensorSpec("x", "x:0", "FLOAT", new long[] {-1, 12})),
                        fiveByTwo)).getMessage());
        assertEquals("windows feed one model input, but signature 'serving_default' has 2 (a, b); choose the one to feed"
                + " with `input`", assertThrows(LrlabException.class, () -> FeedChecks.checkWindow(signature(
                new TensorSpec("a", "a:0", "FLOAT", new long[] {-1, 10}), new TensorSpec("b", "b:0", "FLOAT",
                new long[] {-1, 1})), fiveByTwo)).getMessage());
    }
}
