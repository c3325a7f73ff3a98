package dev.lrlab.model;

import dev.lrlab.LrlabException;
import dev.lrlab.SettingSource;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/**
 * Builds the loss of a model output against a label placeholder, once, before training starts.
 * Cross-entropies use the pre-activation logits whenever the output comes from a final Softmax or Sigmoid,
 * for numerical stability.
 */
public final class ObjectiveBuilder {
    /** Probabilities are clipped to [EPSILON, 1 - EPSILON] before a log, as Keras does. */
    static final float EPSILON = 1e-7f;

    private final Graph graph;
    private final Ops tf;

    /** @param graph the graph holding the model output; the objective's ops are added to it */
    public ObjectiveBuilder(Graph graph) {
        this.graph = graph;
        this.tf = Ops.create(graph).withSubScope("lrlab_objective");
    }

    /**
     * @param output the model output tensor name, e.g. {@code y:0}
     * @param spec what loss to build
     * @return the objective
     */
    public Objective build(String output, ObjectiveSpec spec) {
        Output<?> raw = graph.outputOrThrow(output);
        if (!isNumeric(raw)) {
            throw LrlabException.model("output " + output + " has dtype " + raw.dataType() + "; a loss needs a float output");
        }
        Optional<FinalActivation> activation = FinalActivation.of(graph, raw);
        long width = raw.shape().numDimensions() > 0 ? raw.shape().size(raw.shape().numDimensions() - 1) : -1;
        Optional<Inference> inference = spec.lossKind().isPresent() ? Optional.empty()
                : Optional.of(inferLoss(activation, width, spec));
        LossKind kind = spec.lossKind().orElseGet(() -> inference.get().kind());
        boolean fromLogits;
        Output<?> input;
        String source;
        if (spec.fromLogits().isPresent()) {
            fromLogits = spec.fromLogits().get();
            input = raw;
            source = fromLogits ? "the output " + output + " taken as logits" : "the output " + output;
        } else if (kind.isClassification() && activation.isPresent() && activationFits(kind, activation.get())) {
            fromLogits = true;
            input = activation.get().logits();
            source = "the logits feeding " + activation.get().opName() + " (" + activation.get().type() + ")";
        } else if (inference.isPresent() && inference.get().classScores()) {
            fromLogits = true;
            input = raw;
            source = "the output " + output + " taken as logits (no Softmax ends it)";
        } else {
            fromLogits = false;
            input = raw;
            source = "the output " + output + (kind.isClassification() ? " taken as probabilities" : "");
        }
        String description = kind.cliName() + " on " + source + inference.map(i -> " (" + i.reason() + ")").orElse("");
        List<String> warnings = new java.util.ArrayList<>();
        classificationShape(activation, width, spec).filter(shape -> !kind.isClassification()).ifPresent(shape ->
                warnings.add(kind.cliName() + " on " + output + ", " + shape + "; a cross-entropy loss is likely meant"));
        if (spec.fromLogits().orElse(false) && kind.isClassification() && activation.isPresent()) {
            warnings.add("the output " + output + " is taken as logits, but a " + activation.get().type() + " ends it: "
                    + "its values are probabilities");
        }
        Placeholder<TFloat32> labels = tf.withName("labels").placeholder(TFloat32.class);
        Operand<TFloat32> values = tf.dtypes.cast(asNumber(input), TFloat32.class);
        Operand<TFloat32> loss = switch (kind) {
            case MSE -> tf.math.mean(tf.math.square(tf.math.sub(values, like(labels, values))), allAxes(values));
            case MAE -> tf.math.mean(tf.math.abs(tf.math.sub(values, like(labels, values))), allAxes(values));
            case BINARY_CROSSENTROPY -> binaryCrossEntropy(values, like(labels, values), fromLogits);
            case CATEGORICAL_CROSSENTROPY -> categoricalCrossEntropy(values, oneHotIfIndex(labels, values, spec), fromLogits);
            case SPARSE_CATEGORICAL_CROSSENTROPY -> sparseCrossEntropy(values, labels, fromLogits);
            case SIGNATURE -> throw LrlabException.usage("a signature's own loss is used through `lossSignature`, "
                    + "not built on an output; pass `lossSignature` NAME");
        };
        Output<TFloat32> namedLoss = tf.withName("loss").identity(loss).asOutput();
        Output<TFloat32> accuracy = kind.isClassification() ? accuracy(kind, values, labels, fromLogits, spec) : null;
        return Objective.builder().setLoss(namedLoss).setLabels(labels).setKind(kind).optFromLogits(fromLogits)
                .optAccuracy(accuracy).setDescription(description)
                .optLossInference(inference.map(Inference::source).orElse(null)).optWarnings(warnings).build();
    }

    /**
     * Adds scalar losses the model computes itself (Keras regularization losses) to an objective's loss.
     *
     * @param objective an objective built by this builder
     * @param tensorNames scalar float tensors of the same graph
     * @return the objective whose loss is the sum; the same objective when there is nothing to add
     */
    public Objective withAddedLosses(Objective objective, java.util.List<String> tensorNames) {
        if (tensorNames.isEmpty()) {
            return objective;
        }
        Operand<TFloat32> total = objective.loss();
        for (String name : tensorNames) {
            Output<?> extra = graph.outputOrThrow(name);
            if (!isNumeric(extra)) {
                throw LrlabException.model("model loss " + name + " has dtype " + extra.dataType() + "; expected a float");
            }
            total = tf.math.add(total, tf.reduceSum(tf.dtypes.cast(asNumber(extra), TFloat32.class),
                    tf.range(tf.constant(0), tf.rank(extra), tf.constant(1))));
        }
        Output<TFloat32> namedTotal = tf.withName("total_loss").identity(total).asOutput();
        return objective.toBuilder().setLoss(namedTotal).setDescription(objective.description() + " + "
                + tensorNames.size() + " regularization loss" + (tensorNames.size() == 1 ? "" : "es") + " of the model")
                .build();
    }

    private static boolean isNumeric(Output<?> output) {
        return switch (output.dataType()) {
            case DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16 -> true;
            default -> false;
        };
    }

    private static boolean activationFits(LossKind kind, FinalActivation activation) {
        return kind == LossKind.BINARY_CROSSENTROPY ? activation.type().equals("Sigmoid") : activation.type().equals("Softmax");
    }

    /**
     * An inferred loss.
     *
     * @param kind the loss
     * @param source {@link SettingSource#INFERRED} when the output or labels decided, {@link SettingSource#DEFAULT}
     *     for mse when nothing did
     * @param reason why, for the log
     * @param classScores whether an output without a final Softmax was taken as class scores (so as logits)
     */
    private record Inference(LossKind kind, SettingSource source, String reason, boolean classScores) {
    }

    /**
     * The rules, in order: a final Sigmoid is binary cross-entropy; a final Softmax is (sparse) categorical
     * cross-entropy; an output of width k &gt; 1 with class-index labels in [0, k) is sparse categorical
     * cross-entropy on logits; anything else is mse.
     */
    private static Inference inferLoss(Optional<FinalActivation> activation, long width, ObjectiveSpec spec) {
        if (activation.isPresent()) {
            if (activation.get().type().equals("Sigmoid")) {
                return new Inference(LossKind.BINARY_CROSSENTROPY, SettingSource.INFERRED, "inferred: a Sigmoid ends the output",
                        false);
            }
            return new Inference(spec.labelWidth() > 1 ? LossKind.CATEGORICAL_CROSSENTROPY
                    : LossKind.SPARSE_CATEGORICAL_CROSSENTROPY, SettingSource.INFERRED, "inferred: a Softmax ends the output",
                    false);
        }
        if (width > 1 && spec.labelWidth() == 1 && spec.labelClassCount() > 0 && spec.labelClassCount() <= width) {
            return new Inference(LossKind.SPARSE_CATEGORICAL_CROSSENTROPY, SettingSource.INFERRED, "inferred: output width "
                    + width + " and class-index labels in [0, " + width + ")", true);
        }
        return new Inference(LossKind.MSE, SettingSource.DEFAULT, "default: no final Sigmoid or Softmax, no class-index "
                + "labels the output's width can score", false);
    }

    /** @return why the output looks like a classification output, if it does */
    private static Optional<String> classificationShape(Optional<FinalActivation> activation, long width, ObjectiveSpec spec) {
        if (activation.isPresent()) {
            return Optional.of("which a " + activation.get().type() + " ends");
        }
        if (width > 1 && spec.labelWidth() == 1 && spec.labelsAreIntegers()) {
            return Optional.of("of width " + width + " with whole-number labels");
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Operand<TNumber> asNumber(Output<?> output) {
        return (Operand<TNumber>) output;
    }

    private Operand<TInt32> allAxes(Operand<TFloat32> values) {
        return tf.range(tf.constant(0), tf.rank(values), tf.constant(1));
    }

    private Operand<TFloat32> like(Operand<TFloat32> labels, Operand<TFloat32> values) {
        return tf.reshape(labels, tf.shape(values));
    }

    private Operand<TFloat32> binaryCrossEntropy(Operand<TFloat32> values, Operand<TFloat32> labels, boolean fromLogits) {
        Operand<TFloat32> perExample;
        if (fromLogits) {
            // max(z, 0) - z * t + log(1 + exp(-|z|)): the stable form TensorFlow uses.
            perExample = tf.math.add(tf.math.sub(tf.math.maximum(values, tf.zerosLike(values)), tf.math.mul(values, labels)),
                    tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(values)))));
        } else {
            Operand<TFloat32> p = clip(values);
            Operand<TFloat32> one = tf.onesLike(p);
            perExample = tf.math.neg(tf.math.add(tf.math.mul(labels, tf.math.log(p)),
                    tf.math.mul(tf.math.sub(one, labels), tf.math.log(tf.math.sub(one, p)))));
        }
        return tf.math.mean(perExample, allAxes(perExample));
    }

    private Operand<TFloat32> clip(Operand<TFloat32> p) {
        return tf.clipByValue(p, tf.constant(EPSILON), tf.constant(1f - EPSILON));
    }

    private Operand<TFloat32> oneHotIfIndex(Operand<TFloat32> labels, Operand<TFloat32> values, ObjectiveSpec spec) {
        if (spec.labelWidth() > 1) {
            return tf.reshape(labels, tf.shape(values));
        }
        return tf.oneHot(tf.dtypes.cast(tf.reshape(labels, tf.constant(new int[] {-1})), TInt32.class),
                tf.constant(classCount(values)), tf.constant(1f), tf.constant(0f));
    }

    private static int classCount(Operand<TFloat32> values) {
        long last = values.shape().numDimensions() > 0 ? values.shape().size(values.shape().numDimensions() - 1) : -1;
        if (last < 2) {
            throw LrlabException.model("a categorical loss needs an output of shape [batch, classes], found "
                    + values.shape() + "; choose `loss` mse or binary-crossentropy");
        }
        return (int) last;
    }

    private Operand<TFloat32> categoricalCrossEntropy(Operand<TFloat32> values, Operand<TFloat32> oneHot, boolean fromLogits) {
        Operand<TFloat32> logProbabilities = fromLogits ? tf.nn.logSoftmax(values) : tf.math.log(clip(values));
        Operand<TFloat32> perExample = tf.math.neg(tf.reduceSum(tf.math.mul(oneHot, logProbabilities), tf.constant(-1)));
        return tf.math.mean(perExample, tf.constant(0));
    }

    private Operand<TFloat32> sparseCrossEntropy(Operand<TFloat32> values, Operand<TFloat32> labels, boolean fromLogits) {
        classCount(values);
        Operand<TInt64> indices = tf.dtypes.cast(tf.reshape(labels, tf.constant(new int[] {-1})), TInt64.class);
        if (fromLogits) {
            MissingGradients.registerAll();
            return tf.math.mean(tf.nn.sparseSoftmaxCrossEntropyWithLogits(values, indices).loss(), tf.constant(0));
        }
        Operand<TFloat32> oneHot = tf.oneHot(indices, tf.constant(classCount(values)), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> perExample = tf.math.neg(tf.reduceSum(tf.math.mul(oneHot, tf.math.log(clip(values))), tf.constant(-1)));
        return tf.math.mean(perExample, tf.constant(0));
    }

    private Output<TFloat32> accuracy(LossKind kind, Operand<TFloat32> values, Operand<TFloat32> labels, boolean fromLogits,
            ObjectiveSpec spec) {
        Operand<TFloat32> correct;
        if (kind == LossKind.BINARY_CROSSENTROPY) {
            Operand<TFloat32> threshold = tf.constant(fromLogits ? 0f : 0.5f);
            Operand<TFloat32> predicted = tf.dtypes.cast(tf.math.greater(values, threshold), TFloat32.class);
            correct = tf.dtypes.cast(tf.math.equal(predicted, like(labels, values)), TFloat32.class);
        } else {
            Operand<TInt64> predicted = tf.math.argMax(values, tf.constant(-1));
            Operand<TInt64> truth = spec.labelWidth() > 1
                    ? tf.math.argMax(tf.reshape(labels, tf.shape(values)), tf.constant(-1))
                    : tf.dtypes.cast(tf.reshape(labels, tf.constant(new int[] {-1})), TInt64.class);
            correct = tf.dtypes.cast(tf.math.equal(predicted, truth), TFloat32.class);
        }
        return tf.withName("accuracy").math.mean(correct, allAxes(correct)).asOutput();
    }
}
