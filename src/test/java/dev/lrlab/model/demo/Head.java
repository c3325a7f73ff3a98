package dev.lrlab.model.demo;

/**
 * What a demo model puts after its last dense layer, and the name of its output: the op is named
 * like its {@code serving_default} output key, and the last layer's {@code BiasAdd} is its input
 * (the logits, for softmax and sigmoid).
 */
public enum Head {
    /** {@code Softmax} op named {@code probabilities}: one probability per class, rows sum to 1. */
    SOFTMAX("probabilities", "Softmax"),
    /** {@code Sigmoid} op named {@code probability}: probability of the positive class, width 1. */
    SIGMOID("probability", "Sigmoid"),
    /** {@code Identity} op named {@code y}: the regression output, unchanged. */
    IDENTITY("y", "Identity");

    private final String outputName;
    private final String opType;

    Head(String outputName, String opType) {
        this.outputName = outputName;
        this.opType = opType;
    }

    /** @return the op name of the output, which is also its signature output key */
    public String outputName() {
        return outputName;
    }

    /** @return the TensorFlow op type of the output op */
    public String opType() {
        return opType;
    }
}
