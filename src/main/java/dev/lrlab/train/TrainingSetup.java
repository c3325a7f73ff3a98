package dev.lrlab.train;

import dev.lrlab.model.ObjectiveSpec;
import java.util.List;
import java.util.Objects;

/**
 * Everything the step engine needs to know besides the model, fixed for a run.
 *
 * @param signatureKey the signature whose inputs are fed and whose output is trained
 * @param objective the output and loss
 * @param optimizer the optimizer
 * @param columns the dataset's feature columns, in row order, and the text of those read as text
 */
public record TrainingSetup(String signatureKey, ObjectiveSpec objective, OptimizerConfig optimizer,
        FeatureColumns columns) {

    /** Checks for nulls. */
    public TrainingSetup {
        Objects.requireNonNull(columns, "columns");
    }

    /** A setup for numeric feature columns. */
    public TrainingSetup(String signatureKey, ObjectiveSpec objective, OptimizerConfig optimizer, List<String> featureNames) {
        this(signatureKey, objective, optimizer, FeatureColumns.numeric(featureNames));
    }

    /** @return the feature columns' names in row order */
    public List<String> featureNames() {
        return columns.names();
    }
}
