package dev.lrlab.run;

/**
 * Receives every step of a run as soon as it is computed, to write it, draw progress or keep it: a range test
 * gives a {@code StepListener<RangeTestPoint>}, a training run a {@code StepListener<StepRow>}. (A search hears
 * about stages and trials instead, through its own {@code SearchListener}.)
 *
 * @param <R> what one step is reported as
 */
@FunctionalInterface
public interface StepListener<R> {
    /** @param row the step just taken */
    void onStep(R row);

    /**
     * @param <R> what one step is reported as
     * @return a listener that ignores every step
     */
    static <R> StepListener<R> none() {
        return row -> { };
    }

    /**
     * @param next the listener called after this one
     * @return a listener that calls this one, then {@code next}
     */
    default StepListener<R> andThen(StepListener<? super R> next) {
        return row -> {
            onStep(row);
            next.onStep(row);
        };
    }
}
