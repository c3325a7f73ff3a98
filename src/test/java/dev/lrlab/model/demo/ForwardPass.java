package dev.lrlab.model.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.types.TFloat32;

/** Test fixture: a demo model's output computed in plain Java (double precision) from its weights. */
final class ForwardPass {

    private ForwardPass() {
    }

    /**
     * @param spec the model
     * @param inputs one {@code [rows][width]} matrix per input, in the spec's order
     * @return {@code [rows][outputWidth]}
     */
    static double[][] run(DemoModelSpec spec, List<float[][]> inputs) {
        int rows = inputs.get(0).length;
        double[][] h = new double[rows][];
        for (int r = 0; r < rows; r++) {
            double[] row = new double[spec.inputWidth()];
            int offset = 0;
            for (float[][] input : inputs) {
                for (float v : input[r]) {
                    row[offset++] = v;
                }
            }
            h[r] = row;
        }
        List<LayerWeights> weights = spec.initialWeights();
        for (int l = 0; l < weights.size(); l++) {
            h = dense(h, weights.get(l), spec.layers().get(l).relu());
        }
        for (double[] row : h) {
            head(spec.head(), row);
        }
        return h;
    }

    private static double[][] dense(double[][] h, LayerWeights w, boolean relu) {
        double[][] out = new double[h.length][w.fanOut()];
        for (int r = 0; r < h.length; r++) {
            for (int j = 0; j < w.fanOut(); j++) {
                double z = w.bias()[j];
                for (int i = 0; i < w.fanIn(); i++) {
                    z += h[r][i] * w.kernel()[i][j];
                }
                out[r][j] = relu ? Math.max(0, z) : z;
            }
        }
        return out;
    }

    private static void head(Head head, double[] row) {
        switch (head) {
            case SOFTMAX -> {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : row) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (int j = 0; j < row.length; j++) {
                    row[j] = Math.exp(row[j] - max);
                    sum += row[j];
                }
                for (int j = 0; j < row.length; j++) {
                    row[j] /= sum;
                }
            }
            case SIGMOID -> row[0] = 1 / (1 + Math.exp(-row[0]));
            case IDENTITY -> { }
        }
    }

    /** Deterministic inputs in [-2, 2): row r, column c of input k. */
    static float[][] inputRows(int rows, int width, int salt) {
        float[][] x = new float[rows][width];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                x[r][c] = (float) (((r * 31 + c * 17 + salt * 7) % 40) / 10.0 - 2.0);
            }
        }
        return x;
    }

    static TFloat32 tensor(float[][] rows) {
        return TFloat32.tensorOf(StdArrays.ndCopyOf(rows));
    }

    static float[][] matrix(TFloat32 tensor) {
        Shape shape = tensor.shape();
        float[][] out = new float[(int) shape.size(0)][(int) shape.size(1)];
        StdArrays.copyFrom(tensor, out);
        return out;
    }

    static Map<String, float[][]> named(DemoModelSpec spec, List<float[][]> inputs) {
        Map<String, float[][]> map = new LinkedHashMap<>();
        for (int k = 0; k < inputs.size(); k++) {
            map.put(spec.inputs().get(k).name(), inputs.get(k));
        }
        return map;
    }
}
