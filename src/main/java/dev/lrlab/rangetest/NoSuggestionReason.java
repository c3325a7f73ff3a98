package dev.lrlab.rangetest;

import dev.lrlab.run.StopReason;
import dev.lrlab.suggest.LrSuggester;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Says why a range test made no suggestions and which setting would help, for {@link RangeTest}. The
 * reason starts with what {@link LrSuggester} found and goes on with the cause, judged from how the run
 * ended (the settings are named by their command-line options, as in {@link RangeTestConfig}'s messages):
 * <ul>
 * <li>interrupted: run it to the end;</li>
 * <li>the loss of the very first batch, before any update, was NaN or infinite: no rate helps, the data or
 * the loss is at fault;</li>
 * <li>stopped (NaN or the ratio rule) within the divergence grace period, or at any step with a curve that
 * never fell: the sweep starts above the rates that train, lower {@code --start-lr};</li>
 * <li>stopped later in a sweep shorter than {@link LrSuggester#fewestPoints()} steps: as the last but one
 * case;</li>
 * <li>stopped later with too few points before the stop: more {@code --steps}, or a lower {@code --end-lr}
 * toward the rate where it stopped, so that more of the sweep comes before it; after a stop by the ratio
 * rule also a higher {@code --diverge-factor}, in case the loss was noisy rather than exploding;</li>
 * <li>ran to the end with a NaN cutting the curve short ({@code --no-stop}): as the previous case;</li>
 * <li>ran to the end with too few points: the sweep is too short, at least
 * {@link LrSuggester#fewestPoints()} steps;</li>
 * <li>ran to the end and the loss never fell: a higher {@code --end-lr}, or, if the loss rose from the
 * start, a lower {@code --start-lr}.</li>
 * </ul>
 */
final class NoSuggestionReason {
    private NoSuggestionReason() {
    }

    /**
     * @param suggester the suggester that found nothing
     * @param lr the rates of the curve, as the range test recorded them
     * @param smoothedLoss the smoothed losses, same length
     * @param config the sweep
     * @param stop why the run ended early, if it did
     * @param fallback the suggester's own reason, returned when the curve does give suggestions after all
     * @return the reason, one line
     */
    static String explain(LrSuggester suggester, double[] lr, double[] smoothedLoss, RangeTestConfig config,
            Optional<StopReason> stop, String fallback) {
        int from = RangeTest.firstPositive(lr);
        Optional<LrSuggester.Shortfall> found = suggester.shortfall(Arrays.copyOfRange(smoothedLoss, from,
                smoothedLoss.length));
        if (found.isEmpty()) {
            return fallback;
        }
        LrSuggester.Shortfall shortfall = found.get();
        String what = shortfall.description() + "; ";
        boolean neverFell = shortfall.kind() == LrSuggester.Shortfall.Kind.NEVER_FELL;
        int n = config.steps();
        if (stop.isPresent()) {
            StopReason why = stop.get();
            long step = why.step();
            if (why.kind() == StopReason.Kind.INTERRUPTED) {
                return what + "the run was interrupted before step " + step + " of " + n + "; run it to the end";
            }
            if (why.kind() == StopReason.Kind.DIVERGED && step == 0) {
                return what + "the loss of the first batch, before any update, was NaN or infinite, which no rate "
                        + "changes; check the data for missing or unscaled values and the loss for the output";
            }
            if (neverFell || step <= config.divergenceGrace()) {
                return what + String.format(Locale.ROOT, "the run stopped at step %d (lr %.3g) before the loss fell: the "
                        + "sweep starts above the rates that train; lower `startLr` (now %.3g)", step, why.lr(),
                        config.startLr());
            }
            if (n < suggester.fewestPoints() + from) {
                return what + shortSweep(suggester, from, n);
            }
            return what + tooFewBefore("the run stopped", step, why.lr(), config)
                    + (why.kind() == StopReason.Kind.LOSS_EXPLODED ? String.format(Locale.ROOT, "; if the loss was noisy "
                    + "rather than exploding, raise `divergeFactor` (now %s)", trim(config.divergeFactor())) : "");
        }
        if (shortfall.nonFiniteAt() >= 0) {
            int step = from + shortfall.nonFiniteAt();
            return what + tooFewBefore("the loss became NaN or infinite", step, lr[step], config);
        }
        if (!neverFell) {
            return what + shortSweep(suggester, from, n);
        }
        return what + String.format(Locale.ROOT, "the sweep ended at lr %.3g before the loss fell: raise `endLr`; if "
                + "the loss rose from the start instead, lower `startLr` (now %.3g)", config.endLr(), config.startLr());
    }

    private static String shortSweep(LrSuggester suggester, int zeroRates, int steps) {
        return "a sweep of " + steps + " steps is too short; run at least " + (suggester.fewestPoints() + zeroRates)
                + " `steps` (100 is usual)";
    }

    /** {@code EVENT at step S of N (lr R); run more --steps, or lower --end-lr ...}. */
    private static String tooFewBefore(String event, long step, double lr, RangeTestConfig config) {
        return String.format(Locale.ROOT, "%s at step %d of %d (lr %.3g); run more `steps`, or lower `endLr` (now %.3g) "
                + "toward %.3g so that more of the sweep comes before it", event, step, config.steps(), lr, config.endLr(),
                lr);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
