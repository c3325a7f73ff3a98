package dev.lrlab.train;

import java.util.OptionalDouble;

/**
 * Loss (and accuracy, for classifiers) over a whole dataset, weighted by batch size.
 *
 * @param loss mean loss
 * @param accuracy fraction of correct predictions, when the loss is a classification loss
 */
public record Evaluation(double loss, OptionalDouble accuracy) {
}
