package dev.lrlab.run;

import dev.lrlab.LrlabException;
import dev.lrlab.data.Dataset;
import dev.lrlab.data.WindowSpec;
import dev.lrlab.model.LossKind;
import dev.lrlab.model.ObjectiveSpec;
import dev.lrlab.model.SignatureSpec;
import dev.lrlab.model.TensorSpec;
import dev.lrlab.train.StepEngine;

/**
 * What is checked between building the step and running it, so that data that does not fit the model ends
 * in one line naming both sides instead of a TensorFlow error at the first step.
 *
 * <ul>
 *   <li>Windows of a time series against the input they feed ({@link #checkWindow}), before anything is built.
 *   <li>Integer model inputs take whole numbers ({@link StepEngine#checkFeatures}).
 *   <li>Label width against output width: mse and mae take one label per output value; sparse categorical
 *       cross-entropy takes one class index; categorical cross-entropy a class index or a block of the output's
 *       width; binary cross-entropy one label per output value.
 *   <li>Label values against the loss: class indices are whole numbers in {@code [0, k)} for an output of k
 *       classes; binary cross-entropy takes 0 or 1; a one-hot block holds values in [0, 1].
 * </ul>
 */
final class FeedChecks {
    private FeedChecks() {
    }

    static void check(StepEngine engine, Dataset dataset, SignatureSpec signature, ObjectiveSpec objective) {
        engine.checkFeatures(dataset::feature, dataset.size(), dataset::where);
        LossKind kind = engine.objective().kind();
        if (kind == LossKind.SIGNATURE || signature == null) {
            return;
        }
        TensorSpec output = objective.outputKey().map(signature::output).orElseGet(() -> StepEngine.trainableOutput(signature));
        checkLabels(dataset, output, kind);
    }

    /**
     * Refuses windows that do not fit the one input they feed: an input {@code [-1, T, F]} takes windows of T steps
     * of F series ({@code -1}: any), any other input {@code T * F} values per example.
     *
     * @param signature the signature with the inputs to feed
     * @param window the windows
     * @throws LrlabException (data) naming the input's shape and the windows' when they differ, or when the
     *     signature has several inputs to feed
     */
    static void checkWindow(SignatureSpec signature, WindowSpec window) {
        if (signature.inputs().size() != 1) {
            throw LrlabException.data("windows feed one model input, but signature '" + signature.key() + "' has "
                    + signature.inputs().size() + " (" + String.join(", ", signature.inputs().stream().map(TensorSpec::key)
                    .toList()) + "); choose the one to feed with `input`");
        }
        TensorSpec input = signature.inputs().get(0);
        long[] shape = input.shape();
        String windows = "the windows are " + window.steps() + " steps x " + window.width() + " series";
        String in = "model input '" + input.key() + "' " + input.shapeText();
        if (shape != null && shape.length == 3) {
            if (shape[1] >= 0 && shape[1] != window.steps() || shape[2] >= 0 && shape[2] != window.width()) {
                throw LrlabException.data(in + " takes " + (shape[1] < 0 ? "any number of" : Long.toString(shape[1]))
                        + " steps x " + (shape[2] < 0 ? "any number of" : Long.toString(shape[2])) + " series, but "
                        + windows + "; " + (shape[1] >= 0 ? "use `window` " + shape[1] : "keep `window`")
                        + (shape[2] >= 0 ? " with " + shape[2] + " `series` column" + (shape[2] == 1 ? "" : "s") : ""));
            }
            return;
        }
        long width = input.valuesPerExample();
        if (width > 0 && width != window.valuesPerSample()) {
            throw LrlabException.data(in + " takes " + width + " values per example, but " + windows + " = "
                    + window.valuesPerSample() + " values; choose `window` and `series` so that steps x series = " + width);
        }
    }

    static void checkLabels(Dataset dataset, TensorSpec output, LossKind kind) {
        long outputWidth = output.valuesPerExample();
        int labelWidth = dataset.labelWidth();
        String labels = labelWidth == 1 ? "1 label (column " + LrlabException.quoted(dataset.labelNames().get(0)) + ")"
                : labelWidth + " labels";
        String out = "output '" + output.key() + "' " + output.shapeText();
        switch (kind) {
            case MSE, MAE, BINARY_CROSSENTROPY -> {
                if (outputWidth > 0 && labelWidth != outputWidth) {
                    throw LrlabException.data(out + " has " + outputWidth + " values per example but the data gives "
                            + labels + " per example; " + (labelWidth < outputWidth
                            ? "name " + outputWidth + " label columns (`labelColumn` y0,y1,... or a prefix `labelColumn` 'y*'), or"
                            + " .npy labels of shape (n, " + outputWidth + ")"
                            : "give as many label columns as the output has values, or choose another `output`"));
                }
                if (kind == LossKind.BINARY_CROSSENTROPY) {
                    requireLabels(dataset, l -> l == 0f || l == 1f, "binary cross-entropy takes labels 0 or 1",
                            "; make a 0/1 label column, or choose `loss`");
                }
            }
            case SPARSE_CATEGORICAL_CROSSENTROPY, CATEGORICAL_CROSSENTROPY -> {
                if (kind == LossKind.CATEGORICAL_CROSSENTROPY && labelWidth > 1) {
                    if (outputWidth > 0 && labelWidth != outputWidth) {
                        throw LrlabException.data(out + " has " + outputWidth + " classes but the data gives one-hot"
                                + " blocks of " + labelWidth + " labels; give " + outputWidth + " label columns");
                    }
                    requireLabels(dataset, l -> l >= 0f && l <= 1f, "a one-hot label block holds values in [0, 1]",
                            "; fix the labels");
                    return;
                }
                if (labelWidth != 1) {
                    throw LrlabException.data("sparse categorical cross-entropy takes one class index per example, but the"
                            + " data gives " + labels + "; name one label column, or use `loss` categorical-crossentropy"
                            + " for one-hot blocks");
                }
                requireLabels(dataset, l -> l == Math.rint(l), "class labels are whole numbers (class indices)",
                        "; use class indices 0..k-1 or class names, or choose `loss` mse for a regression target");
                if (outputWidth > 1) {
                    long classes = outputWidth;
                    requireLabels(dataset, l -> l >= 0 && l < classes, out + " has " + classes
                            + " classes, so class indices are in [0, " + classes + ")", dataset.classNames().isPresent()
                            ? "; the label column has " + dataset.classNames().get().size() + " class names ("
                            + String.join(", ", dataset.classNames().get().stream().limit(10).map(n -> LrlabException.quoted(n)).toList())
                            + (dataset.classNames().get().size() > 10 ? ", ..." : "") + "): fix the labels or choose another `output`"
                            : "; relabel the data or choose another `output`");
                }
            }
            default -> {
            }
        }
    }

    private interface LabelTest {
        boolean ok(float label);
    }

    private static void requireLabels(Dataset dataset, LabelTest test, String rule, String fix) {
        int width = dataset.labelWidth();
        for (int row = 0; row < dataset.size(); row++) {
            for (int j = 0; j < width; j++) {
                float label = dataset.labelAt(row, j);
                if (!test.ok(label)) {
                    String column = dataset.labelNames().size() == width ? dataset.labelNames().get(j) : dataset.labelNames().get(0);
                    String shown = dataset.classNames().map(names -> LrlabException.quoted(names.get((int) label))
                            + " (class " + format(label) + ")").orElse(format(label));
                    throw LrlabException.data(dataset.where(row) + ": label " + shown + " in column "
                            + LrlabException.quoted(column) + ", but " + rule + fix);
                }
            }
        }
    }

    private static String format(float label) {
        return label == Math.rint(label) && Math.abs(label) < 1e9 ? Long.toString((long) label) : Float.toString(label);
    }
}
