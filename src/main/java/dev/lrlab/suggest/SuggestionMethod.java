package dev.lrlab.suggest;

import java.util.Locale;

/**
 * The rules {@link LrSuggester} applies to a range-test curve, in the order its results list them. Each is
 * fastai's rule of the same name; the class comment of {@link LrSuggester} gives their definitions.
 */
public enum SuggestionMethod {
    /** The longest decreasing run of the loss, about half-way down it; the default. */
    VALLEY,
    /** Where the loss gradient stops changing, read from the end of the curve leftwards. */
    SLIDE,
    /** A tenth of the rate at the lowest loss (fastai's {@code minimum}, i.e. "minimum / 10"). */
    MINIMUM,
    /** The rate at the start of the steepest fall of the loss. */
    STEEP;

    /** @return the name used in tables and summaries, e.g. {@code valley} */
    public String methodName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name a method name as {@link #methodName()} writes it
     * @return that method
     * @throws IllegalArgumentException when no method has that name
     */
    public static SuggestionMethod fromName(String name) {
        for (SuggestionMethod method : values()) {
            if (method.methodName().equals(name)) {
                return method;
            }
        }
        throw new IllegalArgumentException("expected a method in " + java.util.Arrays.toString(values()) + ", found '"
                + name + "'");
    }

    @Override
    public String toString() {
        return methodName();
    }
}
