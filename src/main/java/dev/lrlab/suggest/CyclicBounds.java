package dev.lrlab.suggest;

/**
 * Bounds for a cyclical learning-rate schedule after Leslie Smith ("Cyclical Learning Rates for
 * Training Neural Networks", 2017, section 3.3): {@code maxLr} where the loss is still improving, a
 * decade below the lowest point, and {@code baseLr} a quarter of it. See {@link LrSuggester} for the exact
 * rule and why.
 *
 * @param baseLr the low end of the cycle, {@code maxLr / 4}
 * @param maxLr the high end of the cycle
 * @param index the lowest point of the curve, which {@code maxLr} is derived from, an index into the given arrays
 * @param loss the smoothed loss there
 */
public record CyclicBounds(double baseLr, double maxLr, int index, double loss) {
}
