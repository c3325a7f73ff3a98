package dev.lrlab.train;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Loss (and accuracy, for classifiers) over a whole dataset, weighted by batch size. Made by {@link StepEngine#evaluate}.
 */
public final class Evaluation {
    private final double loss;
    private final OptionalDouble accuracy;

    /**
     * @param loss mean loss
     * @param accuracy fraction of correct predictions, when the loss is a classification loss
     */
    Evaluation(double loss, OptionalDouble accuracy) {
        this.loss = loss;
        this.accuracy = Objects.requireNonNull(accuracy, "accuracy");
    }

    /** @return the mean loss */
    public double loss() {
        return loss;
    }

    /** @return the fraction of correct predictions, when the loss is a classification loss */
    public OptionalDouble accuracy() {
        return accuracy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Evaluation e && Double.compare(loss, e.loss) == 0 && accuracy.equals(e.accuracy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(loss, accuracy);
    }

    @Override
    public String toString() {
        return "Evaluation[loss=" + loss + ", accuracy=" + accuracy + "]";
    }
}
