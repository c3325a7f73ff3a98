package dev.lrlab.experiment;

/** Receives each row of a {@link HypergradientRun} as soon as its step ran, e.g. to write it out. */
@FunctionalInterface
public interface HypergradientListener {
    /** A listener that does nothing. */
    HypergradientListener NONE = (kind, row) -> { };

    /**
     * @param kind which run the row belongs to
     * @param row the step just taken (the diverging step too, before the run stops)
     */
    void onStep(HypergradientCurve.Kind kind, HypergradientRow row);
}
