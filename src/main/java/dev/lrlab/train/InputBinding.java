package dev.lrlab.train;

import dev.lrlab.LrlabException;
import dev.lrlab.model.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the feature columns of a dataset feed the inputs of a signature. One input takes every feature
 * column (reshaped to the input's shape when it is fixed, e.g. 784 values to [28,28,1]). Several inputs
 * take columns by name: input {@code a} of width 1 takes column {@code a}; input {@code a} of width w takes
 * columns {@code a_0 ... a_(w-1)}.
 *
 * @param input the signature input
 * @param columns indices into the feature row, in input order
 * @param exampleShape the shape of one example for this input (the input's shape without its batch dim)
 */
public record InputBinding(TensorSpec input, int[] columns, long[] exampleShape) {

    /**
     * @param inputs the signature inputs to feed
     * @param featureNames the dataset's feature columns, in row order
     * @return one binding per input
     * @throws LrlabException naming the input and the columns when they do not fit
     */
    public static List<InputBinding> bind(List<TensorSpec> inputs, List<String> featureNames) {
        if (inputs.isEmpty()) {
            throw LrlabException.model("the signature has no inputs to feed; pick another --signature");
        }
        List<InputBinding> result = new ArrayList<>();
        if (inputs.size() == 1) {
            TensorSpec input = inputs.get(0);
            int[] all = new int[featureNames.size()];
            Arrays.setAll(all, i -> i);
            result.add(new InputBinding(input, all, exampleShape(input, all.length)));
            return result;
        }
        for (TensorSpec input : inputs) {
            long width = input.valuesPerExample();
            int[] columns;
            if (width == 1 && featureNames.contains(input.key())) {
                columns = new int[] {featureNames.indexOf(input.key())};
            } else {
                if (width < 1) {
                    throw LrlabException.model("input " + input.key() + " has shape " + input.shapeText()
                            + "; with several inputs each needs a fixed width so columns can be matched by name");
                }
                columns = new int[(int) width];
                for (int i = 0; i < width; i++) {
                    String name = input.key() + "_" + i;
                    columns[i] = featureNames.indexOf(name);
                    if (columns[i] < 0) {
                        throw LrlabException.data("no column '" + (width == 1 ? input.key() : name) + "' for model input "
                                + input.key() + " (width " + width + "); name the columns " + input.key()
                                + (width == 1 ? "" : "_0.." + input.key() + "_" + (width - 1)) + "; found: "
                                + String.join(",", featureNames));
                    }
                }
            }
            result.add(new InputBinding(input, columns, exampleShape(input, columns.length)));
        }
        return result;
    }

    private static long[] exampleShape(TensorSpec input, int columnCount) {
        long[] shape = input.shape();
        if (shape == null || shape.length == 0) {
            return new long[] {columnCount};
        }
        long[] example = Arrays.copyOfRange(shape, 1, shape.length);
        long known = 1;
        int unknown = -1;
        for (int i = 0; i < example.length; i++) {
            if (example[i] < 0) {
                if (unknown >= 0) {
                    throw LrlabException.model("input " + input.key() + " has shape " + input.shapeText()
                            + " with several unknown dimensions; lrlab cannot tell how to shape a row of data");
                }
                unknown = i;
            } else {
                known *= example[i];
            }
        }
        if (unknown >= 0 && known > 0 && columnCount % known == 0) {
            example[unknown] = columnCount / known;
            known = columnCount;
        }
        if (known != columnCount) {
            throw LrlabException.data("model input " + input.key() + " " + input.shapeText() + " takes " + known
                    + " values per example, but the data has " + columnCount + " feature columns; "
                    + "use --features to choose the columns");
        }
        return example;
    }
}
