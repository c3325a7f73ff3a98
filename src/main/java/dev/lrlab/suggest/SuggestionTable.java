package dev.lrlab.suggest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats {@link Suggestions} as a small aligned text table for the terminal, the recommended method
 * marked with {@code *}:
 * <pre>
 *   method       lr        loss    index
 * * valley       3.16e-03  0.8123  42
 *   slide        5.01e-03  0.7004  47
 *   minimum      1.00e-02  0.5310  60
 *   steep        1.26e-03  1.102   35
 *   cyclic max   1.00e-01  0.5310  60
 *   cyclic base  2.50e-02
 * </pre>
 * Rates are written as {@code %.2e}, losses with 4 significant digits, columns separated by at least two
 * spaces, no trailing spaces, every line ending with {@code \n}. For {@code minimum} the loss and index are
 * those of the lowest point, whose rate is ten times the one shown (unless it was clamped to the first
 * rate). Each suggestion with a {@linkplain Suggestion#note() note} adds a line after the table,
 * {@code <method>: <note>}. Without suggestions the text is one line, {@code no suggestions: <reason>}.
 * Locale-independent.
 */
public final class SuggestionTable {

    private SuggestionTable() {
    }

    /**
     * @param suggestions what {@link LrSuggester} returned
     * @return the table text
     */
    public static String format(Suggestions suggestions) {
        if (suggestions.isEmpty()) {
            return "no suggestions: " + suggestions.reason() + "\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"  method", "lr", "loss", "index"});
        for (Suggestion s : suggestions.all()) {
            String mark = s.method() == suggestions.defaultMethod() ? "* " : "  ";
            rows.add(new String[] {mark + s.name(), lr(s.lr()), loss(s.loss()), Integer.toString(s.index())});
        }
        suggestions.cyclic().ifPresent(b -> {
            rows.add(new String[] {"  cyclic max", lr(b.maxLr()), loss(b.loss()), Integer.toString(b.index())});
            rows.add(new String[] {"  cyclic base", lr(b.baseLr()), "", ""});
        });
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(row[c]);
                if (c + 1 < columns) {
                    line.append(" ".repeat(widths[c] - row[c].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        for (Suggestion s : suggestions.all()) {
            if (!s.note().isEmpty()) {
                out.append(s.name()).append(": ").append(s.note()).append('\n');
            }
        }
        return out.toString();
    }

    private static String lr(double value) {
        return String.format(Locale.ROOT, "%.2e", value);
    }

    private static String loss(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
