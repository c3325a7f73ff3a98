package dev.lrlab.run;

/** Receives every row of a training curve as soon as it is computed. */
@FunctionalInterface
public interface StepListener {
    /** @param row the step just taken */
    void onStep(StepRow row);

    /** A listener that ignores every row. */
    StepListener NONE = row -> { };
}
