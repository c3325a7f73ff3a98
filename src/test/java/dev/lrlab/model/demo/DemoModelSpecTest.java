package dev.lrlab.model.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoModelSpecTest {

    private static DemoModelSpec twoLayers(Head head, int outputs) {
        return new DemoModelSpec("m", List.of(new InputSpec("a", 2), new InputSpec("b", 3)),
                List.of(DenseSpec.relu("dense1", 4), DenseSpec.linear("dense2", outputs)), head, 5L);
    }

    @Test
    void widthsAndParameterCount() {
        DemoModelSpec spec = twoLayers(Head.SOFTMAX, 3);
        assertEquals(5, spec.inputWidth());
        assertEquals(3, spec.outputWidth());
        assertEquals("probabilities", spec.outputName());
        assertEquals(5 * 4 + 4 + 4 * 3 + 3, spec.parameterCount());
    }

    @Test
    void initialWeightsAreGlorotKernelsPerLayerAndZeroBiases() {
        DemoModelSpec spec = twoLayers(Head.SOFTMAX, 3);
        List<LayerWeights> weights = spec.initialWeights();
        assertEquals(2, weights.size());
        assertTrue(Arrays.deepEquals(new GlorotUniform(5L).kernel(0, 5, 4), weights.get(0).kernel()));
        assertTrue(Arrays.deepEquals(new GlorotUniform(5L).kernel(1, 4, 3), weights.get(1).kernel()));
        assertArrayEquals(new float[4], weights.get(0).bias());
        assertArrayEquals(new float[3], weights.get(1).bias());
    }

    @Test
    void initialWeightsAreTheSameEveryTime() {
        DemoModelSpec spec = twoLayers(Head.SOFTMAX, 3);
        assertTrue(Arrays.deepEquals(spec.initialWeights().get(1).kernel(),
                spec.initialWeights().get(1).kernel()));
    }

    @Test
    void listsAreCopied() {
        List<InputSpec> inputs = new ArrayList<>(List.of(new InputSpec("x", 1)));
        DemoModelSpec spec = new DemoModelSpec("m", inputs, List.of(DenseSpec.linear("l", 1)), Head.IDENTITY, 0);
        inputs.add(new InputSpec("z", 1));
        assertEquals(1, spec.inputs().size());
    }

    @Test
    void rejectsAReluLastLayer() {
        assertEquals("expected the last layer of m to be linear (its output feeds the SOFTMAX head), found ReLU",
                assertThrows(IllegalArgumentException.class, () -> new DemoModelSpec("m",
                        List.of(new InputSpec("x", 1)), List.of(DenseSpec.relu("l", 2)), Head.SOFTMAX, 0))
                        .getMessage());
    }

    @Test
    void rejectsAWideSigmoidHeadButTakesARegressionOfSeveralValues() {
        assertEquals("expected 1 output unit for a SIGMOID head in m, found 3",
                assertThrows(IllegalArgumentException.class, () -> twoLayers(Head.SIGMOID, 3)).getMessage());
        assertEquals(2, twoLayers(Head.IDENTITY, 2).outputWidth());
    }

    @Test
    void rejectsClashingNames() {
        assertEquals("expected unique op names in m, found 'dense1' twice or clashing with a reserved name",
                assertThrows(IllegalArgumentException.class, () -> new DemoModelSpec("m",
                        List.of(new InputSpec("dense1", 1)), List.of(DenseSpec.linear("dense1", 2)),
                        Head.SOFTMAX, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DemoModelSpec("m",
                List.of(new InputSpec("probabilities", 1)), List.of(DenseSpec.linear("l", 2)), Head.SOFTMAX, 0));
    }

    @Test
    void rejectsNoInputsOrLayers() {
        assertEquals("expected at least one input in m, found none",
                assertThrows(IllegalArgumentException.class, () -> new DemoModelSpec("m",
                        List.of(), List.of(DenseSpec.linear("l", 1)), Head.IDENTITY, 0)).getMessage());
        assertEquals("expected at least one layer in m, found none",
                assertThrows(IllegalArgumentException.class, () -> new DemoModelSpec("m",
                        List.of(new InputSpec("x", 1)), List.of(), Head.IDENTITY, 0)).getMessage());
    }
}
