package dev.lrlab.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/**
 * Short scientific notation for learning rates and axis ticks: {@code 1e-5}, {@code 3.2e-3}, {@code 2.5e0},
 * {@code 0}; the mantissa is rounded half-even to a number of significant digits and trailing zeros are
 * dropped. Locale-independent. Formatting only; {@link #parseObject} is not supported.
 */
public final class ScientificFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;
    private final int significantDigits;

    /**
     * @param significantDigits digits of the mantissa, at least 1
     * @throws IllegalArgumentException when {@code significantDigits < 1}
     */
    public ScientificFormat(int significantDigits) {
        if (significantDigits < 1) {
            throw new IllegalArgumentException("expected at least 1 significant digit, found " + significantDigits);
        }
        this.significantDigits = significantDigits;
    }

    /**
     * @param value any double
     * @param significantDigits digits of the mantissa, at least 1
     * @return e.g. {@code format(0.0031622, 2)} is {@code 3.2e-3}; NaN and infinities as {@code NaN}, {@code Infinity}
     */
    public static String format(double value, int significantDigits) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(significantDigits, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString() + "e" + exponent;
    }

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(format(number, significantDigits));
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(format((double) number, significantDigits));
    }

    /** @throws UnsupportedOperationException always */
    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        throw new UnsupportedOperationException("ScientificFormat only formats");
    }
}
