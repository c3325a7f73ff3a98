package dev.lrlab.experiment;

/**
 * Bounds for a cyclical learning-rate schedule after Leslie Smith ("Cyclical Learning Rates for
 * Training Neural Networks", 2017, section 3.3): {@code maxLr} where the loss stops improving,
 * {@code baseLr} a quarter of it. See {@link LrSuggester} for the exact rule.
 *
 * @param baseLr the low end of the cycle, {@code maxLr / 4}
 * @param maxLr the high end of the cycle
 * @param index the point of the curve where {@code maxLr} was read, an index into the given arrays
 * @param loss the smoothed loss there
 */
public record CyclicBounds(double baseLr, double maxLr, int index, double loss) {
}
