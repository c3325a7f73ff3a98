package dev.lrlab.fit;

import dev.lrlab.LrlabException;
import dev.lrlab.rangetest.RangeTestResult;
import dev.lrlab.report.ScientificFormat;
import dev.lrlab.suggest.CyclicBounds;
import dev.lrlab.suggest.Suggestion;
import dev.lrlab.suggest.SuggestionMethod;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The rate a fit trains with, and why. Immutable; made by {@link #of(FitPolicy, RangeTestResult)},
 * {@link #given(FitPolicy, double)} or {@link #builder()}.
 *
 * <br>{@code method}: where it came from: {@code valley}, {@code minimum} (when the valley lies past the lowest loss)
 *     or {@code cyclic} (the range test's suggestion of that name), or {@code given} (set by the caller; no range test
 *     ran)
 * <br>{@code lr}: the rate the policy is built on: the 1cycle max, the cycle's max, the cosine start, the constant
 *     rate, or alpha_0
 * <br>{@code baseLr}: the low end of a cyclical policy's cycle; empty for the other policies
 * <br>{@code reason}: one line saying what was chosen for which policy and on what grounds
 */
public final class RateChoice {

    /** The method of a rate set by the caller. */
    public static final String GIVEN = "given";

    private final String method;
    private final double lr;
    private final OptionalDouble baseLr;
    private final String reason;

    private RateChoice(String method, double lr, OptionalDouble baseLr, String reason) {
        this.method = method;
        this.lr = lr;
        this.baseLr = baseLr;
        this.reason = reason;
    }

    /** @return a builder with nothing set */
    public static Builder builder() {
        return new Builder();
    }

    /** @return where the rate came from: a suggestion method's name, or {@link #GIVEN} */
    public String method() {
        return method;
    }

    /** @return the rate the policy is built on */
    public double lr() {
        return lr;
    }

    /** @return the low end of a cyclical policy's cycle; empty for the other policies */
    public OptionalDouble baseLr() {
        return baseLr;
    }

    /** @return one line saying what was chosen for which policy and on what grounds */
    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RateChoice that && method.equals(that.method) && Double.compare(lr, that.lr) == 0
                && baseLr.equals(that.baseLr) && reason.equals(that.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, lr, baseLr, reason);
    }

    @Override
    public String toString() {
        return "RateChoice[method=" + method + ", lr=" + lr + ", baseLr=" + baseLr + ", reason=" + reason + "]";
    }

    /** Collects a choice: the method, the rate and the reason are required, the base rate optional. */
    public static final class Builder {
        private String method;
        private double lr = Double.NaN;
        private OptionalDouble baseLr = OptionalDouble.empty();
        private String reason;

        private Builder() {
        }

        /**
         * @param value where the rate came from, e.g. {@code valley} or {@link #GIVEN} (required)
         * @return this builder
         */
        public Builder setMethod(String value) {
            method = Objects.requireNonNull(value, "method");
            return this;
        }

        /**
         * @param value the rate the policy is built on, positive and finite (required)
         * @return this builder
         */
        public Builder setLr(double value) {
            lr = value;
            return this;
        }

        /**
         * @param value the low end of a cyclical policy's cycle (default: none)
         * @return this builder
         */
        public Builder optBaseLr(double value) {
            baseLr = OptionalDouble.of(value);
            return this;
        }

        /**
         * @param value one line saying what was chosen and why (required)
         * @return this builder
         */
        public Builder setReason(String value) {
            reason = Objects.requireNonNull(value, "reason");
            return this;
        }

        /**
         * @return the choice
         * @throws IllegalStateException when the method or the reason is missing
         * @throws LrlabException (USAGE) when the rate is not positive
         */
        public RateChoice build() {
            if (method == null || reason == null) {
                throw new IllegalStateException("a rate choice needs its method and reason (setMethod, setReason)");
            }
            if (!(lr > 0) || !Double.isFinite(lr)) {
                throw LrlabException.usage("`lr` must be a positive number, found " + lr);
            }
            return new RateChoice(method, lr, baseLr, reason);
        }
    }

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
            return builder().setMethod("cyclic").setLr(bounds.maxLr()).optBaseLr(bounds.baseLr())
                    .setReason("the range test's cyclical bounds " + format(bounds.baseLr()) + " - " + format(bounds.maxLr())
                    + " (Smith 2017: max a decade below the lowest loss, base = max/4) for a triangular cycle").build();
        }
        double valley = result.suggestedLr();
        int lowest = lowest(result.smoothedLoss());
        Optional<Suggestion> minimum = result.suggestions().get(SuggestionMethod.MINIMUM);
        if (lowest >= 0 && valley > result.lr()[lowest] && minimum.isPresent()) {
            // a valley past the lowest loss lies on a second fall after the loss rose (a model that is already
            // trained: a flat curve, then a rise); training there would climb the loss
            return builder().setMethod(SuggestionMethod.MINIMUM.methodName()).setLr(minimum.get().lr())
                    .setReason("the range test's minimum suggestion " + format(minimum.get().lr()) + " (the lowest loss's rate / 10) "
                    + role(policy) + ": its " + result.suggestions().defaultName() + " " + format(valley)
                    + " lies above the rate of the lowest smoothed loss " + format(result.lr()[lowest])
                    + ", on a fall after the loss rose").build();
        }
        return builder().setMethod(result.suggestions().defaultName()).setLr(valley)
                .setReason("the range test's " + result.suggestions().defaultName() + " suggestion " + format(valley) + " "
                + role(policy)).build();
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
            return builder().setMethod(GIVEN).setLr(lr).optBaseLr(lr / 4).setReason("the given rate " + format(lr)
                    + " as the cycle's max, base = max/4 (no range test)").build();
        }
        return builder().setMethod(GIVEN).setLr(lr).setReason("the given rate " + format(lr) + " " + role(policy)
                + " (no range test)").build();
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
