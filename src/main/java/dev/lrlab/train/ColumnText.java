package dev.lrlab.train;

import java.util.List;
import java.util.Objects;

/**
 * The text of a feature column read as text: its distinct cells, and where each first appears (for messages).
 * A row of features holds, in this column, the index of its cell in {@link #values()}.
 *
 * @param column the column's name
 * @param values the distinct cells
 * @param locations where each value first appears, e.g. {@code data.csv:17}
 */
public record ColumnText(String column, List<String> values, List<String> locations) {
    /** Copies the lists and checks that there is one location per value. */
    public ColumnText {
        Objects.requireNonNull(column, "column");
        values = List.copyOf(values);
        locations = List.copyOf(locations);
        if (values.size() != locations.size()) {
            throw new IllegalArgumentException("expected " + values.size() + " locations, found " + locations.size());
        }
    }
}
