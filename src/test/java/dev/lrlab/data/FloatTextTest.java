package dev.lrlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FloatTextTest {
    /** The bits FloatText gives, or null for text it refuses. */
    private static Float parse(String text) {
        byte[] bytes = ("xx" + text + "yy").getBytes(StandardCharsets.UTF_8);
        long bits = FloatText.parse(bytes, 2, bytes.length - 2);
        return bits == FloatText.NOT_A_NUMBER ? null : Float.intBitsToFloat((int) bits);
    }

    private static void assertExact(String text) {
        Float expected;
        try {
            expected = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            expected = null;
        }
        Float found = parse(text);
        assertEquals(expected == null ? null : Float.floatToRawIntBits(expected),
                found == null ? null : Float.floatToRawIntBits(found), text);
    }

    @Test
    void hostileTextGivesExactlyWhatFloatParseFloatGives() {
        List<String> cases = List.of("0", "-0", "+0", "-0.0", "0e0", "-0e-5", "1", "255", "0.1", "0.2", "0.3",
                "3.4028235e38", "3.4028236e38", "3.40282357e38", "-3.4028235e38", "1e39", "1e-46", "1e-45", "1.4e-45",
                "7e-46", "7.006492321624085e-46", "1.1754942e-38", "1.17549435e-38", "1e22", "1e23", "1e-22", "1e-23",
                "9007199254740993", "9007199254740992e-22", "16777216", "16777217", "16777218", "16777219",
                "33554433", "1.00000005960464477539062500", "1.0000000596046448", "1.0000000596046447",
                "1.00000017881393432617187499", "1.000000178813934326171875", "0.000000059604644775390625",
                "123456789012345678901234567890", "0.1234567890123456789012345", "1234567890123456789", "12345678901234567890",
                "1E5", "1e+5", "1e-5", ".5", "5.", "-.5e1", "1e", "e5", ".", "-", "+", "", " 1", "1 ", "1f", "1d", "0x1p3",
                "NaN", "Infinity", "-Infinity", "1,5", "1e0000000000000000001", "1e-99999999999", "00000000000000000000001.5",
                "0.00392157", "0.996078", "1.5e-7", "4.9e-324", "2.5e-8");
        cases.forEach(FloatTextTest::assertExact);
    }

    /**
     * Decimals whose nearest double lies exactly halfway between two floats, while the decimal does not: reading
     * them through a double and rounding that to float ("double rounding") gives the wrong neighbour.
     */
    @Test
    void decimalsNextToAFloatMidpointAreNotRoundedTwice() {
        Random random = new Random(5);
        int checked = 0;
        for (int i = 0; i < 2000; i++) {
            float f = Float.intBitsToFloat(0x3f800000 + random.nextInt(1 << 23)); // in [1, 2)
            BigDecimal mid = new BigDecimal(f).add(new BigDecimal(Math.nextUp(f))).divide(BigDecimal.valueOf(2));
            for (String offset : List.of("1e-17", "-1e-17", "3e-17", "-3e-17", "0")) {
                String text = mid.add(new BigDecimal(offset)).round(new java.math.MathContext(17)).toPlainString();
                assertExact(text);
                checked++;
            }
        }
        assertEquals(10_000, checked);
    }

    @Test
    void randomFloatsAndDoublesInEveryNotationAreExact() {
        Random random = new Random(11);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (!Float.isFinite(f)) {
                continue;
            }
            texts.add(Float.toString(f));
            double d = random.nextGaussian() * Math.pow(10, random.nextInt(30) - 15);
            texts.add(Double.toString(d));
            texts.add(String.format(Locale.ROOT, "%.6e", d));
            texts.add(String.format(Locale.ROOT, "%." + random.nextInt(12) + "f", d));
            texts.add(Integer.toString(random.nextInt(256)));
            texts.add(String.format(Locale.ROOT, "%.6g", random.nextInt(256) / 255.0));
        }
        texts.forEach(FloatTextTest::assertExact);
    }
}
