package dev.lrlab.model.demo;

import java.util.Arrays;
import java.util.List;

/**
 * The catalogue of demo models. All but {@link #FASHION_MNIST_MLP} are small and committed under
 * {@code models/}; each pairs with a file in {@code data-samples/}.
 */
public enum DemoModel {
    /** {@code x [-1,64]} (digits.csv pixels) -> 32 ReLU -> 10 -> softmax {@code probabilities}. */
    DIGITS_MLP(true, new DemoModelSpec("digits-mlp",
            List.of(new InputSpec("x", 64)),
            List.of(DenseSpec.relu("dense1", 32), DenseSpec.linear("dense2", 10)),
            Head.SOFTMAX, 64L)),
    /** {@code x [-1,4]} (iris.csv features) -> 16 ReLU -> 3 -> softmax {@code probabilities}. */
    IRIS_MLP(true, new DemoModelSpec("iris-mlp",
            List.of(new InputSpec("x", 4)),
            List.of(DenseSpec.relu("dense1", 16), DenseSpec.linear("dense2", 3)),
            Head.SOFTMAX, 4L)),
    /**
     * Two named inputs {@code sepal [-1,2]} and {@code petal [-1,2]} (iris-two-inputs.csv), joined by
     * {@code concat}, -> 16 ReLU -> 3 -> softmax {@code probabilities}.
     */
    IRIS_TWO_INPUTS(true, new DemoModelSpec("iris-two-inputs",
            List.of(new InputSpec("sepal", 2), new InputSpec("petal", 2)),
            List.of(DenseSpec.relu("dense1", 16), DenseSpec.linear("dense2", 3)),
            Head.SOFTMAX, 22L)),
    /** {@code x [-1,10]} (diabetes.csv features) -> linear 1 -> identity {@code y [-1,1]}. */
    DIABETES_LINEAR(true, new DemoModelSpec("diabetes-linear",
            List.of(new InputSpec("x", 10)),
            List.of(DenseSpec.linear("linear", 1)),
            Head.IDENTITY, 10L)),
    /** {@code x [-1,30]} (breast_cancer.csv features) -> linear 1 -> sigmoid {@code probability}. */
    LOGISTIC(true, new DemoModelSpec("logistic",
            List.of(new InputSpec("x", 30)),
            List.of(DenseSpec.linear("logistic", 1)),
            Head.SIGMOID, 30L)),
    /**
     * {@code x [-1,784]} (Fashion-MNIST pixels, flattened) -> 256 ReLU -> 256 ReLU -> 10 -> softmax
     * {@code probabilities}; 269,322 parameters, for the benchmark. Not committed.
     */
    FASHION_MNIST_MLP(false, new DemoModelSpec("fashion-mnist-mlp",
            List.of(new InputSpec("x", 784)),
            List.of(DenseSpec.relu("dense1", 256), DenseSpec.relu("dense2", 256),
                    DenseSpec.linear("dense3", 10)),
            Head.SOFTMAX, 784L));

    private final boolean committed;
    private final DemoModelSpec spec;

    DemoModel(boolean committed, DemoModelSpec spec) {
        this.committed = committed;
        this.spec = spec;
    }

    /** @return the architecture and seed */
    public DemoModelSpec spec() {
        return spec;
    }

    /** @return the model's folder name, e.g. {@code digits-mlp} */
    public String folderName() {
        return spec.name();
    }

    /** @return whether the model is small enough to live in the repository's {@code models/} */
    public boolean committed() {
        return committed;
    }

    /** @return the models kept in {@code models/}, in catalogue order */
    public static List<DemoModel> committedModels() {
        return Arrays.stream(values()).filter(DemoModel::committed).toList();
    }

    /**
     * Finds a model by folder name.
     *
     * @param folderName e.g. {@code iris-mlp}
     * @return the model
     * @throws IllegalArgumentException naming the known models if none matches
     */
    public static DemoModel byFolderName(String folderName) {
        for (DemoModel model : values()) {
            if (model.folderName().equals(folderName)) {
                return model;
            }
        }
        throw new IllegalArgumentException("expected one of "
                + Arrays.stream(values()).map(DemoModel::folderName).toList() + ", found " + folderName);
    }
}
