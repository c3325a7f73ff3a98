package dev.lrlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.Fixtures;
import dev.lrlab.data.DataSpec;
import dev.lrlab.data.WindowSpec;
import dev.lrlab.model.SignatureSpec;
import dev.lrlab.model.TensorSpec;
import dev.lrlab.model.inline.UnrollSettings;
import dev.lrlab.rangetest.RangeTest;
import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.run.StepListener;
import dev.lrlab.rangetest.RangeTestResult;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StepListener;
import dev.lrlab.run.StopReason;
import dev.lrlab.run.StopSignal;
import dev.lrlab.suggest.Suggestion;
import dev.lrlab.train.OptimizerKind;
import dev.lrlab.train.StepEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;

/**
 * Issue 12's "done when" on every recurrent fixture: a range test whose smoothed loss falls then rises, training
 * that lowers the validation loss, and an export that reloads (loops and all) with the trained values. One prepared
 * run per fixture (building the unrolled graph is the slow part); short sweeps on small synthetic data.
 */
class RecurrentFixturesTest {
    private static final int ROWS = 160;

    @TempDir
    Path temp;

    /**
     * Synthetic data shaped for each fixture (T steps of F features, K outputs): smooth waves with a random phase per
     * row, the labels a function of them, so that the loss can fall. A sweep of 40 Adam steps from 1e-5 to 10
     * (smoothing 0.8, so the short curve follows the raw loss) falls, then rises or stops on divergence.
     */
    @ParameterizedTest
    @CsvSource({
        "keras_conv_bigru, 100, 1, 0, 1, 0, 47",
        "keras_stacked_lstm_seq, 7, 12, 0, 3, 12, '3, 7'",
        "keras3_export_bilstm, 14, 3, 0, 1, 0, 14",
        "keras_embedding_bilstm_dynamic, 20, 1, 20, 0, 0, 20"})
    void rangeTestFallsThenRisesAndTrainingExportsTheTrainedValues(String fixture, int steps, int features,
            int sequenceLength, int outputs, int classes, String unrolled) throws IOException {
        Path csv = outputs == 0 ? tokens(steps) : waves(steps, features, outputs, classes);
        DataSpec data = DataSpec.csv(csv, outputs * Math.max(classes, 1) > 1 ? "y*" : "y");
        checkFixture(fixture, data, new UnrollSettings(sequenceLength, UnrollSettings.DEFAULT_MAX_STEPS), steps,
                features, unrolled, null);
    }

    /**
     * The LSTM over [-1,5,1] on its own price CSV, cut into windows of 5 closes by the run itself: the validation
     * loss the run reports equals the loss of the windows fed by hand (rows r..r+4 as [1,5,1], the label the close of
     * row r+5), then the same range test, training and export as the others, with plain SGD: Adam moves each weight
     * by about the rate per step and the LSTM saturates, so its loss on these prices may level off at high rates
     * instead of exploding (it did in one sweep to lr 100 and not in another), while under SGD the Dense layer on
     * top diverges once the rate passes what its curvature allows.
     */
    @Test
    void lstmSeriesTrainsOnWindowsOfItsOwnCsv() {
        Path prices = Fixtures.shared("keras_lstm_series.csv");
        DataSpec data = DataSpec.csv(prices, "Close").withWindow(new WindowSpec(5, List.of("Close"), 1));
        checkFixture("keras_lstm_series", data, UnrollSettings.defaults(), 5, 1, "5", OptimizerKind.SGD);
    }

    private void checkFixture(String fixture, DataSpec data, UnrollSettings unroll, int steps, int features,
            String unrolled, OptimizerKind optimizer) {
        RunSpec spec = RunSpec.builder().setModel(Fixtures.model(fixture)).setData(data).optBatchSize(16)
                .optUnroll(unroll).optOptimizerKind(optimizer).build();
        try (PreparedRun run = PreparedRun.open(spec)) {
            assertTrue(run.feedNotes().stream().anyMatch(n -> n.startsWith("model: trains by unrolling " + unrolled
                    + " steps")), () -> fixture + ": " + run.feedNotes());
            if (data.window().isPresent()) {
                assertEquals(handFedValidationLoss(run, data.data()), run.validate().orElseThrow().loss(), 1e-4,
                        "validation loss of the windows fed by hand");
            }
            RangeTestResult sweep = RangeTest.run(run, RangeTestConfig.builder().optStartLr(1e-5).optEndLr(10)
                    .optSteps(40).optSmoothing(0.8).build(), StepListener.none(), new StopSignal());
            assertFallsThenRises(fixture, sweep);

            double rate = sweep.suggestions().recommended().map(Suggestion::lr).orElse(1e-3);
            double before = run.validate().orElseThrow().loss();
            long[] shape = {3, steps, features};
            float[] probe = probe(fixture, shape);
            SignatureSpec serving = run.model().signature("serving_default");
            String input = serving.inputs().get(0).tensorName();
            String output = StepEngine.trainableOutput(serving).tensorName();
            float[] untrained = serve(run.model().session(), input, output, shape(fixture, shape), probe);
            TrainResult trained = TrainRun.run(run, TrainSettings.constant(15, rate, 0.9), StepListener.none(),
                    new StopSignal());
            assertTrue(trained.stop().isEmpty(), () -> fixture + ": " + trained.stop());
            double after = run.validate().orElseThrow().loss();
            System.out.printf(Locale.ROOT, "%s: 15 steps at lr %.2e: validation loss %.4g -> %.4g%n", fixture, rate,
                    before, after);
            assertTrue(after < before, fixture + ": validation loss " + before + " -> " + after);

            float[] trainedOutputs = serve(run.model().session(), input, output, shape(fixture, shape), probe);
            Path exported = temp.resolve(fixture + "-trained");
            run.export(exported, false);
            try (SavedModelBundle reloaded = SavedModelBundle.load(exported.toString(), "serve")) {
                SignatureDef signature = reloaded.metaGraphDef().getSignatureDefMap().get("serving_default");
                TensorSpec out = StepEngine.trainableOutput(serving);
                float[] served = serve(reloaded.session(), signature.getInputsOrThrow(serving.inputs().get(0).key())
                        .getName(), signature.getOutputsOrThrow(out.key()).getName(), shape(fixture, shape), probe);
                assertArrayEquals(trainedOutputs, served, 1e-5f, fixture + ": reloaded export against the trained graph");
                double moved = 0;
                for (int i = 0; i < served.length; i++) {
                    moved = Math.max(moved, Math.abs(served[i] - untrained[i]));
                }
                assertTrue(moved > 1e-4, fixture + ": the export serves the untrained outputs");
            }
        }
    }

    /**
     * The smoothed loss has a minimum at least 10% below its first value, and the sweep either stopped because the
     * loss exploded or diverged, or ended at least 50% above that minimum.
     */
    private static void assertFallsThenRises(String fixture, RangeTestResult sweep) {
        double[] smoothed = sweep.smoothedLoss();
        int best = 0;
        for (int k = 1; k < smoothed.length; k++) {
            if (smoothed[k] < smoothed[best]) {
                best = k;
            }
        }
        double start = smoothed[0];
        double min = smoothed[best];
        double end = smoothed[smoothed.length - 1];
        String curve = String.format(Locale.ROOT, "%s: smoothed %.4g at lr %.2e, min %.4g at lr %.2e (step %d), "
                + "last %.4g at lr %.2e (step %d), stop %s", fixture, start, sweep.lr()[0], min, sweep.lr()[best], best,
                end, sweep.lr()[smoothed.length - 1], smoothed.length - 1, sweep.stop().map(StopReason::kind));
        System.out.println(curve);
        assertTrue(min < 0.9 * start, "does not fall: " + curve);
        assertTrue(sweep.stop().isPresent() && sweep.stop().get().kind() != StopReason.Kind.INTERRUPTED
                || end > 1.5 * min, "does not rise: " + curve);
    }

    /** The mean squared error of the validation windows of the price CSV, each fed by hand as [1,5,1]. */
    private static double handFedValidationLoss(PreparedRun run, Path csv) {
        List<Float> closes = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(csv);
            int column = List.of(lines.get(0).split(",")).indexOf("Close");
            for (String line : lines.subList(1, lines.size())) {
                closes.add(Float.parseFloat(line.split(",")[column]));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // 20% held out at the end: the validation part is its last rows, windows never straddle the split
        int first = closes.size() - (int) Math.round(closes.size() * 0.2);
        SignatureSpec serving = run.model().signature("serving_default");
        String input = serving.inputs().get(0).tensorName();
        String output = serving.outputs().get(0).tensorName();
        double sum = 0;
        int count = 0;
        for (int start = first; start + 5 < closes.size(); start++) {
            float[] window = new float[5];
            for (int t = 0; t < 5; t++) {
                window[t] = closes.get(start + t);
            }
            float predicted = serve(run.model().session(), input, output, new long[] {1, 5, 1}, window)[0];
            double error = predicted - closes.get(start + 5);
            sum += error * error;
            count++;
        }
        assertEquals(run.split().validation().size(), count, "validation windows");
        return sum / count;
    }

    /**
     * Waves with a random phase and frequency per row. Without classes, label j is a fixed mix of the last step's
     * features; with them, output j is one-hot over the classes (columns y0 ... in blocks of {@code classes}), its
     * class following the row's phase.
     */
    private Path waves(int steps, int features, int outputs, int classes) throws IOException {
        int width = classes > 0 ? outputs * classes : outputs;
        Random random = new Random(11);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < steps * features; i++) {
            text.append('x').append(i).append(',');
        }
        for (int j = 0; j < width; j++) {
            text.append(width == 1 ? "y" : "y" + j).append(j == width - 1 ? "\n" : ",");
        }
        for (int r = 0; r < ROWS; r++) {
            double phase = random.nextDouble() * 6.28;
            double frequency = 0.1 + 0.3 * random.nextDouble();
            double[] last = new double[features];
            for (int t = 0; t < steps; t++) {
                for (int f = 0; f < features; f++) {
                    last[f] = Math.sin(phase + frequency * t + f);
                    text.append(String.format(Locale.ROOT, "%.5f,", last[f]));
                }
            }
            for (int j = 0; j < outputs; j++) {
                String end = j == outputs - 1 ? "\n" : ",";
                if (classes > 0) {
                    int label = ((int) (phase / 6.29 * classes) + j) % classes;
                    for (int c = 0; c < classes; c++) {
                        text.append(c == label ? "1" : "0").append(c == classes - 1 ? end : ",");
                    }
                } else {
                    text.append(String.format(Locale.ROOT, "%.5f", 0.5 * last[j % features] + 0.3 * frequency))
                            .append(end);
                }
            }
        }
        return Files.writeString(temp.resolve("waves.csv"), text);
    }

    /** Token ids 1..50 in {@code length} columns; the label is 1 when most tokens are above 25. */
    private Path tokens(int length) throws IOException {
        Random random = new Random(3);
        StringBuilder text = new StringBuilder();
        for (int t = 0; t < length; t++) {
            text.append('t').append(t).append(',');
        }
        text.append("y\n");
        for (int r = 0; r < ROWS; r++) {
            int high = 0;
            boolean skew = random.nextBoolean();
            for (int t = 0; t < length; t++) {
                int token = 1 + (skew ? 15 + random.nextInt(35) : random.nextInt(35));
                high += token > 25 ? 1 : 0;
                text.append(token).append(',');
            }
            text.append(2 * high > length ? 1 : 0).append('\n');
        }
        return Files.writeString(temp.resolve("tokens.csv"), text);
    }

    private static long[] shape(String fixture, long[] shape) {
        return fixture.contains("embedding") ? new long[] {shape[0], shape[1]} : shape;
    }

    private static float[] probe(String fixture, long[] shape) {
        int size = (int) (shape[0] * shape[1] * shape[2]);
        float[] values = new float[size];
        Random random = new Random(7);
        for (int i = 0; i < size; i++) {
            values[i] = fixture.contains("embedding") ? 1 + random.nextInt(50) : (float) Math.sin(i * 0.3);
        }
        return values;
    }

    private static float[] serve(Session session, String input, String output, long[] shape, float[] values) {
        try (TFloat32 feed = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values));
                Result result = session.runner().feed(input, feed).fetch(output).run()) {
            TFloat32 tensor = (TFloat32) result.get(0);
            float[] out = new float[(int) tensor.size()];
            tensor.asRawTensor().data().asFloats().read(out);
            return out;
        }
    }
}
