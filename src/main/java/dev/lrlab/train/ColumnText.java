package dev.lrlab.train;

import java.util.List;
import java.util.Objects;

/**
 * The text of a feature column read as text: its distinct cells, and the line where each first appears (for messages).
 * A row of features holds, in this column, the index of its cell in {@link #values()}.
 *
 * @param column the column's name
 * @param values the distinct cells
 * @param source the file the column was read from
 * @param firstLines the line of {@code source} where each value first appears; 0 when unknown
 */
public record ColumnText(String column, List<String> values, String source, int[] firstLines) {
    /** Copies the values and lines and checks that there is one line per value. */
    public ColumnText {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(source, "source");
        values = List.copyOf(values);
        firstLines = firstLines.clone();
        if (values.size() != firstLines.length) {
            throw new IllegalArgumentException("expected " + values.size() + " line numbers, found " + firstLines.length);
        }
    }

    /**
     * @param value index into {@link #values()}
     * @return where that value first appears, e.g. {@code data.csv:17}, or the source alone when the line is unknown
     */
    public String location(int value) {
        int line = firstLines[value];
        return line > 0 ? source + ":" + line : source;
    }
}
