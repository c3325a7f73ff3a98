package dev.lrlab.rangetest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class RangeTestConfigTest {
    @Test
    void toBuilderKeepsEveryValueAndNullModeIsRefused() {
        RangeTestConfig config = RangeTestConfig.builder().optStartLr(0).optEndLr(2).optSteps(20)
                .optMode(RangeTestConfig.Mode.LINEAR).optSmoothing(0.5).optDivergeFactor(3).optStopOnDivergence(false)
                .optValidateEvery(4).optMomentum(0.7).build();
        org.junit.jupiter.api.Assertions.assertEquals(config, config.toBuilder().build());
        org.junit.jupiter.api.Assertions.assertEquals("mode", org.junit.jupiter.api.Assertions.assertThrows(
                NullPointerException.class, () -> RangeTestConfig.builder().optMode(null)).getMessage());
    }

    @Test
    void defaultsAreFastaisSweep() {
        RangeTestConfig config = RangeTestConfig.builder().build();
        assertEquals(1e-7, config.startLr());
        assertEquals(10, config.endLr());
        assertEquals(100, config.steps());
        assertEquals(RangeTestConfig.Mode.EXP, config.mode());
        assertEquals(0.98, config.smoothing());
        assertEquals(4, config.divergeFactor());
        assertTrue(config.stopOnDivergence());
        assertFalse(config.validates());
        assertEquals(0.9, config.momentum());
    }

    @Test
    void expModeMultipliesByTheSameFactorEveryStep() {
        // start 1, end 2^9 over 10 steps: the rate of step k is 2^k.
        RangeTestConfig config = RangeTestConfig.builder().optStartLr(1).optEndLr(512).optSteps(10).build();
        for (int k = 0; k < 10; k++) {
            assertEquals(Math.pow(2, k), config.learningRate(k), Math.pow(2, k) * 1e-12, "step " + k);
        }
        RangeTestConfig fastai = RangeTestConfig.builder().optStartLr(1e-7).optEndLr(10).optSteps(100).build();
        assertEquals(1e-7 * Math.pow(1e8, 50.0 / 99), fastai.learningRate(50), 1e-18);
        assertEquals(10, fastai.learningRate(99));
    }

    @Test
    void linearModeAddsTheSameAmountEveryStep() {
        RangeTestConfig config = RangeTestConfig.builder().optMode(RangeTestConfig.Mode.LINEAR).optStartLr(0).optEndLr(0.9)
                .optSteps(10).build();
        for (int k = 0; k < 10; k++) {
            assertEquals(0.1 * k, config.learningRate(k), 1e-15, "step " + k);
        }
        RangeTestConfig shifted = RangeTestConfig.builder().optMode(RangeTestConfig.Mode.LINEAR).optStartLr(1).optEndLr(12)
                .optSteps(12).build();
        assertEquals(6, shifted.learningRate(5), 1e-12);
    }

    @Test
    void stepsOutsideTheSweepAreRefused() {
        RangeTestConfig config = RangeTestConfig.builder().optSteps(10).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config.learningRate(10));
        assertEquals("expected a step in [0, 10), found 10", e.getMessage());
    }

    @Test
    void startAtOrAboveEndIsAnError() {
        assertUsage("expected `startLr` below `endLr`, found `startLr` 1.0 >= `endLr` 0.1; swap them",
                () -> RangeTestConfig.builder().optStartLr(1).optEndLr(0.1).build());
        assertUsage("expected `startLr` below `endLr`, found `startLr` 0.5 >= `endLr` 0.5; swap them",
                () -> RangeTestConfig.builder().optStartLr(0.5).optEndLr(0.5).build());
    }

    @Test
    void nonPositiveRatesAreAnErrorInExpModeOnly() {
        assertUsage("exp mode needs positive rates, found `startLr` 0.0; give a positive `startLr` or use `mode` linear",
                () -> RangeTestConfig.builder().optStartLr(0).build());
        assertUsage("exp mode needs positive rates, found `startLr` -1.0; give a positive `startLr` or use `mode` linear",
                () -> RangeTestConfig.builder().optStartLr(-1).build());
        assertEquals(0, RangeTestConfig.builder().optMode(RangeTestConfig.Mode.LINEAR).optStartLr(0).build().learningRate(0));
        assertUsage("expected `startLr` >= 0, found -0.1",
                () -> RangeTestConfig.builder().optMode(RangeTestConfig.Mode.LINEAR).optStartLr(-0.1).build());
    }

    @Test
    void fewerThanTenStepsIsAnError() {
        assertUsage("expected at least 10 `steps` for a range test, found 9; 100 is usual",
                () -> RangeTestConfig.builder().optSteps(9).build());
        assertEquals(10, RangeTestConfig.builder().optSteps(10).build().steps());
        assertUsage("expected at most 10000 `steps` for a range test, found 10001; 100 to 1000 is usual",
                () -> RangeTestConfig.builder().optSteps(10_001).build());
    }

    @Test
    void otherSettingsAreChecked() {
        assertUsage("expected `smoothing` in [0, 1), found 1.0", () -> RangeTestConfig.builder().optSmoothing(1).build());
        assertUsage("expected `divergeFactor` above 1, found 1.0", () -> RangeTestConfig.builder().optDivergeFactor(1).build());
        assertUsage("expected `validateEvery` of at least 1, found -2", () -> RangeTestConfig.builder().optValidateEvery(-2).build());
        assertUsage("expected `momentum` in [0, 1), found 1.5", () -> RangeTestConfig.builder().optMomentum(1.5).build());
        assertUsage("expected finite learning rates, found `startLr` 1.0E-7 and `endLr` Infinity",
                () -> RangeTestConfig.builder().optEndLr(Double.POSITIVE_INFINITY).build());
    }

    @Test
    void modesHaveCommandLineNames() {
        assertEquals(RangeTestConfig.Mode.LINEAR, RangeTestConfig.Mode.fromCliName("linear"));
        assertEquals("exp", RangeTestConfig.Mode.EXP.cliName());
        assertUsage("`mode` expects exp or linear, found 'log'", () -> RangeTestConfig.Mode.fromCliName("log"));
    }

    private static void assertUsage(String message, Executable action) {
        LrlabException e = assertThrows(LrlabException.class, action);
        assertEquals(LrlabException.Kind.SETTING, e.kind());
        assertEquals(message, e.getMessage());
    }
}
