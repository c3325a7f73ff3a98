package dev.lrlab.data;

import java.util.List;

/**
 * The cells of a column kept as text, for model inputs that take strings or exact integers: each
 * distinct cell once, in order of first appearance, with the source line where it first appears.
 * A row of a {@link Dataset} holds the index of its cell in {@link #values()}.
 *
 * @param values the distinct cells, as written (surrounding white space removed)
 * @param firstLines the source line of each value's first appearance, for messages (0 when unknown)
 */
public record TextColumn(List<String> values, int[] firstLines) {
    /** Copies the values and checks that there is one line per value. */
    public TextColumn {
        values = List.copyOf(values);
        firstLines = firstLines.clone();
        if (firstLines.length != values.size()) {
            throw new IllegalArgumentException("expected " + values.size() + " line numbers, found " + firstLines.length);
        }
    }
}
