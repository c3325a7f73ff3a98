package dev.lrlab.train;

import dev.lrlab.model.ObjectiveSpec;
import java.util.List;

/**
 * Everything the step engine needs to know besides the model, fixed for a run.
 *
 * @param signatureKey the signature whose inputs are fed and whose output is trained
 * @param objective the output and loss
 * @param optimizer the optimizer
 * @param featureNames the dataset's feature columns, in row order
 */
public record TrainingSetup(String signatureKey, ObjectiveSpec objective, OptimizerConfig optimizer,
        List<String> featureNames) {

    public TrainingSetup {
        featureNames = List.copyOf(featureNames);
    }
}
