package dev.lrlab.report;

import dev.lrlab.LrlabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CurvePlotTest {
    @TempDir
    Path dir;

    /** A range-test-like curve: 60 rates from 1e-6 to 1, loss falls then explodes, last point NaN. */
    static CurvePlot rangeTestPlot() {
        int n = 60;
        double[] lr = new double[n];
        double[] loss = new double[n];
        double[] step = new double[n];
        for (int i = 0; i < n; i++) {
            step[i] = i;
            lr[i] = 1e-6 * Math.pow(10, 6.0 * i / (n - 1));
            double x = Math.log10(lr[i]);
            loss[i] = 2.3 - 1.8 / (1 + Math.exp(-(x + 3.5) * 2.5)) + (x < -1.5 ? 0 : 1.5 * (x + 1.5) * (x + 1.5));
        }
        loss[n - 1] = Double.NaN;
        double[] smoothed = new double[n];
        double avg = 0;
        for (int i = 0; i < n; i++) {
            avg = 0.9 * avg + 0.1 * loss[i];
            smoothed[i] = avg / (1 - Math.pow(0.9, i + 1));
        }
        return CurvePlot.builder()
                .title("Learning-rate range test")
                .xLabel("learning rate")
                .yLabel("loss")
                .logX(true)
                .addSeries("loss", lr, loss)
                .addSeries("smoothed loss", lr, smoothed)
                .addMarker(5.6e-4, "valley 5.6e-4")
                .addMarker(1.5e-3, "minimum/10 1.5e-3")
                .build();
    }

    @Test
    void pngDecodesAtTheGivenSize() throws Exception {
        Path png = dir.resolve("range-test.png");
        rangeTestPlot().writePng(png, 900, 600, false);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(600, image.getHeight());
        assertEquals(0xffffffff, image.getRGB(2, 2), "white background");
        assertTrue(hasColour(image, 0x1f77b4), "first series is drawn in blue");
    }

    /** Regression: JFreeSVG's default id prefix held the clock, so two writes of one plot never matched. */
    @Test
    void theSamePlotWritesTheSameSvgBytesEveryTime() throws Exception {
        Path first = Files.createDirectory(dir.resolve("a")).resolve("range-test.svg");
        Path second = Files.createDirectory(dir.resolve("b")).resolve("range-test.svg");
        rangeTestPlot().writeSvg(first, false);
        rangeTestPlot().writeSvg(second, false);
        assertEquals(Files.readString(first), Files.readString(second));
        assertTrue(Files.readString(first).contains("_range_test_svg_"), "ids carry the file name");
    }

    @Test
    void svgIsXmlWithSeriesMarkerAndTickLabels() throws Exception {
        Path svg = dir.resolve("range-test.svg");
        rangeTestPlot().writeSvg(svg, false);
        List<String> texts = texts(svg);
        // every text but the rotated y-axis label, which JFreeSVG writes as outlines
        for (String expected : List.of("Learning-rate range test", "learning rate", "loss", "smoothed loss",
                "valley 5.6e-4", "minimum/10 1.5e-3", "1e-6", "1e-5", "1e-3", "1e0", "0.4", "3.4")) {
            assertTrue(texts.contains(expected), "missing text '" + expected + "' in " + texts);
        }
    }

    @Test
    void secondaryAxisSeriesAppearsInLegend() throws Exception {
        double[] step = {0, 1, 2, 3, 4};
        double[] loss = {2.0, 1.5, 1.2, Double.POSITIVE_INFINITY, 1.1};
        double[] lr = {1e-4, 1e-3, 1e-2, 1e-1, 1};
        Path svg = dir.resolve("steps.svg");
        CurvePlot.builder()
                .title("Loss and learning rate by step")
                .xLabel("step").yLabel("loss")
                .addSeries("loss", step, loss)
                .secondaryAxis("learning rate", true)
                .addSecondarySeries("lr", step, lr)
                .build()
                .writeSvg(svg, 640, 480, false);
        List<String> texts = texts(svg);
        // legend entry of the right-axis series, and that axis' log ticks; rotated axis labels ("loss",
        // "learning rate") are drawn by JFreeChart through TextLayout, which JFreeSVG writes as outlines
        for (String expected : List.of("lr", "loss", "step", "1e-4", "1e-3", "1e0")) {
            assertTrue(texts.contains(expected), "missing text '" + expected + "' in " + texts);
        }
        assertTrue(Files.readString(svg).contains("width='640.0' height='480.0'"));
    }

    @Test
    void refusesExistingFileWithoutForce() throws Exception {
        Path png = Files.writeString(dir.resolve("plot.png"), "old");
        CurvePlot plot = CurvePlot.builder().addSeries("a", new double[] {1, 2}, new double[] {1, 2}).build();
        assertThrows(LrlabException.class, () -> plot.writePng(png, 200, 200, false));
        plot.writePng(png, 200, 200, true);
        assertNotEquals("old", Files.readString(png, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void rejectsMismatchedSeriesAndTinyPictures() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CurvePlot.builder().addSeries("a", new double[] {1, 2}, new double[] {1}));
        assertEquals("expected as many y as x values in series 'a', found 1 y for 2 x", e.getMessage());
        CurvePlot plot = CurvePlot.builder().build();
        assertEquals("expected a picture of at least 100x100, found 50x400",
                assertThrows(IllegalArgumentException.class,
                        () -> plot.writePng(dir.resolve("x.png"), 50, 400, false)).getMessage());
    }

    @Test
    void emptyPlotStillDraws() throws Exception {
        Path png = dir.resolve("empty.png");
        CurvePlot.builder().logX(true).addSeries("nothing", new double[] {-1, Double.NaN}, new double[] {1, 2})
                .build().writePng(png, 300, 200, false);
        assertEquals(300, ImageIO.read(png.toFile()).getWidth());
    }

    private static boolean hasColour(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> texts(Path svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getLocalName() != null
                ? doc.getDocumentElement().getLocalName() : doc.getDocumentElement().getNodeName());
        NodeList nodes = doc.getElementsByTagName("text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }
}
