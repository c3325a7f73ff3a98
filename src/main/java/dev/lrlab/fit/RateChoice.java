package dev.lrlab.fit;

import dev.lrlab.LrlabException;
import dev.lrlab.rangetest.RangeTestResult;
import dev.lrlab.report.ScientificFormat;
import dev.lrlab.suggest.CyclicBounds;
import dev.lrlab.suggest.Suggestion;
import dev.lrlab.suggest.SuggestionMethod;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The rate a fit trains with, and why.
 *
 * @param method where it came from: {@code valley}, {@code minimum} (when the valley lies past the lowest loss) or
 *     {@code cyclic} (the range test's suggestion of that name),
 *     or {@code given} (set by the caller; no range test ran)
 * @param lr the rate the policy is built on: the 1cycle max, the cycle's max, the cosine start, the constant rate,
 *     or alpha_0
 * @param baseLr the low end of a cyclical policy's cycle; empty for the other policies
 * @param reason one line saying what was chosen for which policy and on what grounds
 */
public record RateChoice(String method, double lr, OptionalDouble baseLr, String reason) {

    /** The method of a rate set by the caller. */
    public static final String GIVEN = "given";

    /**
     * Picks the rate a policy needs from a range test: the cyclical bounds for {@link FitPolicy#CYCLIC}, the valley
     * suggestion for the others, unless the valley lies above the rate of the lowest smoothed loss (a second fall
     * after the loss rose, as on a model that is already trained); then the minimum suggestion (that rate / 10).
     *
     * @param policy the policy
     * @param result a finished range test
     * @return the choice
     * @throws LrlabException (DATA) when the test suggested nothing usable, with its reason and what to change
     */
    public static RateChoice of(FitPolicy policy, RangeTestResult result) {
        if (policy.usesCyclicBounds()) {
            CyclicBounds bounds = result.suggestions().cyclic().orElseThrow(() -> LrlabException.data(
                    "the range test suggested no cyclical bounds: " + (result.suggestions().isEmpty()
                            ? result.suggestions().reason() : "the curve was too short for them; run more steps")));
            return new RateChoice("cyclic", bounds.maxLr(), OptionalDouble.of(bounds.baseLr()),
                    "the range test's cyclical bounds " + format(bounds.baseLr()) + " - " + format(bounds.maxLr())
                    + " (Smith 2017: max a decade below the lowest loss, base = max/4) for a triangular cycle");
        }
        double valley = result.suggestedLr();
        int lowest = lowest(result.smoothedLoss());
        Optional<Suggestion> minimum = result.suggestions().get(SuggestionMethod.MINIMUM);
        if (lowest >= 0 && valley > result.lr()[lowest] && minimum.isPresent()) {
            // a valley past the lowest loss lies on a second fall after the loss rose (a model that is already
            // trained: a flat curve, then a rise); training there would climb the loss
            return new RateChoice(SuggestionMethod.MINIMUM.methodName(), minimum.get().lr(), OptionalDouble.empty(),
                    "the range test's minimum suggestion " + format(minimum.get().lr()) + " (the lowest loss's rate / 10) "
                    + role(policy) + ": its " + result.suggestions().defaultName() + " " + format(valley)
                    + " lies above the rate of the lowest smoothed loss " + format(result.lr()[lowest])
                    + ", on a fall after the loss rose");
        }
        return new RateChoice(result.suggestions().defaultName(), valley, OptionalDouble.empty(),
                "the range test's " + result.suggestions().defaultName() + " suggestion " + format(valley) + " "
                + role(policy));
    }

    /** @return the index of the lowest finite value, or -1 when none is finite */
    private static int lowest(double[] values) {
        int best = -1;
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i]) && (best < 0 || values[i] < values[best])) {
                best = i;
            }
        }
        return best;
    }

    /**
     * @param policy the policy
     * @param lr the rate set by the caller
     * @return the choice; a cyclical policy cycles between {@code lr/4} and {@code lr}
     */
    public static RateChoice given(FitPolicy policy, double lr) {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw LrlabException.usage("`lr` must be a positive number, found " + lr);
        }
        if (policy.usesCyclicBounds()) {
            return new RateChoice(GIVEN, lr, OptionalDouble.of(lr / 4), "the given rate " + format(lr)
                    + " as the cycle's max, base = max/4 (no range test)");
        }
        return new RateChoice(GIVEN, lr, OptionalDouble.empty(), "the given rate " + format(lr) + " " + role(policy)
                + " (no range test)");
    }

    private static String role(FitPolicy policy) {
        return switch (policy) {
            case ONECYCLE -> "as the 1cycle max (fastai's fit_one_cycle lr_max)";
            case CYCLIC -> "as the cycle's max";
            case COSINE -> "as the start of the cosine annealing";
            case CONSTANT -> "as the constant rate";
            case HD -> "as the hypergradient alpha_0";
        };
    }

    private static String format(double lr) {
        return ScientificFormat.format(lr, 3);
    }
}
