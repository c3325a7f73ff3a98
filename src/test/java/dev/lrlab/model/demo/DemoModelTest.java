package dev.lrlab.model.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoModelTest {

    @Test
    void committedModelsLeaveOutFashionMnist() {
        assertEquals(List.of(DemoModel.DIGITS_MLP, DemoModel.IRIS_MLP, DemoModel.IRIS_TWO_INPUTS,
                DemoModel.DIABETES_LINEAR, DemoModel.LOGISTIC), DemoModel.committedModels());
    }

    @Test
    void shapesMatchTheDataSamples() {
        assertEquals(64, DemoModel.DIGITS_MLP.spec().inputWidth());
        assertEquals(10, DemoModel.DIGITS_MLP.spec().outputWidth());
        assertEquals(4, DemoModel.IRIS_MLP.spec().inputWidth());
        assertEquals(3, DemoModel.IRIS_TWO_INPUTS.spec().outputWidth());
        assertEquals(10, DemoModel.DIABETES_LINEAR.spec().inputWidth());
        assertEquals(30, DemoModel.LOGISTIC.spec().inputWidth());
        assertEquals(784, DemoModel.FASHION_MNIST_MLP.spec().inputWidth());
    }

    @Test
    void inputWidthsMatchTheFeatureColumnsOfTheDataSamples() throws IOException {
        // every sample has one label column after its features
        assertEquals(DemoModel.DIGITS_MLP.spec().inputWidth() + 1, columns("digits.csv"));
        assertEquals(DemoModel.IRIS_MLP.spec().inputWidth() + 1, columns("iris.csv"));
        assertEquals(DemoModel.DIABETES_LINEAR.spec().inputWidth() + 1, columns("diabetes.csv"));
        assertEquals(DemoModel.LOGISTIC.spec().inputWidth() + 1, columns("breast_cancer.csv"));
        assertEquals("sepal_0,sepal_1,petal_0,petal_1,species", header("iris-two-inputs.csv"));
    }

    private static String header(String sample) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(Path.of("data-samples", sample))) {
            return reader.readLine();
        }
    }

    private static int columns(String sample) throws IOException {
        return header(sample).split(",").length;
    }

    @Test
    void parameterCountsAreHandDerived() {
        assertEquals(64 * 32 + 32 + 32 * 10 + 10, DemoModel.DIGITS_MLP.spec().parameterCount());
        assertEquals(784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10,
                DemoModel.FASHION_MNIST_MLP.spec().parameterCount());
        assertEquals(31, DemoModel.LOGISTIC.spec().parameterCount());
    }

    @Test
    void findsModelsByFolderName() {
        assertSame(DemoModel.IRIS_MLP, DemoModel.byFolderName("iris-mlp"));
        assertEquals("expected one of [digits-mlp, iris-mlp, iris-two-inputs, diabetes-linear, logistic,"
                        + " fashion-mnist-mlp], found iris",
                assertThrows(IllegalArgumentException.class, () -> DemoModel.byFolderName("iris")).getMessage());
    }
}
