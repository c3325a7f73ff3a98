package dev.lrlab.rangetest;

import dev.lrlab.report.CurvePlot;
import dev.lrlab.suggest.Suggestion;
import dev.lrlab.suggest.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The picture of a range test: loss and smoothed loss (and the validation loss, when measured) against the
 * learning rate on a log axis, with a vertical line at each suggested rate labelled like
 * {@code valley 3.16e-03}.
 *
 * <p>So that the last exploding steps do not flatten the interesting part, losses above
 * {@code 4 x} the first finite smoothed loss are not drawn (they stay in the CSV), and
 * the title says so when that happened.
 */
public final class RangeTestPlot {
    /** The factor of the drawing cap. */
    static final double CAP_FACTOR = 4;

    private RangeTestPlot() {
    }

    /**
     * @param title the chart title, e.g. the model's name
     * @param result a finished range test
     * @return the chart, ready to write as PNG or SVG
     */
    public static CurvePlot of(String title, RangeTestResult result) {
        return of(title, result.lr(), result.loss(), result.smoothedLoss(), result.valLoss(), result.suggestions());
    }

    /**
     * @param title the chart title
     * @param lr learning rates
     * @param loss raw losses, or null to draw only the smoothed ones
     * @param smoothedLoss smoothed losses, same length as {@code lr}
     * @param valLoss validation losses (NaN where not measured), or null
     * @param suggestions the suggested rates to mark
     * @return the chart
     */
    public static CurvePlot of(String title, double[] lr, double[] loss, double[] smoothedLoss, double[] valLoss,
            Suggestions suggestions) {
        Objects.requireNonNull(suggestions, "suggestions");
        List<CurvePlot.Marker> markers = new ArrayList<>();
        for (Suggestion s : suggestions.all()) {
            markers.add(new CurvePlot.Marker(s.lr(), s.name() + " " + String.format(Locale.ROOT, "%.2e", s.lr())));
        }
        return plot(title, lr, loss, smoothedLoss, valLoss, markers);
    }

    /**
     * The curve of a range test with other marks than its suggestions, e.g. the rate a fit chose from it.
     *
     * @param title the chart title
     * @param result a finished range test
     * @param markers the rates to mark
     * @return the chart
     */
    public static CurvePlot of(String title, RangeTestResult result, List<CurvePlot.Marker> markers) {
        return plot(title, result.lr(), result.loss(), result.smoothedLoss(), result.valLoss(), markers);
    }

    private static CurvePlot plot(String title, double[] lr, double[] loss, double[] smoothedLoss, double[] valLoss,
            List<CurvePlot.Marker> markers) {
        double cap = cap(smoothedLoss);
        boolean[] clipped = {false};
        CurvePlot.Builder plot = CurvePlot.builder().xLabel("learning rate (log scale)").yLabel("loss").logX(true);
        if (loss != null) {
            plot.addSeries("loss", lr, clip(loss, cap, clipped));
        }
        plot.addSeries(loss != null ? "smoothed loss" : "loss", lr, clip(smoothedLoss, cap, clipped));
        if (valLoss != null && Arrays.stream(valLoss).anyMatch(Double::isFinite)) {
            plot.addSeries("validation loss", lr, clip(valLoss, cap, clipped));
        }
        for (CurvePlot.Marker marker : markers) {
            plot.addMarker(marker.x(), marker.label());
        }
        String note = clipped[0] ? String.format(Locale.ROOT, " (losses above %.3g not drawn)", cap) : "";
        return plot.title(title + note).build();
    }

    /** @return the drawing cap, or infinity when no smoothed loss is positive and finite */
    static double cap(double[] smoothedLoss) {
        for (double value : smoothedLoss) {
            if (Double.isFinite(value)) {
                return value > 0 ? CAP_FACTOR * value : Double.POSITIVE_INFINITY;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static double[] clip(double[] values, double cap, boolean[] clipped) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] > cap) {
                out[i] = Double.NaN;
                clipped[0] = true;
            }
        }
        return out;
    }
}
