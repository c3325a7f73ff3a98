package dev.lrlab.data;

import dev.lrlab.LrlabException;

import java.util.HashSet;
import java.util.List;

/**
 * How consecutive rows of a table become samples of a sequence: each sample is a window of {@code steps}
 * consecutive rows, each step holding the values of the {@code series} columns, and its label is the label
 * column's value {@code horizon} rows after the window's last row. See {@link SeriesWindows}.
 *
 * @param steps rows per window (the T of a {@code [-1, T, F]} model input), at least 1
 * @param series the columns each step holds, in the order wanted (F = their number); at least one, distinct
 * @param horizon how many rows after the window's last row the label is read, at least 1 (1: the next row)
 */
public record WindowSpec(int steps, List<String> series, int horizon) {
    /** The horizon when none is given: the label is read on the row after the window. */
    public static final int DEFAULT_HORIZON = 1;

    /** Checks the values and copies the list. */
    public WindowSpec {
        if (steps < 1) {
            throw LrlabException.usage("a window holds at least 1 step, found " + steps);
        }
        if (horizon < 1) {
            throw LrlabException.usage("the label is read at least 1 row after the window (horizon 1), found horizon "
                    + horizon);
        }
        series = List.copyOf(series);
        if (series.isEmpty()) {
            throw LrlabException.usage("a window needs at least one series column, found none");
        }
        if (new HashSet<>(series).size() != series.size()) {
            throw LrlabException.usage("expected distinct series columns, found " + String.join(",", series));
        }
    }

    /** @return the number of series columns, the F of a {@code [-1, T, F]} input */
    public int width() {
        return series.size();
    }

    /** @return values per sample: {@code steps * width()} */
    public int valuesPerSample() {
        return steps * width();
    }

    /** @return rows one sample spans, its label row included: {@code steps + horizon} */
    public int rowsPerSample() {
        return steps + horizon;
    }

    /** @return e.g. {@code 5 steps x 1 series (Close), label 1 step ahead} */
    @Override
    public String toString() {
        return steps + (steps == 1 ? " step" : " steps") + " x " + width() + " series (" + String.join(",", series)
                + "), label " + horizon + (horizon == 1 ? " step" : " steps") + " ahead";
    }
}
