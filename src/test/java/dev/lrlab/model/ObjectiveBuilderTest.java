package dev.lrlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lrlab.SettingSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * How the loss is inferred when it is not given: on graphs of one constant layer, x [-1, 4] times a zero kernel
 * [4, width], ending in {@code Softmax}, {@code Sigmoid} or nothing.
 */
class ObjectiveBuilderTest {
    /** The objective built on the output {@code y:0}, and its loss on two rows of zeros. */
    private record Built(Objective objective, float loss) {
    }

    private static Built build(int width, String activation, ObjectiveSpec spec, float[] labels) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4)));
            var scores = tf.linalg.matMul(x, tf.zeros(tf.constant(new int[] {4, width}), TFloat32.class));
            var y = switch (activation) {
                case "Softmax" -> tf.withName("y").nn.softmax(scores);
                case "Sigmoid" -> tf.withName("y").math.sigmoid(scores);
                default -> tf.withName("y").identity(scores);
            };
            Objective objective = new ObjectiveBuilder(graph).build(y.op().name() + ":0", spec);
            try (Session session = new Session(graph);
                    TFloat32 rows = TFloat32.tensorOf(StdArrays.ndCopyOf(new float[2][4]));
                    TFloat32 labelTensor = TFloat32.vectorOf(labels);
                    Tensor loss = session.runner().feed(x, rows).feed(objective.labels(), labelTensor)
                            .fetch(objective.loss()).run().get(0)) {
                return new Built(objective, ((TFloat32) loss).getFloat());
            }
        }
    }

    private static ObjectiveSpec labels(float... values) {
        return ObjectiveSpec.builder().optLabelsAreIntegers(true).optLabelClassCount(ObjectiveSpec.classCountOf(values))
                .build();
    }

    @Test
    void aWideOutputWithClassIndexLabelsIsSparseCrossEntropyOnLogits() {
        Built built = build(3, "none", labels(0, 2), new float[] {0, 2});
        assertEquals(LossKind.SPARSE_CATEGORICAL_CROSSENTROPY, built.objective().kind());
        assertEquals(true, built.objective().fromLogits());
        assertEquals(Optional.of(SettingSource.INFERRED), built.objective().lossInference());
        assertEquals("sparse-categorical-crossentropy on the output y:0 taken as logits (no Softmax ends it) "
                + "(inferred: output width 3 and class-index labels in [0, 3))", built.objective().description());
        assertEquals(List.of(), built.objective().warnings());
        // zero logits: every class has probability 1/3, the loss is ln 3 (taken as probabilities it would be -ln 1e-7)
        assertEquals(Math.log(3), built.loss(), 1e-6);
    }

    @Test
    void aFinalSoftmaxIsStillDifferentiatedOnItsLogits() {
        Built built = build(3, "Softmax", labels(1, 2), new float[] {1, 2});
        assertEquals(LossKind.SPARSE_CATEGORICAL_CROSSENTROPY, built.objective().kind());
        assertEquals("sparse-categorical-crossentropy on the logits feeding y (Softmax) (inferred: a Softmax ends the output)",
                built.objective().description());
        assertEquals(Math.log(3), built.loss(), 1e-6);
    }

    @Test
    void aFinalSigmoidIsBinaryCrossEntropy() {
        Built built = build(1, "Sigmoid", labels(0, 1), new float[] {0, 1});
        assertEquals(LossKind.BINARY_CROSSENTROPY, built.objective().kind());
        assertEquals(Optional.of(SettingSource.INFERRED), built.objective().lossInference());
        assertEquals(Math.log(2), built.loss(), 1e-6); // sigmoid(0) = 1/2 for both rows
    }

    @Test
    void labelsBeyondTheOutputsWidthFallBackToMseWithAWarning() {
        ObjectiveSpec spec = labels(0, 5);
        Built built = build(3, "none", spec, new float[] {0, 0, 0, 5, 5, 5});
        assertEquals(LossKind.MSE, built.objective().kind());
        assertEquals(Optional.of(SettingSource.DEFAULT), built.objective().lossInference());
        assertEquals(List.of("mse on y:0, of width 3 with whole-number labels; a cross-entropy loss is likely meant"),
                built.objective().warnings());
        assertEquals(12.5, built.loss(), 1e-6); // (0 + 0 + 0 + 25 + 25 + 25) / 6
    }

    @Test
    void aGivenMseOnASoftmaxOutputIsKeptButWarned() {
        ObjectiveSpec spec = ObjectiveSpec.builder().optLossKind(LossKind.MSE).optLabelsAreIntegers(true).optLabelClassCount(3)
                .build();
        Built built = build(3, "Softmax", spec, new float[] {0, 0, 0, 1, 1, 1});
        assertEquals(Optional.empty(), built.objective().lossInference());
        assertEquals(List.of("mse on y:0, which a Softmax ends; a cross-entropy loss is likely meant"),
                built.objective().warnings());
    }

    @Test
    void realValuedTargetsOnANarrowOutputAreMseWithoutWarnings() {
        ObjectiveSpec spec = ObjectiveSpec.builder().build();
        Built built = build(1, "none", spec, new float[] {0.5f, -1.5f});
        assertEquals(LossKind.MSE, built.objective().kind());
        assertEquals(Optional.of(SettingSource.DEFAULT), built.objective().lossInference());
        assertEquals(List.of(), built.objective().warnings());
        assertEquals(1.25, built.loss(), 1e-6); // (0.25 + 2.25) / 2
    }

    @Test
    void logitsGivenForASoftmaxOutputAreWarned() {
        ObjectiveSpec spec = ObjectiveSpec.builder().optLossKind(LossKind.SPARSE_CATEGORICAL_CROSSENTROPY)
                .optFromLogits(true).optLabelsAreIntegers(true).optLabelClassCount(3).build();
        Built built = build(3, "Softmax", spec, new float[] {0, 1});
        assertEquals("sparse-categorical-crossentropy on the output y:0 taken as logits", built.objective().description());
        assertEquals(List.of("the output y:0 is taken as logits, but a Softmax ends it: its values are probabilities"),
                built.objective().warnings());
    }

    @Test
    void classCountsAreTheLargestWholeLabelPlusOne() {
        assertEquals(3, ObjectiveSpec.classCountOf(new float[] {0, 2, 1}));
        assertEquals(0, ObjectiveSpec.classCountOf(new float[] {0, 1.5f}));
        assertEquals(0, ObjectiveSpec.classCountOf(new float[] {-1, 1}));
        assertEquals(0, ObjectiveSpec.classCountOf(new float[] {}));
    }
}
