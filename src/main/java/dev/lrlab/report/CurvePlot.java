package dev.lrlab.report;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.geom.Rectangle2D;
import java.nio.charset.StandardCharsets;
import java.text.AttributedCharacterIterator;
import java.text.AttributedString;
import java.text.CharacterIterator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A line chart of one or more named curves, e.g. loss against learning rate, drawn headless to PNG or SVG.
 *
 * <p>Optional parts: a logarithmic x-axis (ticks labelled like {@code 1e-5}), a second y-axis on the
 * right for other series (e.g. the learning rate against the step), and vertical markers with a label
 * (e.g. {@code valley 3.2e-3}). Points with a NaN or infinite coordinate are left out, and so are points
 * with a non-positive coordinate on a logarithmic axis. The picture is white with dark text, series in
 * distinct colours, the secondary series dashed, and a legend at the bottom. In the SVG, text is kept as
 * {@code <text>} elements except the rotated y-axis labels, which JFreeChart draws through a
 * {@code TextLayout} and JFreeSVG therefore writes as outlines.
 *
 * <pre>{@code
 * CurvePlot.builder().title("Range test").xLabel("learning rate").yLabel("loss").logX(true)
 *         .addSeries("smoothed loss", lrs, smoothed)
 *         .addMarker(3.2e-3, "valley 3.2e-3")
 *         .build()
 *         .writePng(dir.resolve("range-test.png"), 900, 600, false);
 * }</pre>
 */
public final class CurvePlot {
    /** Width of an SVG written by {@link #writeSvg(Path, boolean)}. */
    public static final int DEFAULT_WIDTH = 900;
    /** Height of an SVG written by {@link #writeSvg(Path, boolean)}. */
    public static final int DEFAULT_HEIGHT = 600;

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    };
    private static final Color[] MARKER_COLORS = {
        new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0x8c564b), new Color(0x7f7f7f),
    };

    /**
     * A named curve.
     *
     * @param name shown in the legend
     * @param x the x coordinates
     * @param y the y coordinates, as many as x
     */
    public record Series(String name, double[] x, double[] y) {
        /** @throws IllegalArgumentException when the lengths differ */
        public Series {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length) {
                throw new IllegalArgumentException("expected as many y as x values in series '" + name + "', found "
                        + y.length + " y for " + x.length + " x");
            }
            x = x.clone();
            y = y.clone();
        }
    }

    /**
     * A vertical line at {@code x} with a label near the top.
     *
     * @param x where the line is drawn
     * @param label its text, e.g. {@code valley 3.2e-3}
     */
    public record Marker(double x, String label) {
        /** @throws NullPointerException when the label is null */
        public Marker {
            Objects.requireNonNull(label, "label");
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final List<Series> series;
    private final String secondaryLabel;
    private final boolean secondaryLog;
    private final List<Series> secondarySeries;
    private final List<Marker> markers;

    private CurvePlot(Builder b) {
        this.title = b.title;
        this.xLabel = b.xLabel;
        this.yLabel = b.yLabel;
        this.logX = b.logX;
        this.series = List.copyOf(b.series);
        this.secondaryLabel = b.secondaryLabel;
        this.secondaryLog = b.secondaryLog;
        this.secondarySeries = List.copyOf(b.secondarySeries);
        this.markers = List.copyOf(b.markers);
    }

    /** @return a builder for an untitled chart with linear axes and no series */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Draws the chart to a PNG file, atomically.
     *
     * @param file the PNG file
     * @param width pixels, at least 100
     * @param height pixels, at least 100
     * @param force whether an existing file may be replaced
     * @throws dev.lrlab.LrlabException (OUTPUT) when the file exists without force or cannot be written
     */
    public void writePng(Path file, int width, int height, boolean force) {
        checkSize(width, height);
        JFreeChart chart = chart();
        AtomicFiles.write(file, force, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }

    /**
     * Draws the chart to an SVG file of {@link #DEFAULT_WIDTH} x {@link #DEFAULT_HEIGHT}, atomically.
     *
     * @param file the SVG file
     * @param force whether an existing file may be replaced
     * @throws dev.lrlab.LrlabException (OUTPUT) when the file exists without force or cannot be written
     */
    public void writeSvg(Path file, boolean force) {
        writeSvg(file, DEFAULT_WIDTH, DEFAULT_HEIGHT, force);
    }

    /**
     * Draws the chart to an SVG file, atomically.
     *
     * @param file the SVG file
     * @param width user units, at least 100
     * @param height user units, at least 100
     * @param force whether an existing file may be replaced
     * @throws dev.lrlab.LrlabException (OUTPUT) when the file exists without force or cannot be written
     */
    public void writeSvg(Path file, int width, int height, boolean force) {
        writeSvg(List.of(this), file, width, height, force);
    }

    /**
     * Draws charts one above the other into one PNG file, atomically (e.g. a range test over the training it chose
     * the rate for).
     *
     * @param panels the charts, top first, at least one
     * @param file the PNG file
     * @param width pixels, at least 100
     * @param panelHeight pixels of each chart, at least 100
     * @param force whether an existing file may be replaced
     * @throws dev.lrlab.LrlabException (OUTPUT) when the file exists without force or cannot be written
     */
    public static void writePng(List<CurvePlot> panels, Path file, int width, int panelHeight, boolean force) {
        checkSize(width, panelHeight);
        BufferedImage image = new BufferedImage(width, panelHeight * panels.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            drawPanels(panels, g, width, panelHeight);
        } finally {
            g.dispose();
        }
        AtomicFiles.write(file, force, out -> ChartUtils.writeBufferedImageAsPNG(out, image));
    }

    /**
     * Draws charts one above the other into one SVG file, atomically.
     *
     * @param panels the charts, top first, at least one
     * @param file the SVG file
     * @param width user units, at least 100
     * @param panelHeight user units of each chart, at least 100
     * @param force whether an existing file may be replaced
     * @throws dev.lrlab.LrlabException (OUTPUT) when the file exists without force or cannot be written
     */
    public static void writeSvg(List<CurvePlot> panels, Path file, int width, int panelHeight, boolean force) {
        checkSize(width, panelHeight);
        SVGGraphics2D g = new SVGGraphics2D(width, panelHeight * panels.size());
        // JFreeSVG's default id prefix holds the clock, so the same plot would differ run to run; the file name keeps
        // the ids of different plots apart when several are inlined in one page
        g.setDefsKeyPrefix("_" + file.getFileName().toString().replaceAll("[^A-Za-z0-9]", "_") + "_");
        drawPanels(panels, g, width, panelHeight);
        AtomicFiles.write(file, g.getSVGDocument().getBytes(StandardCharsets.UTF_8), force);
    }

    private static void drawPanels(List<CurvePlot> panels, Graphics2D g, int width, int panelHeight) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("expected at least one chart, found none");
        }
        for (int i = 0; i < panels.size(); i++) {
            panels.get(i).chart().draw(g, new Rectangle(0, i * panelHeight, width, panelHeight));
        }
    }

    private static void checkSize(int width, int height) {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("expected a picture of at least 100x100, found " + width + "x" + height);
        }
    }

    private JFreeChart chart() {
        System.setProperty("java.awt.headless", "true");
        Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

        ValueAxis xAxis = axis(xLabel, logX, labelFont, tickFont);
        ValueAxis yAxis = axis(yLabel, false, labelFont, tickFont);
        ((NumberAxis) yAxis).setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(dataset(series, false), xAxis, yAxis, renderer(0, series.size(), false));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);

        if (!secondarySeries.isEmpty()) {
            ValueAxis right = axis(secondaryLabel, secondaryLog, labelFont, tickFont);
            if (right instanceof NumberAxis number) {
                number.setAutoRangeIncludesZero(false);
            }
            plot.setRangeAxis(1, right);
            plot.setDataset(1, dataset(secondarySeries, secondaryLog));
            plot.mapDatasetToRangeAxis(1, 1);
            plot.setRenderer(1, renderer(series.size(), secondarySeries.size(), true));
        }

        for (int i = 0; i < markers.size(); i++) {
            plot.addDomainMarker(marker(markers.get(i), i, tickFont));
        }

        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        return chart;
    }

    private XYSeriesCollection dataset(List<Series> list, boolean logY) {
        XYSeriesCollection collection = new XYSeriesCollection();
        for (Series s : list) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (int i = 0; i < s.x().length; i++) {
                double x = s.x()[i];
                double y = s.y()[i];
                if (Double.isFinite(x) && Double.isFinite(y) && (!logX || x > 0) && (!logY || y > 0)) {
                    xy.add(x, y, false);
                }
            }
            collection.addSeries(xy);
        }
        return collection;
    }

    private static XYLineAndShapeRenderer renderer(int firstColor, int count, boolean dashed) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < count; i++) {
            renderer.setSeriesPaint(i, PALETTE[(firstColor + i) % PALETTE.length]);
            renderer.setSeriesStroke(i, dashed
                    ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2f));
        }
        return renderer;
    }

    private static ValueAxis axis(String label, boolean log, Font labelFont, Font tickFont) {
        ValueAxis axis;
        if (log) {
            LogAxis logAxis = new PlainLabelLogAxis(label);
            logAxis.setBase(10);
            logAxis.setSmallestValue(1e-300);
            logAxis.setNumberFormatOverride(new ScientificFormat(2));
            logAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            logAxis.setMinorTickMarksVisible(true);
            axis = logAxis;
        } else {
            axis = new NumberAxis(label);
        }
        axis.setLabelFont(labelFont);
        axis.setTickLabelFont(tickFont);
        return axis;
    }

    private static ValueMarker marker(Marker m, int index, Font font) {
        Paint paint = MARKER_COLORS[index % MARKER_COLORS.length];
        ValueMarker marker = new ValueMarker(m.x(), paint,
                new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {3f, 3f}, 0f));
        marker.setLabel(m.label());
        marker.setLabelFont(font);
        marker.setLabelPaint(paint);
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 200));
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        marker.setLabelOffset(new RectangleInsets(6 + 16 * index, 4, 0, 0));
        return marker;
    }

    /**
     * A log axis whose tick labels are plain strings: LogAxis makes attributed labels, which JFreeSVG leaves
     * out of the SVG. Ticks sit at whole decades (the tick unit counts decades).
     */
    private static final class PlainLabelLogAxis extends LogAxis {
        private static final long serialVersionUID = 1L;

        PlainLabelLogAxis(String label) {
            super(label);
        }

        @Override
        protected List<ValueTick> refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
            return plain(super.refreshTicksHorizontal(g2, dataArea, edge));
        }

        @Override
        protected List<ValueTick> refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
            return plain(super.refreshTicksVertical(g2, dataArea, edge));
        }

        private static List<ValueTick> plain(List<ValueTick> ticks) {
            List<ValueTick> out = new ArrayList<>(ticks.size());
            for (ValueTick tick : ticks) {
                if (tick instanceof LogTick log) {
                    out.add(new NumberTick(tick.getTickType(), tick.getValue(), text(log.getAttributedLabel()),
                            tick.getTextAnchor(), tick.getRotationAnchor(), tick.getAngle()));
                } else {
                    out.add(tick);
                }
            }
            return out;
        }

        private static String text(AttributedString label) {
            if (label == null) {
                return "";
            }
            StringBuilder sb = new StringBuilder();
            AttributedCharacterIterator it = label.getIterator();
            for (char c = it.first(); c != CharacterIterator.DONE; c = it.next()) {
                sb.append(c);
            }
            return sb.toString();
        }
    }

    /** Collects titles, series and markers; all parts are optional. */
    public static final class Builder {
        private String title = "";
        private String xLabel = "";
        private String yLabel = "";
        private boolean logX;
        private final List<Series> series = new ArrayList<>();
        private String secondaryLabel = "";
        private boolean secondaryLog;
        private final List<Series> secondarySeries = new ArrayList<>();
        private final List<Marker> markers = new ArrayList<>();

        private Builder() {
        }

        /** @param value the chart title; default none */
        public Builder title(String value) {
            this.title = Objects.requireNonNull(value, "title");
            return this;
        }

        /** @param value the x-axis label; default none */
        public Builder xLabel(String value) {
            this.xLabel = Objects.requireNonNull(value, "xLabel");
            return this;
        }

        /** @param value the left y-axis label; default none */
        public Builder yLabel(String value) {
            this.yLabel = Objects.requireNonNull(value, "yLabel");
            return this;
        }

        /** @param value whether the x-axis is logarithmic (base 10); default false */
        public Builder logX(boolean value) {
            this.logX = value;
            return this;
        }

        /** Adds a curve on the left y-axis; arrays are copied. */
        public Builder addSeries(String name, double[] x, double[] y) {
            series.add(new Series(name, x, y));
            return this;
        }

        /**
         * Adds a right-hand y-axis.
         *
         * @param label its label, e.g. {@code learning rate}
         * @param log whether it is logarithmic
         */
        public Builder secondaryAxis(String label, boolean log) {
            this.secondaryLabel = Objects.requireNonNull(label, "label");
            this.secondaryLog = log;
            return this;
        }

        /** Adds a dashed curve on the right y-axis (see {@link #secondaryAxis}); arrays are copied. */
        public Builder addSecondarySeries(String name, double[] x, double[] y) {
            secondarySeries.add(new Series(name, x, y));
            return this;
        }

        /** Adds a vertical line at {@code x} labelled {@code label}; labels of later markers sit lower. */
        public Builder addMarker(double x, String label) {
            markers.add(new Marker(x, label));
            return this;
        }

        /** @return the plot description; drawing happens in the write methods */
        public CurvePlot build() {
            return new CurvePlot(this);
        }
    }
}
