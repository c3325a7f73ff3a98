package dev.lrlab.train;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The feature columns of the data a model is fed: their names in row order and, for columns read as text,
 * their text.
 *
 * @param names the columns in row order
 * @param text the columns read as text, by name
 */
public record FeatureColumns(List<String> names, Map<String, ColumnText> text) {
    /** Copies and checks that every text column is one of the names. */
    public FeatureColumns {
        names = List.copyOf(names);
        text = Map.copyOf(text);
        if (!new HashSet<>(names).containsAll(text.keySet())) {
            throw new IllegalArgumentException("text columns " + text.keySet() + " are not all among " + names);
        }
    }

    /** @return columns that all hold numbers */
    public static FeatureColumns numeric(List<String> names) {
        return new FeatureColumns(names, Map.of());
    }

    /** @return the number of columns: values per row */
    public int width() {
        return names.size();
    }

    /** @return the text of the column at that position, when it was read as text */
    public Optional<ColumnText> text(int column) {
        return Optional.ofNullable(text.get(names.get(column)));
    }

    /**
     * Which columns to read as text so that the given inputs can be fed: see {@link InputBinding#textNeeds}.
     *
     * @param names columns to read as text
     * @param all whether every feature column is read as text
     */
    public record TextNeeds(java.util.Set<String> names, boolean all) {
        /** Copies the names. */
        public TextNeeds {
            names = java.util.Set.copyOf(names);
        }
    }
}
