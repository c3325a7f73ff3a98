package dev.lrlab.schedule;

/** Formats numbers for {@link LearningRateSchedule#describe()} so that they parse back to the same value. */
final class SpecText {

    private static final double LARGEST_PLAIN_INTEGER = 1e15;

    private SpecText() {
    }

    /**
     * @return whole numbers without a fraction ({@code 25}, {@code 10000}), others as
     *     {@link Double#toString(double)} ({@code 0.1}, {@code 1.0E-4}); both parse back exactly
     */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < LARGEST_PLAIN_INTEGER) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
