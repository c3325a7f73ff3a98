package dev.lrlab.experiment;

import dev.lrlab.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The UCI heart-disease table shipped with the shared Keras fixture ({@code keras_heart_mlp.csv}: UTF-8 BOM,
 * 13 numeric features, 0/1 label {@code target} last), each feature standardised to mean 0 and variance 1.
 */
final class HeartData {
    static final int FEATURES = 13;

    private HeartData() {
    }

    static ArrayData standardised() {
        Path csv = Fixtures.shared("keras_heart_mlp.csv");
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String header = lines.get(0).replace("\uFEFF", "");
        if (!header.endsWith(",target") || header.split(",").length != FEATURES + 1) {
            throw new IllegalStateException("unexpected header " + header);
        }
        List<String> body = lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
        int rows = body.size();
        double[][] values = new double[rows][];
        float[] labels = new float[rows];
        for (int r = 0; r < rows; r++) {
            String[] cells = body.get(r).split(",");
            values[r] = new double[FEATURES];
            for (int c = 0; c < FEATURES; c++) {
                values[r][c] = Double.parseDouble(cells[c]);
            }
            labels[r] = Float.parseFloat(cells[FEATURES]);
        }
        float[] features = new float[rows * FEATURES];
        for (int c = 0; c < FEATURES; c++) {
            double mean = 0;
            for (double[] row : values) {
                mean += row[c] / rows;
            }
            double variance = 0;
            for (double[] row : values) {
                variance += (row[c] - mean) * (row[c] - mean) / rows;
            }
            double sd = Math.sqrt(variance);
            for (int r = 0; r < rows; r++) {
                features[r * FEATURES + c] = (float) ((values[r][c] - mean) / sd);
            }
        }
        return new ArrayData(features, labels, rows, FEATURES);
    }
}
