package dev.lrlab.model.inline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.Fixtures;
import dev.lrlab.data.DataSpec;
import dev.lrlab.model.GradientBuilder;
import dev.lrlab.model.LoadMode;
import dev.lrlab.model.ModelVariable;
import dev.lrlab.model.SavedModel;
import dev.lrlab.model.SignatureSpec;
import dev.lrlab.model.TensorSpec;
import dev.lrlab.model.VariableSpec;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;

/**
 * The unrolled graph of each recurrent fixture against the model's own loop-based serving signature, and its
 * gradients against central finite differences.
 */
@SuppressWarnings("unchecked")
class LoopUnrollingTest {
    private static final int BATCH = 3;

    /**
     * Same inputs through TensorFlow's loader (the While loops) and through lrlab's unrolled graph: the outputs agree
     * to float rounding. The measured differences are printed (docs/tf2-and-keras.md quotes them).
     */
    @ParameterizedTest
    @CsvSource({
        "keras_lstm_series, 0, 5",
        "keras_conv_bigru, 0, 47",
        "keras_stacked_lstm_seq, 0, 7",
        "keras3_export_bilstm, 0, 14",
        "keras_embedding_bilstm_dynamic, 12, 12"})
    void unrolledOutputsEqualTheLoopsOutputs(String fixture, int sequenceLength, int expectedSteps) {
        assertSameOutputs(Fixtures.model(fixture), fixture, sequenceLength, expectedSteps);
    }

    /**
     * Published recurrent models from the local corpus (../corpus/recurrent, kept outside the project; skipped
     * without it): a SimpleRNN, six stacked SimpleRNNs, three stacked LSTMs with CuDNN variants, a GRU with ReLU (a
     * plain While), a TF 2.1 two-LSTM model.
     */
    @ParameterizedTest
    @CsvSource({
        "sqwatato__Heads-Tails-Randomness-Classifier__rnn, 20",
        "szymciem8__RNN-for-dynamic-system__rnn, 30",
        "KarolisNakutavicius__NordPoolPrediction__lstm_model, 5",
        "sqwatato__Heads-Tails-Randomness-Classifier__gru, 20",
        "osmarluiz__LSTM__lstm, 1"})
    void publishedRecurrentModelsGiveTheLoopsOutputsUnrolled(String name, int expectedSteps) {
        assertSameOutputs(Fixtures.corpus("recurrent/" + name), name, 0, expectedSteps);
    }

    private static void assertSameOutputs(Path dir, String fixture, int sequenceLength, int expectedSteps) {
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve");
                SavedModel model = SavedModel.load(dir, LoadMode.INFERENCE, new UnrollSettings(sequenceLength, 1000))) {
            LoopUnrolling.Result unrolling = model.unrolling();
            assertTrue(unrolling.refusal().isEmpty(), () -> unrolling.refusal().get());
            assertEquals(expectedSteps, unrolling.maxSteps(), fixture);
            assertFalse(model.graphDef().getNodeList().stream().anyMatch(LoopUnrollingTest::blocksGradients),
                    "a While or TensorList read/stack is left on the unrolled graph of " + fixture);

            SignatureDef original = bundle.metaGraphDef().getSignatureDefMap().get("serving_default");
            SignatureSpec signature = model.signature("serving_default");
            TensorSpec input = signature.inputs().get(0);
            long[] shape = inputShape(input, sequenceLength);
            float[] values = inputValues(fixture, shape);
            float[] loop = run(bundle.session(), original.getInputsOrThrow(input.key()).getName(),
                    original.getOutputsOrThrow(signature.outputs().get(0).key()).getName(), shape, values);
            float[] unrolled = run(model.session(), input.tensorName(), signature.outputs().get(0).tensorName(), shape,
                    values);
            assertEquals(loop.length, unrolled.length);
            double maxDiff = 0;
            double maxAbs = 0;
            for (int i = 0; i < loop.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(loop[i] - unrolled[i]));
                maxAbs = Math.max(maxAbs, Math.abs(loop[i]));
            }
            System.out.printf("%s: %d outputs, max |loop - unrolled| = %.2e (max |output| %.3g)%n", fixture,
                    loop.length, maxDiff, maxAbs);
            assertTrue(maxAbs > 0, "the outputs are all zero; the check would prove nothing");
            assertTrue(maxDiff <= 1e-5 * Math.max(1, maxAbs), fixture + ": max difference " + maxDiff);
        }
    }

    /** d(sum of squared outputs)/d(weight) from addGradients on the unrolled graph against central differences. */
    @ParameterizedTest
    @CsvSource({
        "keras_lstm_series, 0, lstm_5/lstm_cell_5/recurrent_kernel",
        "keras_lstm_series, 0, lstm_5/lstm_cell_5/kernel",
        "keras3_export_bilstm, 0, backward_lstm_6/lstm_cell/recurrent_kernel_1",
        "keras_embedding_bilstm_dynamic, 6, bidirectional/forward_lstm/lstm_cell_1/kernel"})
    void gradientsAgreeWithCentralDifferences(String fixture, int sequenceLength, String variableName) {
        Path dir = Fixtures.model(fixture);
        try (SavedModel model = SavedModel.load(dir, LoadMode.INFERENCE, new UnrollSettings(sequenceLength, 1000))) {
            SignatureSpec signature = model.signature("serving_default");
            TensorSpec input = signature.inputs().get(0);
            long[] shape = inputShape(input, sequenceLength);
            float[] values = inputValues(fixture, shape);
            Graph graph = model.graph();
            Ops tf = Ops.create(graph).withSubScope("finite_differences");
            Output<TFloat32> output = (Output<TFloat32>) graph.outputOrThrow(signature.outputs().get(0).tensorName());
            Operand<TFloat32> loss = tf.reduceSum(tf.reshape(tf.math.square(output), tf.constant(new int[] {-1})),
                    tf.constant(0));
            VariableSpec spec = model.variables().stream().filter(v -> v.name().endsWith(variableName)).findFirst()
                    .orElseThrow(() -> new AssertionError("no variable " + variableName + " in " + model.variables()));
            ModelVariable variable = ModelVariable.bind(graph, spec, model.dataAncestors(List.of(output.op().name())));
            Operand<TFloat32> gradient = GradientBuilder.gradients(graph, (Output<TFloat32>) loss.asOutput(),
                    List.of(variable)).get(0);
            Placeholder<TFloat32> newValue = tf.placeholder(TFloat32.class);
            Op assign = variable.assign(tf, newValue);
            Operand<TFloat32> read = variable.read(tf);

            Session session = model.session();
            float[] weights = fetch(session, read, null, null, null);
            long[] weightShape = graph.outputOrThrow(read.asOutput().op().name()).shape().asArray();
            float[] analytic = fetch(session, gradient, input.tensorName(), shape, values);
            int[] checked = largestEntries(analytic, 3);
            // every step's read counts: with only the first step's, a recurrent kernel's gradient would be all zero
            assertTrue(Math.abs(analytic[checked[0]]) > 1e-3, "the gradient is (nearly) zero: " + analytic[checked[0]]);
            double h = 1e-2;
            for (int k : checked) {
                double[] sides = new double[2];
                for (int side = 0; side < 2; side++) {
                    float[] moved = weights.clone();
                    moved[k] += (float) (side == 0 ? h : -h);
                    assignValue(session, newValue, assign, weightShape, moved);
                    sides[side] = fetch(session, loss, input.tensorName(), shape, values)[0];
                }
                assignValue(session, newValue, assign, weightShape, weights);
                double numeric = (sides[0] - sides[1]) / (2 * h);
                System.out.printf("%s %s[%d]: addGradients %.6g, central difference %.6g%n", fixture, variableName, k,
                        analytic[k], numeric);
                assertEquals(analytic[k], numeric, 0.01 * Math.abs(analytic[k]) + 1e-5,
                        fixture + " " + variableName + "[" + k + "]");
            }
        }
    }

    /**
     * A few training steps through the unrolled graph, then {@code --export}: the export keeps the model's own
     * loop-based graph (its saved_model.pb byte for byte) and its serving signature answers with the trained values,
     * as the unrolled training graph does, and unlike the model before training.
     */
    @Test
    void exportKeepsTheLoopGraphWithTheTrainedValues(@TempDir Path temp) throws IOException {
        Path dir = Fixtures.model("keras_lstm_series");
        Path csv = temp.resolve("closes.csv");
        StringBuilder rows = new StringBuilder("c0,c1,c2,c3,c4,y\n");
        for (int r = 0; r < 200; r++) {
            for (int t = 0; t <= 5; t++) {
                rows.append(String.format(java.util.Locale.ROOT, "%.4f", 20 + 5 * Math.sin((r + t) * 0.1)))
                        .append(t < 5 ? "," : "\n");
            }
        }
        Files.writeString(csv, rows);
        RunSpec spec = RunSpec.builder().setModel(dir)
                .setData(DataSpec.csv(csv, "y")).build();
        long[] shape = {BATCH, 5, 1};
        float[] values = inputValues("keras_lstm_series", shape);
        Path exported = temp.resolve("trained");
        float[] trained;
        float[] before;
        try (PreparedRun run = PreparedRun.open(spec)) {
            SignatureSpec signature = run.model().signature("serving_default");
            String input = signature.inputs().get(0).tensorName();
            String output = signature.outputs().get(0).tensorName();
            before = run(run.model().session(), input, output, shape, values);
            for (int step = 0; step < 5; step++) {
                run.step(step, 1e-2, 0.9);
            }
            trained = run(run.model().session(), input, output, shape, values);
            run.export(exported, false);
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("saved_model.pb")),
                Files.readAllBytes(exported.resolve("saved_model.pb")));
        try (SavedModelBundle reloaded = SavedModelBundle.load(exported.toString(), "serve")) {
            SignatureDef serving = reloaded.metaGraphDef().getSignatureDefMap().get("serving_default");
            float[] served = run(reloaded.session(), serving.getInputsMap().values().iterator().next().getName(),
                    serving.getOutputsMap().values().iterator().next().getName(), shape, values);
            assertArrayEquals(trained, served, 1e-5f);
            assertTrue(Math.abs(served[0] - before[0]) > 1e-3, "serving output unchanged by training: " + served[0]);
        }
    }

    @Test
    void aGraphWithoutLoopsComesBackAsGivenWithNothingUnrolledOrRefused() {
        GraphDef graph = GraphDef.newBuilder().addNode(GraphDefs.constant("c", 1f)).build();
        LoopUnrolling.Result result = LoopUnrolling.unroll(graph, List.of("c"), List.of(),
                FunctionInliner.withRegisteredOps(), UnrollSettings.defaults());
        assertSame(graph, result.graph());
        assertEquals(List.of(), result.loops());
        assertEquals(Optional.empty(), result.refusal());
        assertEquals(0, result.maxSteps());
        assertEquals(LoopUnrolling.Result.unchanged(graph), result);
        assertEquals("Result[graph=1 nodes, loops=[], refusal=Optional.empty]", result.toString());
    }

    @Test
    void openLengthWithoutSequenceLengthIsRefusedNamingTheOption() {
        Path dir = Fixtures.model("keras_embedding_bilstm_dynamic");
        try (SavedModel model = SavedModel.load(dir, LoadMode.INFERENCE, UnrollSettings.defaults())) {
            String refusal = model.unrolling().refusal().orElseThrow();
            assertTrue(refusal.endsWith("give `sequenceLength` T (the number of time steps of each row)"), refusal);
            assertEquals(refusal, model.unrollRefusalFor(model.signature("serving_default").outputs().get(0)
                    .tensorName()).orElseThrow());
            assertTrue(model.unrolling().loops().isEmpty());
        }
    }

    @Test
    void loopLongerThanTheLimitIsRefusedWithTheCountAndTheOption() {
        Path dir = Fixtures.model("keras_conv_bigru");
        try (SavedModel model = SavedModel.load(dir, LoadMode.INFERENCE, new UnrollSettings(0, 40))) {
            String refusal = model.unrolling().refusal().orElseThrow();
            assertTrue(refusal.contains(" runs 47 steps, more than `maxSteps` 40; raise `maxSteps`"), refusal);
        }
    }

    @Test
    void sequenceLengthThatDisagreesWithAFixedLengthIsRefused() {
        Path dir = Fixtures.model("keras_lstm_series");
        try (SavedModel model = SavedModel.load(dir, LoadMode.INFERENCE, new UnrollSettings(7, 1000))) {
            assertEquals("input serving_default_input_6 has 5 time steps in the model; `sequenceLength` 7 disagrees "
                    + "(drop it, or give 5)", model.unrolling().refusal().orElseThrow());
        }
    }

    private static boolean blocksGradients(NodeDef node) {
        return LoopUnrolling.WHILE_OPS.contains(node.getOp())
                || Set.of("TensorListGetItem", "TensorListStack").contains(node.getOp());
    }

    private static long[] inputShape(TensorSpec input, int sequenceLength) {
        long[] shape = input.shape().clone();
        shape[0] = BATCH;
        if (shape[1] < 0) {
            shape[1] = sequenceLength;
        }
        return shape;
    }

    /** Token ids for the embedding model, else a smooth series with noise. */
    private static float[] inputValues(String fixture, long[] shape) {
        int size = (int) Shape.of(shape).size();
        float[] values = new float[size];
        Random random = new Random(7);
        for (int i = 0; i < size; i++) {
            values[i] = fixture.contains("embedding") ? 1 + random.nextInt(50)
                    : (float) (Math.sin(i * 0.3) + 0.3 * random.nextGaussian());
        }
        return values;
    }

    private static float[] run(Session session, String input, String output, long[] shape, float[] values) {
        try (TFloat32 feed = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values));
                Result result = session.runner().feed(input, feed).fetch(output).run()) {
            return copy((TFloat32) result.get(0));
        }
    }

    private static float[] fetch(Session session, Operand<TFloat32> tensor, String input, long[] shape, float[] values) {
        if (input == null) {
            try (Result result = session.runner().fetch(tensor).run()) {
                return copy((TFloat32) result.get(0));
            }
        }
        try (TFloat32 feed = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values));
                Result result = session.runner().feed(input, feed).fetch(tensor).run()) {
            return copy((TFloat32) result.get(0));
        }
    }

    private static void assignValue(Session session, Placeholder<TFloat32> placeholder, Op assign, long[] shape,
            float[] values) {
        try (TFloat32 value = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values))) {
            session.runner().feed(placeholder, value).addTarget(assign).run().close();
        }
    }

    private static float[] copy(TFloat32 tensor) {
        float[] out = new float[(int) tensor.size()];
        tensor.asRawTensor().data().asFloats().read(out);
        return out;
    }

    private static int[] largestEntries(float[] values, int count) {
        return java.util.stream.IntStream.range(0, values.length).boxed()
                .sorted((a, b) -> Float.compare(Math.abs(values[b]), Math.abs(values[a]))).limit(count)
                .mapToInt(Integer::intValue).toArray();
    }
}
