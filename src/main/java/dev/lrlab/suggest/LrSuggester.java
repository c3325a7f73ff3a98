package dev.lrlab.suggest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Suggests learning rates from a range-test curve with fastai's four rules (valley, slide, minimum,
 * steep) and gives bounds for a cyclical schedule.
 *
 * <h2>Input and trimming</h2>
 * The losses must already be smoothed (see {@link LossSmoother}); fastai's recorder also keeps smoothed
 * losses. As fastai's {@code lr_find} does, the first {@code skipStart} points (default {@code n / 10},
 * integer division over the points given) and the last {@code skipEnd} (default 5) are dropped, then the
 * curve is cut at its first NaN or infinite loss. All rules below see only what is left (the "trimmed"
 * curve); the indexes in the results point into the arrays as given. When fewer than {@code minPoints}
 * (default 10) points are left there are no suggestions, only a reason; nor are there when the smoothed
 * loss never goes below its value at the first kept point (the lowest point is the first: no rate of the
 * sweep lowered the loss, and every rule would pick noise). fastai suggests from such curves; lrlab
 * does not.
 *
 * <h2>The rules</h2>
 * <ul>
 * <li><b>valley</b> (the default; fastai {@code valley}): the longest strictly decreasing subsequence of the
 * losses by the O(n²) table {@code lds}; with {@code end} the first index of its maximum and
 * {@code start = end - lds[end]}, {@code sections = (end - start) / 3} and the pick is
 * {@code start + int(sections) + int(sections / 2)}, i.e. about half-way down the valley. fastai's
 * {@code start} is one before the first point of the run; this port keeps that. In the one case where
 * the pick is -1 (the longest decreasing run is the first two points only), fastai's Python would
 * wrap around to the last point; here the pick is the first point instead.</li>
 * <li><b>slide</b> (fastai {@code slide}, {@code lr_diff = 15}, {@code thresh = 0.005},
 * {@code adjust_value = 1}): with {@code g} the loss gradient by {@code numpy.gradient} (central
 * differences, one-sided at the ends), a window {@code [left, right]} with {@code right - left = lr_diff}
 * starts at the end of the curve and slides left one point at a time while
 * {@code |g[right] - g[left]| > thresh}; the pick is the left end of the last window that slid (or of
 * the first window when it does not slide at all, or the first point when it slides off the start); the rate is
 * {@code lr[pick] * adjust_value}. It needs {@code lr_diff + 1} points and is left out otherwise.
 * The threshold is in loss units, so it suits losses of order 1.</li>
 * <li><b>minimum</b> (fastai {@code minimum}): a tenth of the rate at the lowest loss (first lowest), but
 * never below the first rate given (a range test's start rate; the first rate after the skipped points
 * does not matter): a rate the sweep never applied is no suggestion. When the lowest loss lies within a
 * decade of the start the rate is clamped to the first rate and the suggestion's
 * {@linkplain Suggestion#note() note} says so; fastai does not clamp.</li>
 * <li><b>steep</b> (fastai {@code steep}): the rate {@code lr[i]} at the start of the steepest fall, the
 * first {@code i} minimising {@code (loss[i+1] - loss[i]) / (ln lr[i+1] - ln lr[i])}; pairs with equal
 * rates are skipped.</li>
 * <li><b>cyclical bounds</b> (Smith 2017, section 3.3: the maximum where the loss stops improving, the
 * base a third to a quarter of it): {@code maxLr} is a tenth of the rate at the lowest smoothed loss of the
 * trimmed curve, and {@code baseLr = maxLr / 4}. The lowest point itself is where the loss has already
 * stopped improving and sits at the edge of divergence: cycling up to it collapsed the bundled digits
 * model (validation loss 9.2 to 2.05 over 1,200 steps of SGD), while a decade lower, where the loss is
 * still falling, trained it to 0.148 (the same one-decade-back rule as fastai's {@code minimum}).</li>
 * </ul>
 * Each suggestion's loss is the smoothed loss at the picked point (fastai plots slide's point at the loss
 * interpolated at the adjusted rate; with {@code adjust_value = 1} the two agree).
 */
public final class LrSuggester {

    private final Integer skipStart;
    private final int skipEnd;
    private final int minPoints;
    private final int slideLrDiff;
    private final double slideThreshold;
    private final double slideAdjust;
    private final SuggestionMethod defaultMethod;

    private LrSuggester(Builder b) {
        this.skipStart = b.skipStart;
        this.skipEnd = b.skipEnd;
        this.minPoints = b.minPoints;
        this.slideLrDiff = b.slideLrDiff;
        this.slideThreshold = b.slideThreshold;
        this.slideAdjust = b.slideAdjust;
        this.defaultMethod = b.defaultMethod;
    }

    /** @return a suggester with all defaults */
    public static LrSuggester defaults() {
        return builder().build();
    }

    /** @return a builder with all defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param lr the learning rates of the run, positive and finite, normally increasing
     * @param smoothedLoss the smoothed loss at each rate; NaN or infinite values end the usable curve
     * @return the suggestions, or none with a reason when too few points are left
     * @throws IllegalArgumentException when the lengths differ or a rate is not positive and finite
     */
    public Suggestions suggest(double[] lr, double[] smoothedLoss) {
        if (lr.length != smoothedLoss.length) {
            throw new IllegalArgumentException("expected as many losses as learning rates, found "
                    + smoothedLoss.length + " losses for " + lr.length + " rates");
        }
        for (int i = 0; i < lr.length; i++) {
            if (!(lr[i] > 0) || Double.isInfinite(lr[i])) {
                throw new IllegalArgumentException("expected positive finite learning rates, found " + lr[i]
                        + " at index " + i);
            }
        }
        Optional<Shortfall> shortfall = shortfall(smoothedLoss);
        if (shortfall.isPresent()) {
            return Suggestions.none(defaultMethod, shortfall.get().description() + "; " + shortfall.get().advice());
        }
        int first = firstKept(lr.length);
        int cut = cut(smoothedLoss, first);
        double[] lrs = Arrays.copyOfRange(lr, first, cut);
        double[] losses = Arrays.copyOfRange(smoothedLoss, first, cut);

        List<Suggestion> all = new ArrayList<>();
        int valley = valleyIndex(losses);
        all.add(new Suggestion(SuggestionMethod.VALLEY, lrs[valley], first + valley, losses[valley]));
        if (losses.length > slideLrDiff) {
            int slide = slideIndex(losses, slideLrDiff, slideThreshold);
            all.add(new Suggestion(SuggestionMethod.SLIDE, lrs[slide] * slideAdjust, first + slide, losses[slide]));
        }
        int min = argmin(losses);
        all.add(minimum(lrs[min], lr[0], first + min, losses[min]));
        int steep = steepIndex(lrs, losses);
        all.add(new Suggestion(SuggestionMethod.STEEP, lrs[steep], first + steep, losses[steep]));
        CyclicBounds bounds = new CyclicBounds(lrs[min] / 40, lrs[min] / 10, first + min, losses[min]);
        return new Suggestions(all, defaultMethod, bounds, "");
    }

    /**
     * Why a curve gives no suggestions, before any rule is applied.
     *
     * @param kind the cause
     * @param description what was found, e.g. {@code only 7 points after skipping the first 3 and last 5}
     * @param advice what to do, in general terms (the range test gives more precise advice)
     * @param nonFiniteAt index of the first NaN or infinite loss that cut the kept part short, or -1
     */
    public record Shortfall(Kind kind, String description, String advice, int nonFiniteAt) {
        /** The causes. */
        public enum Kind {
            /** Fewer than {@code minPoints} points are left after trimming. */
            TOO_FEW_POINTS,
            /** The smoothed loss never went below its value at the first kept point. */
            NEVER_FELL
        }
    }

    /**
     * @param smoothedLoss the smoothed losses, as given to {@link #suggest}
     * @return why they give no suggestions, or empty when they do
     */
    public Optional<Shortfall> shortfall(double[] smoothedLoss) {
        int n = smoothedLoss.length;
        int first = firstKept(n);
        int end = Math.max(first, n - skipEnd);
        int cut = cut(smoothedLoss, first);
        int count = cut - first;
        if (count < minPoints) {
            String dropped = cut < end ? " and cutting at the first non-finite loss" : "";
            return Optional.of(new Shortfall(Shortfall.Kind.TOO_FEW_POINTS, "only " + count
                    + " points after skipping the first " + first + " and last " + skipEnd + dropped, "run more steps",
                    cut < end ? cut : -1));
        }
        int min = argmin(Arrays.copyOfRange(smoothedLoss, first, cut));
        if (min == 0) {
            return Optional.of(new Shortfall(Shortfall.Kind.NEVER_FELL, String.format(Locale.ROOT,
                    "the smoothed loss never went below %.4g, its value at the first kept point (index %d)",
                    smoothedLoss[first], first), "sweep higher rates if the curve is flat, lower ones if it rose from "
                    + "the start", cut < end ? cut : -1));
        }
        return Optional.empty();
    }

    /**
     * @return the fewest points from which this suggester can make suggestions (when the loss is finite and
     *         falls): the smallest {@code n} with {@code n - skipStart(n) - skipEnd >= minPoints}; 16 with the
     *         defaults
     */
    public int fewestPoints() {
        int n = minPoints + skipEnd;
        while (n - firstKept(n) - skipEnd < minPoints) {
            n++;
        }
        return n;
    }

    private int firstKept(int n) {
        return skipStart != null ? skipStart : n / 10;
    }

    /** The end of the kept part: the first non-finite loss from {@code first}, or the start of the skipped end. */
    private int cut(double[] smoothedLoss, int first) {
        int end = Math.max(first, smoothedLoss.length - skipEnd);
        for (int i = first; i < end; i++) {
            if (!Double.isFinite(smoothedLoss[i])) {
                return i;
            }
        }
        return end;
    }

    /** A tenth of the rate at the lowest loss, clamped to the first rate of the curve; see the class comment. */
    static Suggestion minimum(double lowestLossLr, double firstLr, int index, double loss) {
        double tenth = lowestLossLr / 10;
        if (tenth >= firstLr) {
            return new Suggestion(SuggestionMethod.MINIMUM, tenth, index, loss);
        }
        return new Suggestion(SuggestionMethod.MINIMUM, firstLr, index, loss, String.format(Locale.ROOT,
                "clamped to the first rate of the curve, %.2e: a tenth of the rate at the lowest loss (%.2e) is %.2e, "
                        + "a rate the sweep never applied", firstLr, lowestLossLr, tenth));
    }

    /** fastai's valley on the trimmed losses; see the class comment. */
    static int valleyIndex(double[] losses) {
        int n = losses.length;
        int[] lds = new int[n];
        Arrays.fill(lds, 1);
        int maxStart = 0;
        int maxEnd = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (losses[i] < losses[j] && lds[i] < lds[j] + 1) {
                    lds[i] = lds[j] + 1;
                }
                if (lds[maxEnd] < lds[i]) {
                    maxEnd = i;
                    maxStart = maxEnd - lds[maxEnd];
                }
            }
        }
        double sections = (maxEnd - maxStart) / 3.0;
        int idx = maxStart + (int) sections + (int) (sections / 2);
        return Math.max(idx, 0);
    }

    /** fastai's slide on the trimmed losses (needs {@code lrDiff + 1} points); see the class comment. */
    static int slideIndex(double[] losses, int lrDiff, double threshold) {
        int n = losses.length;
        double[] grad = gradient(losses);
        int right = n - 1;
        int left = right - lrDiff;
        int pick = left;
        while (left >= 0 && Math.abs(grad[right] - grad[left]) > threshold) {
            pick = left;
            right--;
            left--;
        }
        return pick;
    }

    /** fastai's steep on the trimmed curve: the first index of the steepest fall per unit of ln lr. */
    static int steepIndex(double[] lrs, double[] losses) {
        int best = 0;
        double bestSlope = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < lrs.length; i++) {
            double dx = Math.log(lrs[i + 1]) - Math.log(lrs[i]);
            if (dx == 0) {
                continue;
            }
            double slope = (losses[i + 1] - losses[i]) / dx;
            if (slope < bestSlope) {
                bestSlope = slope;
                best = i;
            }
        }
        return best;
    }

    /** numpy.gradient with unit spacing and first-order ends; needs at least 2 values. */
    static double[] gradient(double[] y) {
        int n = y.length;
        double[] g = new double[n];
        g[0] = y[1] - y[0];
        g[n - 1] = y[n - 1] - y[n - 2];
        for (int i = 1; i < n - 1; i++) {
            g[i] = (y[i + 1] - y[i - 1]) / 2;
        }
        return g;
    }

    private static int argmin(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Settings of the suggester; every one has a default. */
    public static final class Builder {
        private Integer skipStart;
        private int skipEnd = 5;
        private int minPoints = 10;
        private int slideLrDiff = 15;
        private double slideThreshold = 0.005;
        private double slideAdjust = 1;
        private SuggestionMethod defaultMethod = SuggestionMethod.VALLEY;

        private Builder() {
        }

        /** @param value points dropped at the start; default a tenth of the points given (integer division) */
        public Builder optSkipStart(int value) {
            this.skipStart = nonNegative("skipStart", value);
            return this;
        }

        /** @param value points dropped at the end; default 5 */
        public Builder optSkipEnd(int value) {
            this.skipEnd = nonNegative("skipEnd", value);
            return this;
        }

        /** @param value fewest points left after trimming for any suggestion, at least 2; default 10 */
        public Builder optMinPoints(int value) {
            if (value < 2) {
                throw new IllegalArgumentException("expected minPoints >= 2, found " + value);
            }
            this.minPoints = value;
            return this;
        }

        /** @param value slide's window, in points, at least 1; default 15 */
        public Builder optSlideLrDiff(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("expected a slide window of at least 1 point, found " + value);
            }
            this.slideLrDiff = value;
            return this;
        }

        /** @param value slide's gradient threshold, in loss units, positive; default 0.005 */
        public Builder optSlideThreshold(double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("expected a positive slide threshold, found " + value);
            }
            this.slideThreshold = value;
            return this;
        }

        /** @param value factor applied to slide's rate, positive; default 1 */
        public Builder optSlideAdjust(double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("expected a positive slide adjust value, found " + value);
            }
            this.slideAdjust = value;
            return this;
        }

        /** @param value the recommended method; default {@link SuggestionMethod#VALLEY} */
        public Builder optDefaultMethod(SuggestionMethod value) {
            this.defaultMethod = Objects.requireNonNull(value, "defaultMethod");
            return this;
        }

        /** @return the suggester */
        public LrSuggester build() {
            return new LrSuggester(this);
        }

        private static int nonNegative(String name, int value) {
            if (value < 0) {
                throw new IllegalArgumentException("expected " + name + " >= 0, found " + value);
            }
            return value;
        }
    }
}
