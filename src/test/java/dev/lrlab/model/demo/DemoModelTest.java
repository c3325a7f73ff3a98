package dev.lrlab.model.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
