package dev.lrlab.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrlab.LrlabException;
import dev.lrlab.schedule.LearningRateSchedule;
import org.junit.jupiter.api.Test;

/** Each policy's schedule from a chosen rate, and the comparison's scaling of every rate in it. */
class FitPolicyTest {
    private static final RateChoice VALLEY = RateChoice.builder().setMethod("valley").setLr(0.02)
            .setReason("test").build();
    private static final RateChoice CYCLIC = RateChoice.builder().setMethod("cyclic").setLr(0.02)
            .optBaseLr(0.005).setReason("test").build();

    @Test
    void oneCycleRisesFromMaxOver25ToTheChosenMaxAt30PercentAndEndsAtMaxOver25e4() {
        LearningRateSchedule s = FitPolicy.ONECYCLE.schedule(VALLEY, 100, 1);
        assertEquals(0.02 / 25, s.learningRate(0), 1e-15);
        assertEquals(0.02, s.learningRate(29), 1e-6); // PyTorch: the peak at step pct*total - 1
        assertEquals(0.02 / 25 / 1e4, s.learningRate(99), 1e-12);
        assertEquals(0.95, s.momentum(0).getAsDouble(), 1e-12);
    }

    @Test
    void cyclicGoesFromBaseToMaxInHalfTheRunAndBack() {
        LearningRateSchedule s = FitPolicy.CYCLIC.schedule(CYCLIC, 100, 1);
        assertEquals(0.005, s.learningRate(0), 1e-15);
        assertEquals(0.02, s.learningRate(50), 1e-15);
        assertEquals(0.005 + 0.015 * 0.5, s.learningRate(75), 1e-15);
    }

    @Test
    void cosineConstantAndHdStartAtTheChosenRate() {
        assertEquals(0.02, FitPolicy.COSINE.schedule(VALLEY, 100, 1).learningRate(0), 1e-15);
        assertEquals(0.01, FitPolicy.COSINE.schedule(VALLEY, 100, 1).learningRate(50), 1e-15);
        assertEquals(0.02, FitPolicy.CONSTANT.schedule(VALLEY, 100, 1).learningRate(77), 1e-15);
        assertEquals(0.02, FitPolicy.HD.schedule(VALLEY, 100, 1).learningRate(0), 1e-15);
    }

    @Test
    void aComparisonScalesEveryRateOfTheSchedule() {
        LearningRateSchedule tenth = FitPolicy.CYCLIC.schedule(CYCLIC, 100, 0.1);
        assertEquals(0.0005, tenth.learningRate(0), 1e-15);
        assertEquals(0.002, tenth.learningRate(50), 1e-15);
        assertEquals(0.2, FitPolicy.ONECYCLE.schedule(VALLEY, 100, 10).learningRate(29), 1e-5);
    }

    @Test
    void policiesAreNamedAsOnTheCommandLine() {
        assertEquals(FitPolicy.HD, FitPolicy.fromCliName(" HD "));
        LrlabException e = assertThrows(LrlabException.class, () -> FitPolicy.fromCliName("fast"));
        assertEquals(LrlabException.Kind.SETTING, e.kind());
        assertEquals("unknown `policy` 'fast'; use one of: onecycle, cyclic, cosine, constant, hd", e.getMessage());
    }
}
