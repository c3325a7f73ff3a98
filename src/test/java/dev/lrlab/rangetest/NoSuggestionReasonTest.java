package dev.lrlab.rangetest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lrlab.run.StopReason;
import dev.lrlab.suggest.LrSuggester;
import dev.lrlab.suggest.Suggestions;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Each cause of "no suggestions" with the advice it gives, on hand-built curves. The rates are those of the
 * config; {@code learningRate(k) = 1e-7 * 1e8^(k / (n - 1))} for the default 1e-7..10 sweep.
 */
class NoSuggestionReasonTest {
    private static final RangeTestConfig DEFAULT = RangeTestConfig.builder().build();

    private static String explain(RangeTestConfig config, int points, IntToDoubleFunction smoothed, StopReason stop) {
        double[] lr = new double[points];
        double[] loss = new double[points];
        for (int k = 0; k < points; k++) {
            lr[k] = config.learningRate(k);
            loss[k] = smoothed.applyAsDouble(k);
        }
        Suggestions found = RangeTest.suggest(lr, loss);
        assertEquals(true, found.isEmpty(), "the curve gives no suggestions: " + found);
        return NoSuggestionReason.explain(LrSuggester.defaults(), lr, loss, config, Optional.ofNullable(stop),
                found.reason());
    }

    private static StopReason stop(StopReason.Kind kind, int step, RangeTestConfig config) {
        return new StopReason(kind, step, config.learningRate(step), "test");
    }

    @Test
    void interruptedRunsAreToldToRunToTheEnd() {
        assertEquals("only 6 points after skipping the first 1 and last 5; the run was interrupted before step 12 of 100; "
                + "run it to the end", explain(DEFAULT, 12, k -> 2 - 0.01 * k,
                stop(StopReason.Kind.INTERRUPTED, 12, DEFAULT)));
    }

    @Test
    void aNonFiniteFirstLossBlamesTheDataNotTheRate() {
        assertEquals("only 0 points after skipping the first 0 and last 5; the loss of the first batch, before any "
                + "update, was NaN or infinite, which no rate changes; check the data for missing or unscaled values and "
                + "the loss for the output", explain(DEFAULT, 1, k -> Double.NaN,
                stop(StopReason.Kind.DIVERGED, 0, DEFAULT)));
    }

    @Test
    void aStopWithinTheGracePeriodAsksForALowerStartRate() {
        // NaN at step 3 of 100, inside the 25-step grace; lr(3) = 1e-7 * 10^(8 * 3 / 99) = 1.747e-7
        assertEquals("only 0 points after skipping the first 0 and last 5; the run stopped at step 3 (lr 1.75e-07) "
                + "before the loss fell: the sweep starts above the rates that train; lower `startLr` (now 1.00e-07)",
                explain(DEFAULT, 4, k -> k < 3 ? 2 : Double.NaN, stop(StopReason.Kind.DIVERGED, 3, DEFAULT)));
    }

    @Test
    void aCurveThatRoseUntilItStoppedAsksForALowerStartRate() {
        // 41 points rising from 1.0 by 0.01 a step; skipping 4 and 5 leaves 4..35, lowest at the first, 1.04;
        // lr(40) = 1e-7 * 10^(8 * 40 / 99) = 1.7076e-4
        assertEquals("the smoothed loss never went below 1.040, its value at the first kept point (index 4); the run "
                + "stopped at step 40 (lr 0.000171) before the loss fell: the sweep starts above the rates that train; "
                + "lower `startLr` (now 1.00e-07)", explain(DEFAULT, 41, k -> 1 + 0.01 * k,
                stop(StopReason.Kind.LOSS_EXPLODED, 40, DEFAULT)));
    }

    @Test
    void tooFewStepsBeforeAnExplosionAskForMoreStepsALowerEndRateOrALargerFactor() {
        // 20 steps (grace 5); stopped by the ratio rule at step 12: 13 points, skipping 1 and 5 leaves 7;
        // lr(12) = 1e-7 * 10^(8 * 12 / 19) = 1.129e-2
        RangeTestConfig config = RangeTestConfig.builder().optSteps(20).build();
        assertEquals("only 7 points after skipping the first 1 and last 5; the run stopped at step 12 of 20 (lr 0.0113); "
                + "run more `steps`, or lower `endLr` (now 10.0) toward 0.0113 so that more of the sweep comes before "
                + "it; if the loss was noisy rather than exploding, raise `divergeFactor` (now 4)",
                explain(config, 13, k -> 3 - 0.1 * k, stop(StopReason.Kind.LOSS_EXPLODED, 12, config)));
        // a NaN there is no noise: the factor is not mentioned
        assertEquals("only 7 points after skipping the first 1 and last 5; the run stopped at step 12 of 20 (lr 0.0113); "
                + "run more `steps`, or lower `endLr` (now 10.0) toward 0.0113 so that more of the sweep comes before it",
                explain(config, 13, k -> k < 12 ? 3 - 0.1 * k : Double.NaN, stop(StopReason.Kind.DIVERGED, 12, config)));
    }

    @Test
    void aNonFiniteLossWithoutStoppingCutsTheCurveAsAStopWould() {
        // --no-stop, 30 steps, NaN from step 10: points 3..9 are kept, 7; lr(10) = 1e-7 * 10^(80 / 29) = 5.736e-5
        RangeTestConfig config = RangeTestConfig.builder().optSteps(30).optStopOnDivergence(false).build();
        assertEquals("only 7 points after skipping the first 3 and last 5 and cutting at the first non-finite loss; the "
                + "loss became NaN or infinite at step 10 of 30 (lr 5.74e-05); run more `steps`, or lower `endLr` (now "
                + "10.0) toward 5.74e-05 so that more of the sweep comes before it",
                explain(config, 30, k -> k < 10 ? 3 - 0.1 * k : Double.NaN, null));
    }

    @Test
    void aCompleteSweepThatIsTooShortNamesTheFewestSteps() {
        RangeTestConfig config = RangeTestConfig.builder().optSteps(10).build();
        assertEquals("only 4 points after skipping the first 1 and last 5; a sweep of 10 steps is too short; run at "
                + "least 16 `steps` (100 is usual)", explain(config, 10, k -> 3 - 0.1 * k, null));
        // a linear sweep from 0 loses its zero-rate point: 16 positive rates need 17 steps
        RangeTestConfig linear = RangeTestConfig.builder().optMode(RangeTestConfig.Mode.LINEAR).optStartLr(0).optEndLr(1)
                .optSteps(10).build();
        assertEquals("only 4 points after skipping the first 0 and last 5; a sweep of 10 steps is too short; run at "
                + "least 17 `steps` (100 is usual)", explain(linear, 10, k -> 3 - 0.1 * k, null));
        assertEquals(16, LrSuggester.defaults().fewestPoints());
        // so is one that stopped at its last step (the digits model at lr 10): no rate to lower --end-lr toward
        assertEquals("only 4 points after skipping the first 1 and last 5; a sweep of 10 steps is too short; run at "
                + "least 16 `steps` (100 is usual)", explain(config, 10, k -> 3 - 0.1 * k,
                stop(StopReason.Kind.LOSS_EXPLODED, 9, config)));
    }

    @Test
    void aCompleteSweepWhoseLossNeverFellAsksForAHigherEndRate() {
        RangeTestConfig config = RangeTestConfig.builder().optEndLr(1e-3).optSteps(30).build();
        assertEquals("the smoothed loss never went below 2.000, its value at the first kept point (index 3); the sweep "
                + "ended at lr 0.00100 before the loss fell: raise `endLr`; if the loss rose from the start instead, "
                + "lower `startLr` (now 1.00e-07)", explain(config, 30, k -> 2, null));
    }

    @Test
    void theSuggesterAloneGivesTheGeneralAdvice() {
        double[] lr = new double[30];
        double[] loss = new double[30];
        for (int k = 0; k < 30; k++) {
            lr[k] = DEFAULT.learningRate(k);
        }
        Arrays.fill(loss, 2);
        assertEquals("the smoothed loss never went below 2.000, its value at the first kept point (index 3); sweep higher "
                + "rates if the curve is flat, lower ones if it rose from the start", RangeTest.suggest(lr, loss).reason());
    }
}
