package dev.lrlab.suggest;

import java.util.Objects;

/**
 * One suggested learning rate.
 *
 * @param method the rule that picked the rate
 * @param lr the suggested learning rate
 * @param index the point of the curve the method picked, as an index into the arrays given to
 *              {@link LrSuggester#suggest} (not into the trimmed part); for {@code minimum} the lowest point,
 *              whose rate is ten times {@code lr} unless the rate was clamped to the start (see {@code note})
 * @param loss the smoothed loss at {@code index}
 * @param note what the user should know about how the rate was chosen, e.g. that {@code minimum} was clamped
 *             to the first rate of the curve; empty for none
 */
public record Suggestion(SuggestionMethod method, double lr, int index, double loss, String note) {

    /** Checks the method and the note. */
    public Suggestion {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(note, "note");
    }

    /**
     * A suggestion without a note.
     *
     * @param method the rule that picked the rate
     * @param lr the suggested learning rate
     * @param index the point the method picked
     * @param loss the smoothed loss there
     */
    public Suggestion(SuggestionMethod method, double lr, int index, double loss) {
        this(method, lr, index, loss, "");
    }

    /** @return the method's name, e.g. {@code valley} */
    public String name() {
        return method.methodName();
    }

    /**
     * @param offset added to the index
     * @return this suggestion with the index moved by {@code offset}
     */
    public Suggestion shifted(int offset) {
        return new Suggestion(method, lr, index + offset, loss, note);
    }
}
