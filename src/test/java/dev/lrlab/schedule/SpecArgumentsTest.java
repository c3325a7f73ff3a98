package dev.lrlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecArgumentsTest {

    private static final List<String> KEYS = List.of("base", "max", "step", "flag", "mode", "momentum");

    private static SpecArguments parse(String text) {
        return SpecArguments.parse("demo", text, KEYS, Map.of());
    }

    private static String error(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void readsTypedValues() {
        var a = parse(" base=1e-3 , max=6E-3,step=2e3,flag=TRUE,mode=Exp_Range,momentum=0.8-0.9");
        assertEquals(1e-3, a.requireDouble("base", "base=1"));
        assertEquals(6e-3, a.optDouble("max", 0));
        assertEquals(2000L, a.requirePositiveLong("step", "step=1"));
        assertTrue(a.optBoolean("flag", false));
        assertEquals("exp_range", a.optChoice("mode", "triangular", List.of("triangular", "exp_range")));
        assertEquals(new MomentumRange(0.8, 0.9), a.optMomentum("momentum", null));
    }

    @Test
    void absentKeysTakeTheFallback() {
        var a = parse("");
        assertFalse(a.has("max"));
        assertEquals(0.5, a.optDouble("max", 0.5));
        assertEquals(7L, a.optPositiveLong("step", 7));
        assertFalse(a.optBoolean("flag", false));
        assertEquals("triangular", a.optChoice("mode", "triangular", List.of("triangular")));
        assertEquals(MomentumRange.CYCLIC_DEFAULT, a.optMomentum("momentum", MomentumRange.CYCLIC_DEFAULT));
    }

    @Test
    void momentumRangesWithExponentsAndNone() {
        assertEquals(new MomentumRange(1e-4, 0.9), parse("momentum=1e-4-0.9").optMomentum("momentum", null));
        assertEquals(new MomentumRange(0.5, 0.9), parse("momentum=5E-1-9e-1").optMomentum("momentum", null));
        assertNull(parse("momentum=none").optMomentum("momentum", MomentumRange.CYCLIC_DEFAULT));
    }

    @Test
    void defaultsFillOnlyMissingAcceptedKeys() {
        var a = SpecArguments.parse("demo", "max=0.5", KEYS, Map.of("base", 0.01, "max", 0.9, "other", 3.0));
        assertEquals(0.01, a.requireDouble("base", "base=1"));
        assertEquals(0.5, a.requireDouble("max", "max=1"));
        assertFalse(a.has("other"));
    }

    @Test
    void errorsNameTheKeyAndTheExpectedForm() {
        assertEquals("demo: unknown key 'foo'; accepted keys: base, max, step, flag, mode, momentum",
                error(() -> parse("foo=1")));
        assertEquals("demo: expected key=value, found 'base'", error(() -> parse("base")));
        assertEquals("demo: key 'base' expected a value, found nothing", error(() -> parse("base=")));
        assertEquals("demo: key 'base' given twice", error(() -> parse("base=1,base=2")));
        assertEquals("demo: missing required key 'base' (expected e.g. base=1e-3)",
                error(() -> parse("").requireDouble("base", "base=1e-3")));
        assertEquals("demo: key 'max' expected a number, found 'abc'",
                error(() -> parse("max=abc").requireDouble("max", "max=1")));
        assertEquals("demo: key 'max' expected a finite number, found 'NaN'",
                error(() -> parse("max=NaN").requireDouble("max", "max=1")));
        assertEquals("demo: key 'step' expected a positive whole number, found '0'",
                error(() -> parse("step=0").requirePositiveLong("step", "step=1")));
        assertEquals("demo: key 'step' expected a positive whole number, found '2.5'",
                error(() -> parse("step=2.5").requirePositiveLong("step", "step=1")));
        assertEquals("demo: key 'flag' expected true or false, found 'yes'",
                error(() -> parse("flag=yes").optBoolean("flag", false)));
        assertEquals("demo: key 'mode' expected one of a, b, found 'c'",
                error(() -> parse("mode=c").optChoice("mode", "a", List.of("a", "b"))));
        assertEquals("demo: key 'momentum' expected base-max such as 0.85-0.95, or none, found '0.9'",
                error(() -> parse("momentum=0.9").optMomentum("momentum", null)));
        assertEquals("demo: key 'momentum' expected momentum range 0 <= base <= max <= 1, found 0.95-0.85",
                error(() -> parse("momentum=0.95-0.85").optMomentum("momentum", null)));
    }
}
