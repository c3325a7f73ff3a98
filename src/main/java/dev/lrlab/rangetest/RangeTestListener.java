package dev.lrlab.rangetest;

/** Receives every point of a range test as soon as it is computed (to write it, draw progress, or stop the test). */
@FunctionalInterface
public interface RangeTestListener {
    /** @param point the step just taken */
    void onPoint(RangeTestPoint point);

    /** A listener that ignores every point. */
    RangeTestListener NONE = point -> { };

    /**
     * @param next the listener called after this one
     * @return a listener that calls this one, then {@code next}
     */
    default RangeTestListener andThen(RangeTestListener next) {
        return point -> {
            onPoint(point);
            next.onPoint(point);
        };
    }
}
