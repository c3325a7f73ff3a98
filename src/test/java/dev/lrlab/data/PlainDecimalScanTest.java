package dev.lrlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The CSV tokenizer reads plain decimals while it finds a cell's end ({@code Tokenizer.plainDecimal}); whatever it
 * reads must be exactly {@link Float#parseFloat} of the cell, and what it leaves goes to {@link FloatText}.
 */
class PlainDecimalScanTest {
    /** Tokenizes {@code text,1\n} and checks the first cell's number against Float.parseFloat. */
    private static boolean assertExact(String text) {
        byte[] bytes = (text + ",1\n").getBytes(StandardCharsets.UTF_8);
        CsvFloatReader.Tokenizer tokenizer = new CsvFloatReader.Tokenizer(Integer.MAX_VALUE);
        tokenizer.reset(1);
        assertEquals(bytes.length, tokenizer.record(bytes, 0, bytes.length, true), text);
        assertEquals(2, tokenizer.count, text);
        Integer expected;
        try {
            expected = Float.floatToRawIntBits(Float.parseFloat(text));
        } catch (NumberFormatException e) {
            expected = null;
        }
        long bits = tokenizer.number(0);
        assertEquals(expected, bits == FloatText.NOT_A_NUMBER ? null : (int) bits, text);
        return tokenizer.bits[0] != CsvFloatReader.Tokenizer.UNREAD;
    }

    @Test
    void edgeCellsAreReadExactlyOrLeftToTheFullParser() {
        List<String> read = List.of("0", "-0", "-0.0", "1", "255", "0.1", "0.00392157", "0.996078", ".5", "5.", "-.5",
                "16777217", "16777219", "123456789012345678", "9007199254740993", "3.4028235", "999999999999999999");
        for (String text : read) {
            assertTrue(assertExact(text), text + " is read during the scan");
        }
        List<String> left = List.of("+1", "1e5", " 1", "1 ", "1f", "NaN", "Infinity", "-", ".", "", "1234567890123456789",
                "0x1p3", "1.5e-7", "abc", "0.000000059604644775390625");
        for (String text : left) {
            assertExact(text);
        }
        assertEquals(false, assertExact("1e5"), "an exponent is left to FloatText");
    }

    /** Decimals next to a float midpoint, with 6 to 18 digits: read exactly, or left when the double is a tie. */
    @Test
    void decimalsNextToAFloatMidpointAreNotRoundedTwice() {
        Random random = new Random(7);
        int read = 0;
        for (int i = 0; i < 3000; i++) {
            float f = Float.intBitsToFloat(0x3f800000 + random.nextInt(1 << 23)); // in [1, 2)
            BigDecimal mid = new BigDecimal(f).add(new BigDecimal(Math.nextUp(f))).divide(BigDecimal.valueOf(2));
            for (int digits = 6; digits <= 18; digits += 3) {
                for (String offset : List.of("1e-15", "-1e-15", "0")) {
                    String text = mid.add(new BigDecimal(offset)).round(new MathContext(digits)).toPlainString();
                    read += assertExact(text) ? 1 : 0;
                    read += assertExact("-" + text) ? 1 : 0;
                }
            }
        }
        assertTrue(read > 30_000, "most are read during the scan: " + read);
    }

    @Test
    void randomDecimalsAndIntegersAreExact() {
        Random random = new Random(13);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            double d = random.nextGaussian() * Math.pow(10, random.nextInt(16) - 8);
            texts.add(String.format(Locale.ROOT, "%." + random.nextInt(14) + "f", d));
            texts.add(Integer.toString(random.nextInt(256)));
            texts.add(Long.toString(random.nextLong() >> random.nextInt(64)));
            texts.add(String.format(Locale.ROOT, "%.6f", random.nextInt(256) / 255.0));
        }
        texts.forEach(PlainDecimalScanTest::assertExact);
    }
}
