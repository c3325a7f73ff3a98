package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.data.TestData;
import dev.lrlab.model.demo.DemoModel;
import dev.lrlab.model.demo.DemoModelExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `train` reads .npy pairs and gzipped IDX image/label files as well as CSV. */
class DataFormatsCliTest {
    @TempDir
    Path temp;

    @Test
    void trainsIrisFromNpyArrays() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("data-samples/iris.csv"));
        int rows = lines.size() - 1;
        float[] x = new float[rows * 4];
        long[] y = new long[rows];
        List<String> species = List.of("setosa", "versicolor", "virginica");
        for (int r = 0; r < rows; r++) {
            String[] cells = lines.get(r + 1).split(",");
            for (int c = 0; c < 4; c++) {
                x[r * 4 + c] = Float.parseFloat(cells[c]);
            }
            y[r] = species.indexOf(cells[4]);
        }
        Path xFile = TestData.write(temp.resolve("x.npy"), TestData.npy("<f4", "(" + rows + ", 4)", TestData.littleFloats(x)));
        Path yFile = TestData.write(temp.resolve("y.npy"), TestData.npy("<i8", "(" + rows + ",)", TestData.littleLongs(y)));
        CliRun run = CliRun.of("train", "models/iris-mlp", "--data", xFile.toString(), "--labels", yFile.toString(),
                "--epochs", "20", "--lr", "0.05", "--out", temp.resolve("c.csv").toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.out().contains("validation accuracy"), run.out());
    }

    @Test
    void trainsAn784InputMlpFromGzippedIdxFiles() throws IOException {
        Path model = temp.resolve("fashion-mlp");
        DemoModelExporter.export(DemoModel.FASHION_MNIST_MLP.spec(), model);
        int count = 64;
        Random random = new Random(9);
        byte[] pixels = new byte[count * 28 * 28];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 10);
            for (int p = 0; p < 28 * 28; p++) {
                // class i%10 lights up its own band of rows, so the images are learnable
                boolean band = p / 28 / 3 == labels[i];
                pixels[i * 784 + p] = (byte) (band ? 200 + random.nextInt(50) : random.nextInt(30));
            }
        }
        Path images = TestData.write(temp.resolve("images.gz"), TestData.gzip(TestData.concat(
                TestData.idxHeader(0x803, count, 28, 28), pixels)));
        Path labelFile = TestData.write(temp.resolve("labels.gz"), TestData.gzip(TestData.concat(
                TestData.idxHeader(0x801, count), labels)));
        CliRun run = CliRun.of("train", model.toString(), "--data", images.toString(), "--labels", labelFile.toString(),
                "--epochs", "5", "--lr", "0.05", "--batch-size", "16", "--val-fraction", "0.25",
                "--out", temp.resolve("c.csv").toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        String validation = run.out().lines().filter(l -> l.startsWith("validation loss")).findFirst().orElseThrow();
        String[] losses = validation.replace("validation loss: ", "").split(" -> ");
        assertTrue(Double.parseDouble(losses[1]) < Double.parseDouble(losses[0]), validation);
    }
}
