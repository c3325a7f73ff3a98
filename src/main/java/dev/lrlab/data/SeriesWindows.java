package dev.lrlab.data;

import dev.lrlab.LrlabException;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a table of consecutive rows (one time step each, in file order) into sequence samples, and splits them
 * chronologically so that no sample straddles training and validation.
 *
 * <p>The rows come from {@link CsvDatasetReader} with the series columns as features, in the order named, and
 * the label column(s) as labels (a series column may be the label). With {@code T} steps, {@code F} series and
 * horizon {@code H}, the sample starting at row {@code i} holds rows {@code i .. i+T-1}, flattened time-major:
 * value {@code t*F + f} is series {@code f} at row {@code i+t}, which is how a row of {@code T*F} values fills a
 * {@code [-1, T, F]} input (and a {@code [-1, T*F]} one). Its label is the label of row {@code i+T-1+H}. Its
 * example shape is {@code {T, F}}, its feature names {@code name[t-k]} (k rows before the window's last row,
 * {@code name[t]} for the last), and {@link Dataset#where} names the line of its label row.
 *
 * <p>The split ({@link #split}): of {@code n} rows, the last {@code v = round(n * f)} (at least one when
 * {@code f > 0}, as in {@link Split#of}) are the validation part and the first {@code n - v} the training part;
 * windows are built inside each part, so a part of {@code m} rows gives {@code m - T - H + 1} samples. The
 * training samples are in time order; the batch order shuffles them as usual.
 */
public final class SeriesWindows {
    private SeriesWindows() {
    }

    /**
     * The windowed samples and their chronological split.
     *
     * @param samples every sample of both parts, training ones first, each part in time order
     * @param split the training and validation samples
     * @param trainRows rows of the table in the training part (the rest are the validation part)
     */
    public record Windowed(Dataset samples, Split split, int trainRows) {
    }

    /**
     * @param rows the table, one row per time step, features = the window's series in order
     * @param window the window
     * @param valFraction the share of rows held out for validation, in {@code [0, 1)}
     * @return the samples, split chronologically
     * @throws LrlabException (usage) if the fraction is outside {@code [0, 1)}; (data) if a part has fewer rows
     *     than one sample spans
     */
    public static Windowed split(Dataset rows, WindowSpec window, double valFraction) {
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw LrlabException.usage("expected a validation fraction in [0, 1), found " + valFraction);
        }
        if (rows.featureCount() != window.width()) {
            throw new IllegalArgumentException("expected " + window.width() + " series columns, found "
                    + rows.featureCount());
        }
        int n = rows.size();
        int validationRows = valFraction == 0 ? 0 : (int) Math.max(1, Math.round(n * valFraction));
        int trainRows = n - validationRows;
        int[] train = starts(rows, window, 0, trainRows, "training");
        int[] validation = validationRows == 0 ? new int[0] : starts(rows, window, trainRows, n, "validation");
        int[] all = new int[train.length + validation.length];
        System.arraycopy(train, 0, all, 0, train.length);
        System.arraycopy(validation, 0, all, train.length, validation.length);
        return new Windowed(windows(rows, window, all), new Split(windows(rows, window, train),
                windows(rows, window, validation)), trainRows);
    }

    /**
     * @param rows the table, features = the window's series in order
     * @param window the window
     * @return every sample of the table (no split): {@code rows.size() - T - H + 1} of them
     * @throws LrlabException (data) if the table has fewer rows than one sample spans
     */
    public static Dataset all(Dataset rows, WindowSpec window) {
        return windows(rows, window, starts(rows, window, 0, rows.size(), null));
    }

    /**
     * The first rows of the windows lying wholly (label row included) in rows {@code from .. to-1}, of the named
     * part ({@code null}: the whole table).
     */
    private static int[] starts(Dataset rows, WindowSpec window, int from, int to, String part) {
        int count = to - from - window.rowsPerSample() + 1;
        if (count < 1) {
            throw LrlabException.data("a window of " + window + " spans " + window.rowsPerSample()
                    + " consecutive rows, but " + (part == null ? "" : "the " + part + " part of ") + rows.source()
                    + " has only " + (to - from)
                    + (to - from == 1 ? " row" : " rows") + (to > from ? " (" + lines(rows, from, to) + ")" : "")
                    + "; use a shorter window or horizon, a different validation fraction, or more rows");
        }
        int[] starts = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = from + i;
        }
        return starts;
    }

    private static String lines(Dataset rows, int from, int to) {
        int first = rows.line(from);
        int last = rows.line(to - 1);
        if (first < 0) {
            return "examples " + (from + 1) + " to " + to;
        }
        return from == to - 1 ? "line " + first : "lines " + first + " to " + last;
    }

    /** Builds the samples starting at the given rows. */
    private static Dataset windows(Dataset rows, WindowSpec window, int[] starts) {
        int t = window.steps();
        int f = window.width();
        int width = t * f;
        int labelWidth = rows.labelWidth();
        float[] features = new float[starts.length * width];
        float[] labels = new float[starts.length * labelWidth];
        int[] lines = rows.line(0) < 0 ? null : new int[starts.length];
        float[] all = rows.features();
        float[] rowLabels = rows.labels();
        for (int s = 0; s < starts.length; s++) {
            int start = starts[s];
            System.arraycopy(all, start * f, features, s * width, width);
            int labelRow = start + t - 1 + window.horizon();
            System.arraycopy(rowLabels, labelRow * labelWidth, labels, s * labelWidth, labelWidth);
            if (lines != null) {
                lines[s] = rows.line(labelRow);
            }
        }
        Dataset.Builder builder = Dataset.owning()
                .features(features)
                .labels(labels)
                .labelWidth(labelWidth)
                .labelNames(rows.labelNames())
                .lines(lines)
                .featureNames(names(window))
                .exampleShape(t, f)
                .source(rows.source());
        rows.classNames().ifPresent(builder::classNames);
        return builder.build();
    }

    /** {@code Close[t-4] .. Close[t]} for each step, series within a step in the window's order. */
    static List<String> names(WindowSpec window) {
        List<String> names = new ArrayList<>(window.valuesPerSample());
        for (int step = 0; step < window.steps(); step++) {
            int back = window.steps() - 1 - step;
            for (String series : window.series()) {
                names.add(series + (back == 0 ? "[t]" : "[t-" + back + "]"));
            }
        }
        return names;
    }
}
