package dev.lrlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LinearTestModel;
import dev.lrlab.LrlabException;
import dev.lrlab.SignatureModels;
import dev.lrlab.model.LoadMode;
import dev.lrlab.model.LossKind;
import dev.lrlab.model.ObjectiveSpec;
import dev.lrlab.model.SavedModel;
import dev.lrlab.model.SignatureLoss;
import dev.lrlab.model.TensorSpec;
import dev.lrlab.model.VariableKind;
import dev.lrlab.model.VariableSnapshot;
import dev.lrlab.model.VariableSnapshotter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Training through Keras-style SavedModels built in Java: training mode, regularization losses, embeddings. */
class StepEngineTest {
    private static final float[] X = {1, 2, -1, 0.5f, 0.5f, -2, 2, 1};
    private static final float[] Y = {1, -1, 0.5f, 2};

    @TempDir
    Path temp;

    private static TrainingSetup mse(int features) {
        List<String> names = features == 2 ? List.of("a", "b") : List.of("a", "b", "c");
        return new TrainingSetup("serving_default", ObjectiveSpec.builder().optLossKind(LossKind.MSE).build(),
                OptimizerConfig.of(OptimizerKind.SGD), names);
    }

    @Test
    void trainingModeRunsDropoutSoTheLossOfOneBatchChangesBetweenPassesAndDiffersFromInference() throws IOException {
        Path dir = KerasStyleModels.dropoutBatchNorm(temp.resolve("dropout"));
        try (SavedModel model = SavedModel.load(dir, LoadMode.TRAINING)) {
            StepEngine engine = StepEngine.build(model, model.signature("serving_default"), mse(2));
            Set<Float> losses = new HashSet<>();
            for (int pass = 0; pass < 3; pass++) {
                losses.add(engine.step(X, Y, 4, 0, 0).loss());
            }
            assertTrue(losses.size() > 1, "three passes at lr 0 gave the same loss " + losses + ": Dropout is off");
            float inference = (float) engine.evaluate(X, Y, 4, 4).loss();
            assertTrue(!losses.contains(inference), "inference loss " + inference + " equals a training pass " + losses);
        }
        try (SavedModel model = SavedModel.load(dir)) {
            StepEngine engine = StepEngine.build(model, model.signature("serving_default"), mse(2));
            float first = engine.step(X, Y, 4, 0, 0).loss();
            assertEquals(first, engine.step(X, Y, 4, 0, 0).loss());
            assertEquals(first, engine.evaluate(X, Y, 4, 4).loss(), 1e-6);
        }
    }

    @Test
    void trainingModeUpdatesBatchNormMovingAveragesOncePerStepAndSnapshotsThem() throws IOException {
        Path dir = KerasStyleModels.dropoutBatchNorm(temp.resolve("bn"));
        try (SavedModel model = SavedModel.load(dir, LoadMode.TRAINING)) {
            StepEngine engine = StepEngine.build(model, model.signature("serving_default"), mse(2));
            assertTrue(engine.state().stream().anyMatch(v -> v.spec().name().equals("bn/moving_mean")));
            VariableSnapshot before = engine.snapshot();
            engine.step(X, Y, 4, 0, 0);
            float[] mean = new float[3];
            float[] variance = new float[3];
            batchMoments(mean, variance);
            float[] movingMean = read(model, "bn/moving_mean");
            float[] movingVariance = read(model, "bn/moving_variance");
            for (int j = 0; j < 3; j++) {
                assertEquals((1 - KerasStyleModels.MOMENTUM) * mean[j], movingMean[j], 1e-6);
                assertEquals(KerasStyleModels.MOMENTUM + (1 - KerasStyleModels.MOMENTUM) * variance[j], movingVariance[j],
                        1e-6);
            }
            engine.restore(before);
            assertEquals(0f, read(model, "bn/moving_mean")[0]);
            before.close();
        }
    }

    /** Mean and (biased) variance over the batch of relu(X * KERNEL_1 + BIAS_1), worked out here. */
    private static void batchMoments(float[] mean, float[] variance) {
        float[][] h = new float[4][3];
        for (int r = 0; r < 4; r++) {
            for (int j = 0; j < 3; j++) {
                float z = X[r * 2] * KerasStyleModels.KERNEL_1[j] + X[r * 2 + 1] * KerasStyleModels.KERNEL_1[3 + j]
                        + KerasStyleModels.BIAS_1[j];
                h[r][j] = Math.max(z, 0);
                mean[j] += h[r][j] / 4;
            }
        }
        for (int r = 0; r < 4; r++) {
            for (int j = 0; j < 3; j++) {
                variance[j] += (h[r][j] - mean[j]) * (h[r][j] - mean[j]) / 4;
            }
        }
    }

    private static float[] read(SavedModel model, String variable) {
        Ops tf = Ops.create(model.graph());
        var value = tf.readVariableOp(model.graph().operationOrThrow(variable).output(0), TFloat32.class);
        try (Result result = model.session().runner().fetch(value).run()) {
            TFloat32 tensor = (TFloat32) result.get(0);
            float[] values = new float[(int) tensor.size()];
            int[] next = {0};
            tensor.scalars().forEach(s -> values[next[0]++] = s.getFloat());
            return values;
        }
    }

    @Test
    void trainingModeAddsTheRegularizationLossTheModelReturnsAndValidationLeavesItOut() throws IOException {
        assertPenaltyInTrainingModeOnly(KerasStyleModels.linearWithPenalty(temp.resolve("l2"), new float[] {1, 2}, 0));
    }

    /**
     * Keras saves a kernel regularizer outside the call function (which returns an empty loss list): lrlab calls
     * it in training mode, and only there.
     */
    @Test
    void trainingModeAddsTheKerasWeightPenaltyAndInferenceModeLeavesTheLossAlone() throws IOException {
        assertPenaltyInTrainingModeOnly(KerasStyleModels.linearWithWeightPenalty(temp.resolve("weight-l2"),
                new float[] {1, 2}, 0));
    }

    /**
     * The model's kernel starts at {1, 2} with an L2 penalty of {@link KerasStyleModels#L2}: in training mode the first
     * step's loss is the mse worked out by hand plus L2 * (1 + 4), evaluation and inference mode hold no penalty, and
     * one SGD step follows the gradient of mse + L2 * |k|^2 (the penalty pulls the kernel towards zero).
     */
    private static void assertPenaltyInTrainingModeOnly(Path dir) {
        double mse = 0;
        for (int r = 0; r < 4; r++) {
            double error = X[2 * r] + 2 * X[2 * r + 1] - Y[r];
            mse += error * error / 4;
        }
        float penalty = KerasStyleModels.L2 * (1 * 1 + 2 * 2);
        try (SavedModel model = SavedModel.load(dir, LoadMode.TRAINING)) {
            StepEngine engine = StepEngine.build(model, model.signature("serving_default"), mse(2));
            assertEquals(mse + penalty, engine.step(X, Y, 4, 0, 0).loss(), 1e-4);
            assertEquals(mse, engine.evaluate(X, Y, 4, 4).loss(), 1e-4);
            assertTrue(engine.objective().description().endsWith("+ 1 regularization loss of the model"),
                    engine.objective().description());
            float[] k = {1, 2};
            float[] gradient = new float[2];
            for (int r = 0; r < 4; r++) {
                float error = X[2 * r] * k[0] + X[2 * r + 1] * k[1] - Y[r];
                gradient[0] += 2 * error * X[2 * r] / 4;
                gradient[1] += 2 * error * X[2 * r + 1] / 4;
            }
            engine.step(X, Y, 4, 0.1, 0);
            float[] kernel = read(model, "dense/kernel");
            for (int i = 0; i < 2; i++) {
                assertEquals(k[i] - 0.1f * (gradient[i] + 2 * KerasStyleModels.L2 * k[i]), kernel[i], 1e-5);
            }
        }
        try (SavedModel model = SavedModel.load(dir)) {
            StepEngine engine = StepEngine.build(model, model.signature("serving_default"), mse(2));
            assertEquals(mse, engine.step(X, Y, 4, 0, 0).loss(), 1e-4);
            assertFalse(engine.objective().description().contains("regularization"), engine.objective().description());
        }
    }

    @Test
    void anEmbeddingReadWithResourceGatherInsideAFunctionTrainsThroughTheRewrite() throws IOException {
        int vocabulary = 6;
        Path dir = KerasStyleModels.embedding(temp.resolve("embedding"), vocabulary, 3);
        try (SavedModel model = SavedModel.load(dir)) {
            assertTrue(model.metaGraphDef().getGraphDef().getLibrary().getFunctionList().stream()
                    .anyMatch(f -> f.getNodeDefList().stream().anyMatch(n -> n.getOp().equals("ResourceGather"))));
            assertTrue(model.graphDef().getNodeList().stream().noneMatch(n -> n.getOp().equals("ResourceGather")));
            StepEngine engine = StepEngine.build(model, model.signature("serving_default"), mse(3));
            assertEquals(List.of("embedding/embeddings", "dense/kernel", "dense/bias"),
                    engine.variables().stream().map(v -> v.spec().name()).toList());
            float[] weights = {1, -1, 0.5f, 2, -0.5f, 0};
            int rows = 64;
            float[] ids = new float[rows * 3];
            float[] targets = new float[rows];
            Random random = new Random(5);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < 3; c++) {
                    ids[r * 3 + c] = random.nextInt(vocabulary);
                    targets[r] += weights[(int) ids[r * 3 + c]] / 3;
                }
            }
            double before = engine.evaluate(ids, targets, rows, rows).loss();
            for (int step = 0; step < 300; step++) {
                engine.step(ids, targets, rows, 0.5, 0);
            }
            double after = engine.evaluate(ids, targets, rows, rows).loss();
            assertTrue(after < 0.05 * before, "loss " + before + " -> " + after);
            assertNotEquals(0.05f * ((7 % 5) - 2), read(model, "embedding/embeddings")[1]);
        }
    }

    /** SGD steps of mean((x . w + b - y)^2) worked out by hand, starting from the signature model's weights. */
    private static float[] handSgd(double... rates) {
        float[] p = {SignatureModels.W0[0], SignatureModels.W0[1], SignatureModels.B0};
        for (double rate : rates) {
            float[] gradient = new float[3];
            for (int r = 0; r < 4; r++) {
                float error = X[2 * r] * p[0] + X[2 * r + 1] * p[1] + p[2] - Y[r];
                gradient[0] += 2 * error * X[2 * r] / 4;
                gradient[1] += 2 * error * X[2 * r + 1] / 4;
                gradient[2] += 2 * error / 4;
            }
            for (int i = 0; i < 3; i++) {
                p[i] -= (float) rate * gradient[i];
            }
        }
        return p;
    }

    private static float[] weightsAndBias(SavedModel model) {
        try (Result result = model.session().runner().fetch("w").fetch("b").run()) {
            TFloat32 w = (TFloat32) result.get(0);
            return new float[] {w.getFloat(0, 0), w.getFloat(1, 0), ((TFloat32) result.get(1)).getFloat(0)};
        }
    }

    @Test
    void aLossSignatureIsDifferentiatedByLrlabWithItsOwnOptimizer() throws IOException {
        Path dir = SignatureModels.linearWithLossAndTrainSignatures(temp.resolve("loss"));
        try (SavedModel model = SavedModel.load(dir)) {
            SignatureLoss loss = SignatureLoss.of(model.signature("loss"), Optional.empty(), Optional.empty(),
                    Optional.of("y"), List.of());
            assertEquals(List.of("x"), loss.featureInputs().stream().map(TensorSpec::key).toList());
            StepEngine engine = StepEngine.buildOnLossSignature(model, loss, mse(2));
            assertEquals(LossKind.SIGNATURE, engine.objective().kind());
            engine.step(X, Y, 4, 0.1, 0);
            engine.step(X, Y, 4, 0.05, 0);
            assertArrayEquals(handSgd(0.1, 0.05), weightsAndBias(model), 1e-5f);
        }
    }

    @Test
    void aTrainSignatureAppliesItsOwnUpdateWithTheRateFedEachStepAndValidationChangesNothing() throws IOException {
        Path dir = SignatureModels.linearWithLossAndTrainSignatures(temp.resolve("train"));
        try (SavedModel model = SavedModel.load(dir, LoadMode.AS_SAVED)) {
            SignatureLoss trainStep = SignatureLoss.of(model.signature("train_step"), Optional.empty(), Optional.empty(),
                    Optional.of("y"), List.of("lr"));
            StepEngine engine = StepEngine.driveTrainSignature(model, trainStep, "lr",
                    new StepEngine.EvaluationLoss.OnOutput(model.signature("serving_default")), mse(2));
            double before = engine.evaluate(X, Y, 4, 4).loss();
            assertEquals(before, engine.evaluate(X, Y, 4, 4).loss());
            assertArrayEquals(handSgd(), weightsAndBias(model), 0f);
            float first = engine.step(X, Y, 4, 0.1, 0).loss();
            assertEquals(before, first, 1e-5);
            assertArrayEquals(handSgd(0.1), weightsAndBias(model), 1e-5f);
            engine.step(X, Y, 4, 0.05, 0);
            assertArrayEquals(handSgd(0.1, 0.05), weightsAndBias(model), 1e-5f);
            VariableSnapshot snapshot = engine.snapshot();
            engine.step(X, Y, 4, 0.3, 0);
            engine.restore(snapshot);
            assertArrayEquals(handSgd(0.1, 0.05), weightsAndBias(model), 0f);
            snapshot.close();
        }
    }

    @Test
    void aTrainSignatureNeedsAScalarRateInput() throws IOException {
        Path dir = SignatureModels.linearWithLossAndTrainSignatures(temp.resolve("bad"));
        try (SavedModel model = SavedModel.load(dir, LoadMode.AS_SAVED)) {
            SignatureLoss trainStep = SignatureLoss.of(model.signature("train_step"), Optional.empty(), Optional.empty(),
                    Optional.of("y"), List.of("x"));
            LrlabException e = assertThrows(LrlabException.class, () -> StepEngine.driveTrainSignature(model, trainStep, "x",
                    new StepEngine.EvaluationLoss.OnOutput(model.signature("serving_default")), mse(2)));
            assertEquals("learning-rate input 'x' of signature 'train_step' has shape [-1,2]; expected a float32 scalar",
                    e.getMessage());
        }
    }

    private static final float[] ONE = {1f};
    private static final float[] ZERO = {0f};

    @Test
    void weightsMoveToAnEngineOnACopyOfTheModelWithoutItsSlots() {
        try (LinearTestModel first = LinearTestModel.create(new float[] {0.5f}, 0.5f, false, VariableKind.RESOURCE);
                LinearTestModel second = LinearTestModel.create(new float[] {3f}, 3f, false, VariableKind.RESOURCE)) {
            StepEngine adapted = LinearEngines.mse(first, OptimizerConfig.of(OptimizerKind.ADAM_HD));
            StepEngine fixed = LinearEngines.mse(second, OptimizerConfig.of(OptimizerKind.SGD));
            adapted.step(ONE, ZERO, 1, 0.1, 0.9);
            // The engines hold no weight-only snapshot ops: a test builds its own over the trained variables.
            VariableSnapshotter from = new VariableSnapshotter(first.graph(), first.session(), adapted.variables());
            VariableSnapshotter to = new VariableSnapshotter(second.graph(), second.session(), fixed.variables());
            try (VariableSnapshot weights = from.snapshot()) {
                assertEquals(2, weights.size());
                to.restore(weights);
            }
            // Adam's first step moved w and b by 0.1 each: s = 1 - 0.2 = 0.8, L = 0.64.
            assertEquals(0.64, fixed.step(ONE, ZERO, 1, 0.1, 0).loss(), 1e-6);
        }
    }

    @Test
    void firstNonFiniteWeightNamesTheFirstTrainedVariableAnOverflowingStepLeftInfinite() {
        try (LinearTestModel model = LinearTestModel.create(new float[] {0.5f}, 0.5f, false, VariableKind.RESOURCE)) {
            StepEngine engine = LinearEngines.mse(model, OptimizerConfig.of(OptimizerKind.SGD));
            assertEquals(Optional.empty(), engine.firstNonFiniteWeight());
            // L = (w + b)^2 = 1 before the step, so dL/dw = dL/db = 2, and 2 * Float.MAX_VALUE overflows to infinity:
            // the loss the step returns is finite, the weights it leaves are not.
            assertEquals(1.0, engine.step(ONE, ZERO, 1, Float.MAX_VALUE, 0).loss(), 0);
            assertEquals(Optional.of("w"), engine.firstNonFiniteWeight());
        }
    }
}
