package dev.lrlab.model.inline;

import dev.lrlab.Fixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;

class ModelVariablesTest {

    private static MetaGraphDef meta(String fixture) throws IOException {
        return SavedModel.parseFrom(Files.readAllBytes(Fixtures.model(fixture).resolve("saved_model.pb")))
                .getMetaGraphs(0);
    }

    @Test
    void tf2VariablesMatchTheirHandlesByShareName() throws IOException {
        List<GraphVariable> trainable = ModelVariables.trainable(meta("tf2_half_plus_two"));
        assertEquals(List.of(
                new GraphVariable("a", "a", DataType.DT_FLOAT, Shape.scalar(), true),
                new GraphVariable("b", "b", DataType.DT_FLOAT, Shape.scalar(), true),
                new GraphVariable("c", "c", DataType.DT_FLOAT, Shape.scalar(), true)), trainable);
    }

    @Test
    void kerasHasTwelveTrainableTensorsAndDuplicateMetricNamesMatchDistinctHandles() throws IOException {
        List<GraphVariable> all = ModelVariables.of(meta("keras_heart_mlp"));
        List<GraphVariable> trainable = all.stream().filter(GraphVariable::trainable).toList();
        assertEquals(12, trainable.size());
        assertEquals(new GraphVariable("dense/kernel", "dense/kernel", DataType.DT_FLOAT, Shape.of(13, 36), true),
                trainable.get(0));
        assertEquals(Shape.of(100, 1), trainable.get(10).shape());
        Set<String> metrics = all.stream().map(GraphVariable::nodeName)
                .filter(n -> n.startsWith("total") || n.startsWith("count")).collect(Collectors.toSet());
        assertEquals(Set.of("total", "total_1", "count", "count_1"), metrics);
        assertEquals(all.size(), all.stream().map(GraphVariable::nodeName).distinct().count());
    }

    @Test
    void tf1VariablesComeFromTheCollections() throws IOException {
        List<GraphVariable> all = ModelVariables.of(meta("tf1_half_plus_two"));
        Set<String> trainable = all.stream().filter(GraphVariable::trainable).map(GraphVariable::nodeName)
                .collect(Collectors.toSet());
        assertTrue(trainable.containsAll(Set.of("a", "b", "c")), trainable.toString());
        assertEquals("", all.get(0).sharedName());
    }

    @Test
    void tf1CounterIsListedAsItsCollectionSaysTrainable() throws IOException {
        // the flag is the model's own metadata; that no signature output depends on it differentiably
        // is for path analysis (GradientCoverage, addGradients) to tell
        assertEquals(List.of(new GraphVariable("counter", "", DataType.DT_FLOAT, Shape.scalar(), true)),
                ModelVariables.of(meta("tf1_counter")));
    }
}
