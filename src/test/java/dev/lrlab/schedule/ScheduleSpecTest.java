package dev.lrlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleSpecTest {

    private static String error(String spec, long totalSteps) {
        return assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.parse(spec, totalSteps)).getMessage();
    }

    @Test
    void parsesEachScheduleIntoItsClass() {
        assertEquals(new ConstantSchedule(0.01), ScheduleSpec.parse("constant:lr=0.01", 1000));
        assertEquals(new StepDecaySchedule(0.1, 0.5, 100), ScheduleSpec.parse("step:lr=0.1,gamma=0.5,every=100", 1000));
        assertEquals(new ExponentialDecaySchedule(0.1, 0.96, 100, false),
                ScheduleSpec.parse("exp:lr=0.1,rate=0.96,every=100", 1000));
        assertEquals(new ExponentialDecaySchedule(0.1, 0.96, 100, true),
                ScheduleSpec.parse("exp:lr=0.1,rate=0.96,every=100,staircase=true", 1000));
        assertEquals(CyclicalSchedule.triangular(1e-3, 6e-3, 2000),
                ScheduleSpec.parse("triangular:base=1e-3,max=6e-3,step=2000", 1000));
        assertEquals(CyclicalSchedule.triangular2(1e-3, 6e-3, 2000),
                ScheduleSpec.parse("triangular2:base=1e-3,max=6e-3,step=2000", 1000));
        assertEquals(CyclicalSchedule.expRange(1e-3, 6e-3, 2000, 0.99994),
                ScheduleSpec.parse("exp_range:base=1e-3,max=6e-3,step=2000,gamma=0.99994", 1000));
    }

    @Test
    void cosineTakesItsPeriodFromTheTotalOrFromSteps() {
        assertEquals(new CosineAnnealingSchedule(0.1, 0.0, 1000), ScheduleSpec.parse("cosine:max=0.1", 1000));
        assertEquals(new CosineAnnealingSchedule(0.1, 0.001, 300),
                ScheduleSpec.parse("cosine:max=0.1,min=0.001,steps=300", 1000));
        assertEquals(new CosineWarmRestartsSchedule(0.1, 0.0, 10, 2),
                ScheduleSpec.parse("cosine:max=0.1,min=0,restart=10,mult=2", 1000));
        assertEquals(new CosineWarmRestartsSchedule(0.1, 0.0, 10, 1), ScheduleSpec.parse("cosine:max=0.1,restart=10", 0));
    }

    @Test
    void cyclicWithAsymmetricStepsModeAndMomentum() {
        var expected = CyclicalSchedule.builder().setBaseRate(1e-3).setMaxRate(6e-3).setStepSizeUp(100)
                .optStepSizeDown(300).optMode(CyclicalSchedule.Mode.TRIANGULAR2)
                .optMomentum(MomentumRange.CYCLIC_DEFAULT).build();
        assertEquals(expected, ScheduleSpec.parse(
                "cyclic:base=1e-3,max=6e-3,up=100,down=300,mode=triangular2,momentum=0.8-0.9", 0));
        assertEquals(CyclicalSchedule.triangular(1e-3, 6e-3, 100), ScheduleSpec.parse("cyclic:base=1e-3,max=6e-3,up=100", 0));
    }

    @Test
    void oneCycleTakesTotalStepsAndPyTorchDefaults() {
        var s = assertInstanceOf(OneCycleSchedule.class, ScheduleSpec.parse("onecycle:max=0.1", 100));
        assertEquals(OneCycleSchedule.builder().setMaxRate(0.1).setTotalSteps(100).build(), s);
        assertEquals(0.004, s.learningRate(0), 1e-15);
        assertEquals(0.1, s.learningRate(29), 1e-15);
        assertEquals(0.95, s.momentum(0).getAsDouble(), 1e-15);
        var custom = ScheduleSpec.parse("onecycle:max=0.1,steps=200,pct=0.25,div=10,final_div=100,anneal=linear,"
                + "three_phase=true,momentum=none", 100);
        assertEquals(OneCycleSchedule.builder().setMaxRate(0.1).setTotalSteps(200).optPctStart(0.25).optDivFactor(10)
                .optFinalDivFactor(100).optAnneal(OneCycleSchedule.Anneal.LINEAR).optThreePhase(true)
                .optCycleMomentum(false).build(), custom);
        assertTrue(custom.momentum(5).isEmpty());
    }

    @Test
    void warmUpPrefixShiftsTheInnerScheduleAndShortensItsTotal() {
        var s = ScheduleSpec.parse("warmup=500+cosine:max=0.1", 10_500);
        assertEquals(new WarmUpSchedule(new CosineAnnealingSchedule(0.1, 0.0, 10_000), 500), s);
        assertEquals(0.0, s.learningRate(0), 0.0);
        assertEquals(0.05, s.learningRate(250), 1e-15);
        assertEquals(0.1, s.learningRate(500), 1e-15);
        assertEquals(0.05, s.learningRate(5500), 1e-15);
        assertEquals(0.0, s.learningRate(10_500), 1e-15);
        assertEquals(new WarmUpSchedule(new ConstantSchedule(0.1), 10, 1e-3),
                ScheduleSpec.parse("warmup=10,start=1e-3+constant:lr=0.1", 0));
    }

    @Test
    void warmUpStartMayUseAnExponentWithPlusSign() {
        assertEquals(new WarmUpSchedule(new ConstantSchedule(0.1), 1000, 0.0),
                ScheduleSpec.parse("warmup=1e+3+constant:lr=0.1", 0));
    }

    @Test
    void defaultsFillBaseAndMaxFromARangeTest() {
        Map<String, Double> fromRangeTest = Map.of("base", 1e-4, "max", 1e-2);
        assertEquals(CyclicalSchedule.triangular(1e-4, 1e-2, 2000),
                ScheduleSpec.parse("triangular:step=2000", 0, fromRangeTest));
        assertEquals(CyclicalSchedule.triangular(1e-3, 1e-2, 2000),
                ScheduleSpec.parse("triangular:base=1e-3,step=2000", 0, fromRangeTest));
        assertEquals(OneCycleSchedule.builder().setMaxRate(1e-2).setTotalSteps(100).build(),
                ScheduleSpec.parse("onecycle", 100, fromRangeTest));
        assertEquals(new WarmUpSchedule(new CosineAnnealingSchedule(1e-2, 0.0, 90), 10),
                ScheduleSpec.parse("warmup=10+cosine", 100, fromRangeTest));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "constant:lr=0.01",
        "step:lr=0.1,gamma=0.5,every=100",
        "exp:lr=0.1,rate=0.96,every=100,staircase=true",
        "cosine:max=0.1,min=1e-4",
        "cosine:max=0.1,restart=50,mult=3",
        "triangular:base=1e-3,max=6e-3,step=2000",
        "triangular2:base=1e-3,max=6e-3,step=2000,momentum=0.8-0.9",
        "exp_range:base=1e-3,max=6e-3,step=2000,gamma=0.99994",
        "cyclic:base=1e-3,max=6e-3,up=100,down=300,mode=exp_range,gamma=0.999,momentum=1e-4-0.9",
        "onecycle:max=0.1",
        "onecycle:max=0.1,pct=0.25,anneal=linear,three_phase=true,momentum=none",
        "warmup=500+cosine:max=0.1",
        "warmup=50,start=1e-5+onecycle:max=0.1,final_div=100",
    })
    void describeRoundTripsWithoutATotal(String spec) {
        var parsed = ScheduleSpec.parse(spec, 10_000);
        var reparsed = ScheduleSpec.parse(parsed.describe(), 0);
        assertEquals(parsed, reparsed);
        assertEquals(parsed.describe(), reparsed.describe());
        for (long step : new long[] {0, 1, 499, 500, 2000, 5000, 9999}) {
            assertEquals(parsed.learningRate(step), reparsed.learningRate(step), 0.0);
            assertEquals(parsed.momentum(step), reparsed.momentum(step));
        }
    }

    @Test
    void namesAreCaseInsensitiveAndSpacesAreTrimmed() {
        assertEquals(new ConstantSchedule(0.01), ScheduleSpec.parse("  Constant : LR = 0.01 ", 0));
    }

    @Test
    void unknownScheduleListsTheKnownOnes() {
        assertEquals("unknown schedule 'linear'; expected one of constant, step, exp, cosine, triangular, triangular2,"
                + " exp_range, cyclic, onecycle (optionally after warmup=N+)", error("linear:lr=1", 100));
    }

    @Test
    void emptySpecIsRejected() {
        assertEquals("expected a schedule spec such as 'cosine:max=0.1', found nothing", error("  ", 100));
        assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.parse(null, 100));
    }

    @Test
    void unknownKeyListsTheAcceptedKeys() {
        assertEquals("cosine: unknown key 'lr'; accepted keys: max, min, steps, restart, mult",
                error("cosine:lr=0.1", 100));
        assertEquals("onecycle: unknown key 'cycle'; accepted keys: max, steps, pct, div, final_div, anneal,"
                + " three_phase, momentum", error("onecycle:max=0.1,cycle=2", 100));
    }

    @Test
    void missingRequiredKey() {
        assertEquals("triangular: missing required key 'step' (expected e.g. step=2000)",
                error("triangular:base=1e-3,max=6e-3", 100));
        assertEquals("exp_range: missing required key 'gamma' (expected e.g. gamma=0.99994)",
                error("exp_range:base=1e-3,max=6e-3,step=10", 100));
        assertEquals("constant: missing required key 'lr' (expected e.g. lr=0.01)", error("constant", 100));
    }

    @Test
    void badNumber() {
        assertEquals("step: key 'gamma' expected a number, found 'half'", error("step:lr=0.1,gamma=half,every=10", 100));
    }

    @Test
    void baseNotBelowMax() {
        assertEquals("triangular: expected base < max, found base=0.01, max=0.001",
                error("triangular:base=1e-2,max=1e-3,step=10", 100));
        assertEquals("cyclic: expected base < max, found base=0.01, max=0.01", error("cyclic:base=0.01,max=0.01,up=5", 100));
    }

    @Test
    void nonPositiveStepSize() {
        assertEquals("triangular: key 'step' expected a positive whole number, found '0'",
                error("triangular:base=1e-3,max=6e-3,step=0", 100));
        assertEquals("cyclic: key 'down' expected a positive whole number, found '-5'",
                error("cyclic:base=1e-3,max=6e-3,up=5,down=-5", 100));
        assertEquals("step: key 'every' expected a positive whole number, found '0'",
                error("step:lr=0.1,gamma=0.5,every=0", 100));
    }

    @Test
    void totalStepsNeededWhenNotGiven() {
        assertEquals("cosine: missing key 'steps' and no total step count is known; expected steps=N such as"
                + " steps=1000", error("cosine:max=0.1", 0));
        assertEquals("onecycle: missing key 'steps' and no total step count is known; expected steps=N such as"
                + " steps=1000", error("onecycle:max=0.1", -1));
    }

    @Test
    void cosineConflictsAndGammaMisuse() {
        assertEquals("cosine: expected either steps=N (one annealing) or restart=N (warm restarts), found both",
                error("cosine:max=0.1,steps=10,restart=5", 100));
        assertEquals("cosine: key 'mult' expected together with restart=N, found it alone",
                error("cosine:max=0.1,mult=2", 100));
        assertEquals("triangular: key 'gamma' expected only with exp_range, found gamma=0.9",
                error("triangular:base=1e-3,max=6e-3,step=10,gamma=0.9", 100));
        assertEquals("cyclic: expected gamma only with mode exp_range, found gamma=0.9 with mode triangular",
                error("cyclic:base=1e-3,max=6e-3,up=10,gamma=0.9", 100));
    }

    @Test
    void choicesAndBooleans() {
        assertEquals("cyclic: key 'mode' expected one of triangular, triangular2, exp_range, found 'sine'",
                error("cyclic:base=1e-3,max=6e-3,up=10,mode=sine", 100));
        assertEquals("onecycle: key 'anneal' expected one of cos, linear, found 'exp'",
                error("onecycle:max=0.1,anneal=exp", 100));
        assertEquals("onecycle: key 'three_phase' expected true or false, found '1'",
                error("onecycle:max=0.1,three_phase=1", 100));
        assertEquals("onecycle: expected pct in (0, 1], found 0", error("onecycle:max=0.1,pct=0", 100));
    }

    @Test
    void warmUpErrors() {
        assertEquals("warmup: expected 'warmup=N+<schedule>' such as 'warmup=500+cosine:max=0.1', found 'warmup=500'",
                error("warmup=500", 1000));
        assertEquals("warmup: expected fewer warm-up steps than the 1000 total steps, found warmup=1000",
                error("warmup=1000+cosine:max=0.1", 1000));
        assertEquals("warmup: expected one warm-up prefix, found two in 'warmup=5+warmup=5+constant:lr=1'",
                error("warmup=5+warmup=5+constant:lr=1", 1000));
        assertEquals("warmup: unknown key 'from'; accepted keys: warmup, start", error("warmup=5,from=1+constant:lr=1", 1000));
        assertEquals("warmup: key 'warmup' expected a positive whole number, found '0'", error("warmup=0+constant:lr=1", 0));
        assertEquals("warmup: expected start >= 0, found -1", error("warmup=5,start=-1+constant:lr=1", 0));
    }
}
