package dev.lrlab.search;

/**
 * The learning rates a coarse-to-fine search tries.
 *
 * <ul>
 * <li><b>Coarse</b>: {@code 10^(log10(from) + i / perDecade)} for
 * {@code i = 0 .. floor(perDecade * log10(to / from))}, the first being {@code from} itself
 * (a tolerance of 1e-9 lets {@code to} itself in when it is a whole step away), e.g. 1e-7, 1e-6, ..., 1 for
 * the defaults (exact decimal rates when {@code from} is a power of ten and {@code perDecade} is 1: Java's
 * {@code log10} is exact there). The ratio between neighbours is {@code 10^(1 / perDecade)}.</li>
 * <li><b>Around a rate</b> ({@link #around}): {@code points} rates strictly between {@code center / ratio}
 * and {@code center * ratio}, evenly spaced in log scale: {@code center * ratio^(2j / (points + 1) - 1)} for
 * {@code j = 1 .. points}. The fine stage uses the coarse ratio around the best coarse rate, i.e. the
 * rates between its two coarse neighbours; the third stage uses the fine spacing
 * {@code ratio^(2 / (points + 1))} around the best fine rate. With an odd count the middle rate is
 * {@code center} itself.</li>
 * </ul>
 * Stages may step past {@code from} or {@code to} by less than one coarse step when the best coarse rate
 * is at an end of the range.
 */
public final class SearchGrid {
    private SearchGrid() {
    }

    /**
     * @param from lowest rate, positive
     * @param to highest rate, above from
     * @param perDecade rates per decade, at least 1
     * @return the coarse rates, ascending
     */
    public static double[] coarse(double from, double to, int perDecade) {
        int last = (int) Math.floor(perDecade * Math.log10(to / from) + 1e-9);
        double[] rates = new double[last + 1];
        double start = Math.log10(from);
        rates[0] = from;
        for (int i = 1; i <= last; i++) {
            rates[i] = Math.pow(10, start + (double) i / perDecade);
        }
        return rates;
    }

    /**
     * @param perDecade coarse rates per decade
     * @return the ratio between neighbouring coarse rates, {@code 10^(1 / perDecade)}
     */
    public static double coarseRatio(int perDecade) {
        return Math.pow(10, 1.0 / perDecade);
    }

    /**
     * @param ratio the ratio to the edges of the refined interval
     * @param points rates in the refined interval
     * @return the ratio between neighbouring refined rates, {@code ratio^(2 / (points + 1))}
     */
    public static double refinedRatio(double ratio, int points) {
        return Math.pow(ratio, 2.0 / (points + 1));
    }

    /**
     * @param center the rate to refine around
     * @param ratio the interval is {@code (center / ratio, center * ratio)}, ratio above 1
     * @param points how many rates, at least 1
     * @return the rates, ascending
     */
    public static double[] around(double center, double ratio, int points) {
        double[] rates = new double[points];
        for (int j = 1; j <= points; j++) {
            double exponent = 2.0 * j / (points + 1) - 1;
            rates[j - 1] = exponent == 0 ? center : center * Math.pow(ratio, exponent);
        }
        return rates;
    }
}
