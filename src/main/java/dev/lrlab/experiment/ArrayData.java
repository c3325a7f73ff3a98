package dev.lrlab.experiment;

import dev.lrlab.LrlabException;
import java.util.Objects;

/**
 * A training set held in plain arrays, row-major, as the step engine takes it.
 *
 * @param features {@code rows * featureCount} values, one row after another
 * @param labels {@code rows * labelWidth} values
 * @param rows number of examples, at least 1
 * @param featureCount values per row in {@code features}
 */
public record ArrayData(float[] features, float[] labels, int rows, int featureCount) {

    public ArrayData {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (rows < 1) {
            throw LrlabException.data("expected at least 1 row of training data, found " + rows);
        }
        if (featureCount < 1 || (long) rows * featureCount != features.length) {
            throw LrlabException.data("expected " + rows + " rows x " + featureCount + " features = "
                    + (long) rows * featureCount + " feature values, found " + features.length);
        }
        if (labels.length == 0 || labels.length % rows != 0) {
            throw LrlabException.data("expected a whole number of label values per row (" + rows + " rows), found "
                    + labels.length + " label values");
        }
    }

    /** @return label values per row */
    public int labelWidth() {
        return labels.length / rows;
    }
}
