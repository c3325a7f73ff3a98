package dev.lrlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.run.DivergenceDetector.Reason;
import dev.lrlab.suggest.LossSmoother;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DivergenceDetectorTest {
    @Test
    void nonFiniteLossStopsFromTheFirstStep() {
        assertEquals(Optional.of(Reason.NON_FINITE_LOSS), new DivergenceDetector().observe(Double.NaN, 1));
        assertEquals(Optional.of(Reason.NON_FINITE_LOSS),
                new DivergenceDetector().observe(Double.POSITIVE_INFINITY, 1));
        assertEquals(Optional.of(Reason.NON_FINITE_LOSS), new DivergenceDetector().observe(1, Double.NaN));
    }

    @Test
    void theGraceStepsDoNotSetTheBestAndAreTestedAgainstTheMedianLoss() {
        DivergenceDetector d = new DivergenceDetector(4, 2);
        assertEquals(Optional.empty(), d.observe(0.01, 0.01), "step 0: in the grace period");
        assertEquals(0.01, d.reference());
        assertEquals(Optional.empty(), d.observe(9, 9.0), "step 1: 900 x step 0, but below 4 x the median 4.505");
        assertEquals(4.505, d.reference(), 1e-15);
        assertTrue(d.inGracePeriod());
        assertEquals(Double.POSITIVE_INFINITY, d.bestSmoothedLoss(), "the grace steps set no best");
        assertEquals(Optional.empty(), d.observe(1, 1.0), "step 2 sets the best");
        assertEquals(Optional.empty(), d.observe(0.5, 0.5));
        assertEquals(Optional.empty(), d.observe(3, 2.0), "exactly 4 * best is not divergence");
        assertEquals(Optional.of(Reason.LOSS_EXPLODED), d.observe(3, 2.01));
        assertEquals(0.5, d.bestSmoothedLoss());
        assertEquals(6, d.steps());
        assertEquals(2, d.graceSteps());
        assertFalse(d.inGracePeriod());
        assertEquals(0.5, d.reference());
    }

    @Test
    void aNonFiniteLossStopsInsideTheGracePeriod() {
        DivergenceDetector d = new DivergenceDetector(4, 25);
        assertEquals(Optional.empty(), d.observe(1, 1));
        assertEquals(Optional.of(Reason.NON_FINITE_LOSS), d.observe(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
    }

    /**
     * Issue 10, item 9: a 30-step sweep with beta 0.98 whose first batch loss (0.01) is far below the others
     * (0.7 at steps 1 to 19), then a real explosion (10 from step 20 on). With {@code b = 0.98}, for
     * {@code 1 <= k <= 19} the bias-corrected average is
     * <pre>
     *   smoothed_k = (0.02 * b^k * 0.01 + 0.7 * (1 - b^k)) / (1 - b^(k+1))
     * </pre>
     * which rises from 0.01 at step 0 to 0.3585 (step 1), 0.5907 (step 5), 0.6197 (step 7), 0.6717 (step 19).
     * <ul>
     * <li>fastai's rule (best from step 0, no grace): 0.3585 &gt; 4 * 0.01 at step 1.</li>
     * <li>lrlab's rule before this change (best from step 0, ratio from the sixth step): 0.5907 &gt; 0.04 at
     * step 5.</li>
     * <li>The grace rule: {@code graceSteps(0.98, 30) = max(5, min(50, 30 / 4)) = 7}; in steps 1 to 6 the
     * smoothed loss stays below the median raw loss (0.355 at step 1, 0.7 from step 2 on); step 7 sets the best to
     * 0.6197 (limit 2.479) and the rising average of constant losses never lowers it. From step 20,
     * {@code avg_k = b * avg_(k-1) + 0.02 * 10}: smoothed 1.2113 (step 20), 1.7012, 2.1478 (step 22, 3.47 x the
     * best), 2.5565 (step 23, 4.13 x): the run stops at step 23, three steps into the explosion.</li>
     * </ul>
     */
    @Test
    void anUnusuallyLowFirstLossNoLongerStopsTheRunButARealExplosionStill() {
        double[] losses = new double[30];
        Arrays.fill(losses, 0.7);
        losses[0] = 0.01;
        Arrays.fill(losses, 20, 30, 10);
        double[] smoothed = LossSmoother.smooth(losses, 0.98);
        assertEquals(0.358485, smoothed[1], 1e-6);
        assertEquals(0.590729, smoothed[5], 1e-6);
        assertEquals(0.619724, smoothed[7], 1e-6);
        assertEquals(2.147766, smoothed[22], 1e-6);
        assertEquals(2.556503, smoothed[23], 1e-6);

        assertEquals(1, firstStop(new DivergenceDetector(4, 0), losses, smoothed), "fastai's rule");
        assertEquals(5, firstStopBestFromTheStart(losses, smoothed, 5), "lrlab's rule before the grace period");
        int grace = DivergenceDetector.graceSteps(0.98, 30);
        assertEquals(7, grace);
        DivergenceDetector detector = new DivergenceDetector(4, grace);
        assertEquals(23, firstStop(detector, losses, smoothed));
        assertEquals(smoothed[7], detector.bestSmoothedLoss());
    }

    /**
     * The other side of the grace period: a run that blows up at its second step (loss 400 after 10) and then
     * shows small losses (2: a huge update killed the ReLUs, as on the digits model at lr 1.2) is still
     * stopped early. With {@code b = 0.98}: smoothed_1 = (0.02 b 10 + 0.02 400) / (1 - b^2) = 8.196 / 0.0396
     * = 206.97, against 4 x the median (10 + 400) / 2 = 205: no stop; smoothed_2 = (b 8.196 + 0.02 6) / (1 - b^3)
     * = 8.15208 / 0.058808 = 138.62 against 4 x the median 10: stop at step 2. Leaving the grace steps out of
     * the best alone would never stop it (from step 7, at 50.66, the smoothed loss only falls as the spike
     * fades); lrlab's rule before the grace period stopped it at step 5.
     */
    @Test
    void aSpikeInsideTheGracePeriodStillStopsTheRun() {
        double[] losses = new double[30];
        Arrays.fill(losses, 2);
        losses[0] = 10;
        losses[1] = 400;
        losses[2] = 6;
        double[] smoothed = LossSmoother.smooth(losses, 0.98);
        assertEquals(206.9697, smoothed[1], 1e-4);
        assertEquals(138.6220, smoothed[2], 1e-4);
        DivergenceDetector detector = new DivergenceDetector(4, DivergenceDetector.graceSteps(0.98, 30));
        assertEquals(2, firstStop(detector, losses, smoothed));
        assertEquals(10, detector.reference());
        assertTrue(detector.inGracePeriod());
        assertEquals(-1, firstStopBestAfterGrace(losses, smoothed, 7), "the best from step 7 alone never stops it");
        assertEquals(5, firstStopBestFromTheStart(losses, smoothed, 5));
    }

    /** The best-loss rule with the grace steps only left out of the best (no median test). */
    private static int firstStopBestAfterGrace(double[] losses, double[] smoothed, int grace) {
        double best = Double.POSITIVE_INFINITY;
        for (int k = grace; k < losses.length; k++) {
            best = Math.min(best, smoothed[k]);
            if (smoothed[k] > 4 * best) {
                return k;
            }
        }
        return -1;
    }

    /** The 0-based step at which the detector first asks to stop, or -1. */
    private static int firstStop(DivergenceDetector detector, double[] losses, double[] smoothed) {
        for (int k = 0; k < losses.length; k++) {
            if (detector.observe(losses[k], smoothed[k]).isPresent()) {
                return k;
            }
        }
        return -1;
    }

    /** The ratio rule as lrlab had it before the grace period: best from step 0, tested after {@code minSteps}. */
    private static int firstStopBestFromTheStart(double[] losses, double[] smoothed, int minSteps) {
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < losses.length; k++) {
            best = Math.min(best, smoothed[k]);
            if (k + 1 > minSteps && smoothed[k] > 4 * best) {
                return k;
            }
        }
        return -1;
    }

    @Test
    void theGracePeriodIsTheSmoothingWindowCappedAtAQuarterOfTheSweep() {
        assertEquals(50, LossSmoother.window(0.98));
        assertEquals(10, LossSmoother.window(0.9));
        assertEquals(2, LossSmoother.window(0.5));
        assertEquals(1, LossSmoother.window(0));
        assertEquals(25, DivergenceDetector.graceSteps(0.98, 100), "min(50, 100 / 4)");
        assertEquals(7, DivergenceDetector.graceSteps(0.98, 30), "min(50, 30 / 4)");
        assertEquals(50, DivergenceDetector.graceSteps(0.98, 200));
        assertEquals(50, DivergenceDetector.graceSteps(0.98, 1000), "the window");
        assertEquals(10, DivergenceDetector.graceSteps(0.9, 100), "the window of beta 0.9");
        assertEquals(5, DivergenceDetector.graceSteps(0.98, 23), "the floor: 23 / 4 = 5");
        assertEquals(6, DivergenceDetector.graceSteps(0.98, 24));
        assertEquals(5, DivergenceDetector.graceSteps(0, 100), "the floor without smoothing");
        assertEquals(25, RangeTestConfig.builder().build().divergenceGrace());
        assertEquals(7, RangeTestConfig.builder().optSteps(30).build().divergenceGrace());
    }

    @Test
    void bestIsUpdatedBeforeTheTest() {
        DivergenceDetector d = new DivergenceDetector(2, 0);
        assertEquals(Optional.empty(), d.observe(10, 10));
        assertEquals(Optional.empty(), d.observe(1, 1));
        assertEquals(Optional.of(Reason.LOSS_EXPLODED), d.observe(3, 2.5));
    }

    @Test
    void noRatioTestForNonPositiveBest() {
        DivergenceDetector d = new DivergenceDetector(4, 0);
        assertEquals(Optional.empty(), d.observe(-1, -1));
        assertEquals(Optional.empty(), d.observe(100, 100));
        assertEquals(-1, d.bestSmoothedLoss());
    }

    @Test
    void defaultsAndValidation() {
        assertEquals(4, DivergenceDetector.DEFAULT_FACTOR);
        assertEquals(5, DivergenceDetector.DEFAULT_GRACE_STEPS);
        assertEquals(Double.POSITIVE_INFINITY, new DivergenceDetector().bestSmoothedLoss());
        assertEquals("expected a divergence factor greater than 1, found 1.0",
                assertThrows(IllegalArgumentException.class, () -> new DivergenceDetector(1, 5)).getMessage());
        assertEquals("expected graceSteps >= 0, found -1",
                assertThrows(IllegalArgumentException.class, () -> new DivergenceDetector(4, -1)).getMessage());
        assertEquals("the loss became NaN or infinite", Reason.NON_FINITE_LOSS.description());
    }
    @Test
    void aSearchTrialStopsWhenTheSmoothedLossPassesTheFactorTimesItsFirstLoss() {
        DivergenceDetector trial = DivergenceDetector.againstFirstLoss(3);
        assertEquals(Optional.empty(), trial.observe(2.0, 2.0)); // first loss 2: the reference is 6
        assertEquals(2.0, trial.reference());
        assertEquals(Optional.empty(), trial.observe(0.5, 1.0)); // a low loss does not move the reference
        assertEquals(Optional.empty(), trial.observe(9.0, 6.0)); // 6 is not above 3 x 2
        assertEquals(Optional.of(Reason.ABOVE_FIRST_LOSS), trial.observe(9.0, 6.01));
    }

    @Test
    void aSearchTrialWithANonPositiveFirstLossStopsOnlyWhenTheLossIsNotFinite() {
        DivergenceDetector trial = DivergenceDetector.againstFirstLoss(4);
        assertEquals(Optional.empty(), trial.observe(-1.0, -1.0));
        assertEquals(Optional.empty(), trial.observe(1e6, 1e6));
        assertEquals(Optional.of(Reason.NON_FINITE_LOSS), trial.observe(Double.POSITIVE_INFINITY, 1e6));
    }

    @Test
    void aTrainingRunStopsOnlyWhenTheLossIsNotFinite() {
        DivergenceDetector training = DivergenceDetector.nonFiniteOnly();
        assertEquals(Optional.empty(), training.observe(0.1, 0.1));
        assertEquals(Optional.empty(), training.observe(1e30, 1e30)); // a schedule may raise the loss on purpose
        assertEquals(Optional.of(Reason.NON_FINITE_LOSS), training.observe(Double.NaN, 1e30));
        assertTrue(Double.isNaN(training.reference()));
    }

    @Test
    void theSearchFactorIsCheckedAsTheRangeTestOne() {
        assertEquals("expected a divergence factor greater than 1, found 1.0",
                assertThrows(IllegalArgumentException.class, () -> DivergenceDetector.againstFirstLoss(1)).getMessage());
    }
}
