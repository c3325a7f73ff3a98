package dev.lrlab.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrlab.LrlabException;
import dev.lrlab.rangetest.RangeTestConfig;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The defaults and refusals of {@link FitConfig}, and the rates a given {@code lr} makes. */
class FitConfigTest {
    @Test
    void defaultsAreOneCycleFromARangeTestForFiveEpochs() {
        FitConfig config = FitConfig.builder().build();
        assertEquals(FitPolicy.ONECYCLE, config.policy());
        assertEquals(OptionalDouble.empty(), config.lr());
        assertEquals(5 * 45, config.trainingSteps(45));
        assertEquals(300, FitConfig.builder().optSteps(300).build().trainingSteps(45));
    }

    @Test
    void badSettingsNameTheirProperty() {
        assertEquals("`epochs` must be at least 1, found 0", refused(() -> FitConfig.builder().optEpochs(0).build()));
        assertEquals("`lr` must be a positive number, found -0.1", refused(() -> FitConfig.builder().optLr(-0.1).build()));
        assertEquals("`steps` must be at least 1, found 0", refused(() -> FitConfig.builder().optSteps(0)));
        assertEquals("a given `lr` runs no range test, so its sweep settings would be ignored; give one or the other",
                refused(() -> FitConfig.builder().optLr(0.1).optRangeTest(RangeTestConfig.builder().build()).build()));
    }

    @Test
    void aGivenRateIsTheCyclesMaxWithBaseAQuarterOfIt() {
        RateChoice cyclic = RateChoice.given(FitPolicy.CYCLIC, 0.04);
        assertEquals(RateChoice.GIVEN, cyclic.method());
        assertEquals(0.01, cyclic.baseLr().getAsDouble(), 1e-15);
        assertEquals("the given rate 4e-2 as the cycle's max, base = max/4 (no range test)", cyclic.reason());
        assertEquals(OptionalDouble.empty(), RateChoice.given(FitPolicy.ONECYCLE, 0.04).baseLr());
    }

    @Test
    void curveFilesAreNamedByFactor() {
        assertEquals("curve.csv", FitOutputs.curveName(1));
        assertEquals("curve-lr-x0.1.csv", FitOutputs.curveName(0.1));
        assertEquals("curve-lr-x10.csv", FitOutputs.curveName(10));
    }

    private static String refused(Runnable build) {
        LrlabException e = assertThrows(LrlabException.class, build::run);
        assertEquals(LrlabException.Kind.SETTING, e.kind());
        return e.getMessage();
    }

    @Test
    void aRateChoiceNeedsItsMethodAndReasonAndAPositiveRate() {
        RateChoice made = RateChoice.builder().setMethod("valley").setLr(0.02).setReason("test").build();
        assertEquals(OptionalDouble.empty(), made.baseLr());
        assertEquals(made, RateChoice.builder().setMethod("valley").setLr(0.02).setReason("test").build());
        assertEquals("`lr` must be a positive number, found 0.0",
                refused(() -> RateChoice.builder().setMethod("valley").setLr(0).setReason("test").build()));
        assertEquals("a rate choice needs its method and reason (setMethod, setReason)", assertThrows(
                IllegalStateException.class, () -> RateChoice.builder().setLr(0.02).build()).getMessage());
    }
}
