package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lrlab.Fixtures;
import org.junit.jupiter.api.Test;

class InspectCommandTest {
    @Test
    void describesATf1GraphForPeople() {
        CliRun run = CliRun.of("inspect", Fixtures.shared("tf1_half_plus_two").toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.out().contains("kind: TF1 graph"), run.out());
        assertTrue(run.out().contains("signature serving_default (tensorflow/serving/predict)"), run.out());
        assertTrue(run.out().contains("  input  x                    FLOAT    [-1,1]         x:0"), run.out());
        assertTrue(run.out().contains("         trainable: 2 variables (a, b)"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("  a +FLOAT +\\[\\] +VariableV2 +trainable")), run.out());
    }

    @Test
    void describesAKerasModelAsJson() throws Exception {
        CliRun run = CliRun.of("inspect", Fixtures.shared("keras_heart_mlp").toString(), "--json");
        assertEquals(ExitCode.OK, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("TF2_FUNCTIONS", json.get("kind").asText());
        JsonNode signature = json.get("signatures").get(0);
        assertEquals("serving_default", signature.get("key").asText());
        assertEquals("dense_input", signature.get("inputs").get(0).get("key").asText());
        assertEquals("[-1,13]", signature.get("inputs").get(0).get("shape").toString().replace(" ", ""));
        JsonNode output = signature.get("outputs").get(0);
        assertTrue(output.get("trainable").asBoolean());
        assertEquals(12, output.get("trainableVariables").size());
        assertTrue(json.get("variables").findValuesAsText("kind").stream().allMatch("RESOURCE"::equals));
    }

    @Test
    void saysWhyNothingIsTrainableInTheCounterModel() {
        CliRun run = CliRun.of("inspect", Fixtures.shared("tf1_counter").toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.out().contains("not trainable: output is FLOAT_REF, not a float"), run.out());
    }

    @Test
    void saysWhichColumnsEachInputReads() throws Exception {
        CliRun estimator = CliRun.of("inspect", dev.lrlab.Fixtures.shared("tf1_estimator_iris_dnn").toString());
        assertEquals(ExitCode.OK, estimator.code(), estimator.err());
        assertTrue(estimator.out().contains("  input  inputs               STRING   [-1]           input_tensors:0\n"
                + "         reads: serialized tf.Example protos built per row: x FLOAT [4] <- columns 'x_0' .. 'x_3' or every"
                + " feature column\n"), estimator.out());
        CliRun pets = CliRun.of("inspect", dev.lrlab.Fixtures.shared("keras_petfinder_lookup").toString(), "--json");
        var inputs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(pets.out()).get("signatures").get(0)
                .get("inputColumns");
        assertEquals("column 'Age', whole numbers", inputs.get("Age").asText());
        assertEquals("column 'Breed1', as text", inputs.get("Breed1").asText());
        assertEquals("column 'Fee'", inputs.get("Fee").asText());
        CliRun two = CliRun.of("inspect", "models/iris-two-inputs");
        assertTrue(two.out().contains("         reads: columns 'sepal_0' .. 'sepal_1'\n"), two.out());
    }
}
