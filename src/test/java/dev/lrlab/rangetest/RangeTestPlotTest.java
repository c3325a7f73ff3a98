package dev.lrlab.rangetest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.suggest.LossSmoother;
import dev.lrlab.suggest.Suggestion;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RangeTestPlotTest {
    @TempDir
    Path dir;

    /** 60 rates from 1e-6 to 1; the loss falls from 2.3 to 0.5, then explodes to 30 at the end. */
    private static RangeTestResult result(boolean validation) {
        int n = 60;
        double[] lr = new double[n];
        double[] loss = new double[n];
        double[] val = new double[n];
        double[] accuracy = new double[n];
        Arrays.fill(val, Double.NaN);
        Arrays.fill(accuracy, Double.NaN);
        for (int i = 0; i < n; i++) {
            lr[i] = 1e-6 * Math.pow(10, 6.0 * i / (n - 1));
            loss[i] = i < 45 ? 2.3 - 1.8 * i / 45 : 0.5 + Math.pow(2, i - 45) / 1000;
            if (validation && i % 5 == 4) {
                val[i] = loss[i] + 0.1;
            }
        }
        loss[n - 1] = 30;
        double[] smoothed = LossSmoother.smooth(loss, 0.9);
        return RangeTestResult.builder().setLr(lr).setLoss(loss).setSmoothedLoss(smoothed).optValLoss(val)
                .optValAccuracy(accuracy).setSuggestions(RangeTest.suggest(lr, smoothed)).optWallTime(Duration.ofMillis(100))
                .build();
    }

    @Test
    void marksEverySuggestionAndNamesTheSeries() throws Exception {
        RangeTestResult result = result(true);
        Path svg = dir.resolve("range-test.svg");
        RangeTestPlot.of("Range test: demo", result).writeSvg(svg, false);
        List<String> texts = texts(svg);
        for (Suggestion s : result.suggestions().all()) {
            String label = s.name() + " " + String.format(java.util.Locale.ROOT, "%.2e", s.lr());
            assertTrue(texts.contains(label), "missing marker '" + label + "' in " + texts);
        }
        assertEquals(4, result.suggestions().all().size());
        for (String expected : List.of("loss", "smoothed loss", "validation loss", "learning rate (log scale)")) {
            assertTrue(texts.contains(expected), "missing '" + expected + "' in " + texts);
        }
        assertTrue(texts.contains("Range test: demo (losses above 9.20 not drawn)"), texts.toString());
    }

    @Test
    void drawsAPngAndLeavesOutTheValidationSeriesWhenNothingWasMeasured() throws Exception {
        RangeTestResult result = result(false);
        Path png = dir.resolve("range-test.png");
        RangeTestPlot.of("t", result).writePng(png, 900, 600, false);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        Path svg = dir.resolve("t.svg");
        RangeTestPlot.of("t", result).writeSvg(svg, false);
        assertFalse(texts(svg).contains("validation loss"));
    }

    @Test
    void withoutRawLossesTheSmoothedSeriesIsCalledLoss() throws Exception {
        RangeTestResult result = result(false);
        Path svg = dir.resolve("s.svg");
        RangeTestPlot.of("t", result.lr(), null, result.smoothedLoss(), null, result.suggestions()).writeSvg(svg, false);
        List<String> texts = texts(svg);
        assertTrue(texts.contains("loss"));
        assertFalse(texts.contains("smoothed loss"));
    }

    @Test
    void theCapIsFourTimesTheFirstFiniteSmoothedLoss() {
        assertEquals(8.0, RangeTestPlot.cap(new double[] {Double.NaN, 2, 1, 50}));
        assertEquals(Double.POSITIVE_INFINITY, RangeTestPlot.cap(new double[] {-1, 2}));
        assertEquals(Double.POSITIVE_INFINITY, RangeTestPlot.cap(new double[] {Double.NaN}));
    }

    private static List<String> texts(Path svg) throws Exception {
        Matcher m = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(Files.readString(svg));
        List<String> texts = new ArrayList<>();
        while (m.find()) {
            texts.add(m.group(1).replace("&amp;", "&"));
        }
        return texts;
    }
}
