package dev.lrlab.model;

import dev.lrlab.LrlabException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The losses lrlab can build on a model output and labels; each is averaged over the batch. */
public enum LossKind {
    /** Mean squared error, {@code mean((y - t)^2)}. */
    MSE("mse"),
    /** Mean absolute error, {@code mean(|y - t|)}. */
    MAE("mae"),
    /** Binary cross-entropy for one probability (or logit) per example and 0/1 labels. */
    BINARY_CROSSENTROPY("binary-crossentropy"),
    /** Categorical cross-entropy against one-hot labels; a single class-index label column is one-hot encoded. */
    CATEGORICAL_CROSSENTROPY("categorical-crossentropy"),
    /** Categorical cross-entropy against class-index labels. */
    SPARSE_CATEGORICAL_CROSSENTROPY("sparse-categorical-crossentropy"),
    /** The scalar loss a signature of the model returns ({@code --loss-signature}, {@code --train-signature}); never built by lrlab. */
    SIGNATURE("signature");

    private final String cliName;

    LossKind(String cliName) {
        this.cliName = cliName;
    }

    /** @return the name used on the command line, e.g. {@code binary-crossentropy} */
    public String cliName() {
        return cliName;
    }

    /** @return true for the cross-entropies, whose outputs are classes */
    public boolean isClassification() {
        return this == BINARY_CROSSENTROPY || this == CATEGORICAL_CROSSENTROPY || this == SPARSE_CATEGORICAL_CROSSENTROPY;
    }

    /**
     * @param name a command-line name
     * @return the loss of that name
     * @throws LrlabException listing the known names
     */
    public static LossKind fromCliName(String name) {
        return Arrays.stream(values()).filter(k -> k != SIGNATURE && k.cliName.equals(name)).findFirst().orElseThrow(() ->
                LrlabException.usage("unknown loss '" + name + "'; use one of: "
                        + Arrays.stream(values()).filter(k -> k != SIGNATURE).map(LossKind::cliName)
                                .collect(Collectors.joining(", "))));
    }
}
