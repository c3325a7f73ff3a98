package dev.lrlab.experiment;

/**
 * One suggested learning rate.
 *
 * @param name the method, e.g. {@code valley}
 * @param lr the suggested learning rate
 * @param index the point of the curve the method picked, as an index into the arrays given to
 *              {@link LrSuggester#suggest} (not into the trimmed part); for {@code minimum} the lowest point,
 *              whose rate is ten times {@code lr}
 * @param loss the smoothed loss at {@code index}
 */
public record Suggestion(String name, double lr, int index, double loss) {
}
