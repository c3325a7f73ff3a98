package dev.lrlab.search;

/** The stages of a coarse-to-fine search, in the order they run. */
public enum SearchStage {
    /** Whole decades (or fractions of them) across the searched range. */
    COARSE("coarse"),
    /** Log-spaced rates between the best coarse rate's neighbours. */
    FINE("fine"),
    /** Log-spaced rates between the best fine rate's neighbours (optional). */
    THIRD("third");

    private final String label;

    SearchStage(String label) {
        this.label = label;
    }

    /** @return the name written in reports and file names, e.g. {@code coarse} */
    public String label() {
        return label;
    }
}
