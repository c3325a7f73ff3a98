package dev.lrlab.data;

import java.nio.charset.StandardCharsets;

/**
 * Parses a cell's bytes to the float that {@link Float#parseFloat} gives for the same text, without making a
 * string for the common case.
 *
 * <p>The fast path takes {@code [+-]digits[.digits][(e|E)[+-]digits]} with at most 18 significant digits whose
 * value {@code w} is below 2^53 and a decimal exponent {@code q} with {@code |q| <= 22}: then {@code w} and
 * {@code 10^|q|} are exact doubles and one IEEE multiplication or division gives the correctly rounded double
 * (Clinger's fast path). Rounding that double to float is correct unless the double lies exactly halfway between
 * two floats (double rounding), which is checked; such a value, and everything else (more digits, larger
 * exponents, subnormal floats, white space, {@code NaN}, hexadecimal, a trailing {@code f} or {@code d}), goes to
 * {@link Float#parseFloat} on the decoded text. Only the result's bits are returned, so callers tell a number from
 * text without exceptions.
 */
final class FloatText {
    /** Returned by {@link #parse} when the text is not a number {@link Float#parseFloat} accepts. */
    static final long NOT_A_NUMBER = Long.MIN_VALUE;

    private static final double[] POWERS = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = p;
            p *= 10;
        }
    }

    private FloatText() {
    }

    /**
     * @param bytes the text's bytes (UTF-8)
     * @param from first byte
     * @param to one past the last byte
     * @return the float's bits ({@link Float#floatToRawIntBits}) in the low 32 bits, or {@link #NOT_A_NUMBER}
     */
    static long parse(byte[] bytes, int from, int to) {
        int i = from;
        if (i >= to) {
            return NOT_A_NUMBER;
        }
        boolean negative = false;
        byte b = bytes[i];
        if (b == '-' || b == '+') {
            negative = b == '-';
            i++;
        }
        long w = 0;
        int digits = 0; // significant digits taken into w
        int exponent = 0;
        int start = i;
        while (i < to && (b = bytes[i]) >= '0' && b <= '9') {
            if (digits < 18) {
                w = w * 10 + (b - '0');
                if (w != 0) {
                    digits++;
                }
            } else {
                return slow(bytes, from, to);
            }
            i++;
        }
        int intDigits = i - start;
        int fracDigits = 0;
        if (i < to && bytes[i] == '.') {
            i++;
            int fracStart = i;
            while (i < to && (b = bytes[i]) >= '0' && b <= '9') {
                if (digits < 18) {
                    w = w * 10 + (b - '0');
                    if (w != 0) {
                        digits++;
                    }
                    exponent--;
                } else {
                    return slow(bytes, from, to);
                }
                i++;
            }
            fracDigits = i - fracStart;
        }
        if (intDigits + fracDigits == 0) {
            return slow(bytes, from, to);
        }
        if (i < to && (bytes[i] == 'e' || bytes[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
                negativeExponent = bytes[i] == '-';
                i++;
            }
            int expStart = i;
            int e = 0;
            while (i < to && (b = bytes[i]) >= '0' && b <= '9') {
                if (e > 10_000) {
                    return slow(bytes, from, to);
                }
                e = e * 10 + (b - '0');
                i++;
            }
            if (i == expStart) {
                return slow(bytes, from, to);
            }
            exponent += negativeExponent ? -e : e;
        }
        if (i != to || w >= (1L << 53) || exponent < -22 || exponent > 22) {
            return slow(bytes, from, to);
        }
        double d = w;
        if (exponent < 0) {
            d /= POWERS[-exponent];
        } else if (exponent > 0) {
            d *= POWERS[exponent];
        }
        float f = (float) d;
        if (Float.isInfinite(f)) {
            return slow(bytes, from, to);
        }
        if ((double) f != d) {
            float other = d > f ? Math.nextUp(f) : Math.nextDown(f);
            if (d - f == other - d || f - d == d - other) { // halfway between two floats: the double was rounded
                return slow(bytes, from, to);
            }
        }
        return Float.floatToRawIntBits(negative ? -f : f) & 0xffffffffL;
    }

    /** The text as {@link Float#parseFloat} reads it. */
    private static long slow(byte[] bytes, int from, int to) {
        try {
            return Float.floatToRawIntBits(Float.parseFloat(new String(bytes, from, to - from, StandardCharsets.UTF_8)))
                    & 0xffffffffL;
        } catch (NumberFormatException e) {
            return NOT_A_NUMBER;
        }
    }
}
