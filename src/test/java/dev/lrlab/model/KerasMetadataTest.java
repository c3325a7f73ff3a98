package dev.lrlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.Fixtures;
import dev.lrlab.KerasMetadataFiles;
import dev.lrlab.LrlabException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader on the five Keras 2 fixtures that carry a {@code keras_metadata.pb} (values decoded from the files
 * independently, with a protobuf wire-format decoder in Python), and on files written here.
 */
class KerasMetadataTest {
    @TempDir
    Path temp;

    private static KerasCompileConfig compileConfig(String fixture) {
        return KerasMetadata.read(Fixtures.shared(fixture)).orElseThrow().compileConfig().orElseThrow();
    }

    @Test
    void heartMlpIsBinaryCrossEntropyOnProbabilitiesWithAdam() {
        KerasMetadata metadata = KerasMetadata.read(Fixtures.shared("keras_heart_mlp")).orElseThrow();
        assertEquals(9, metadata.nodes().size());
        KerasMetadata.Node root = metadata.root().orElseThrow();
        assertEquals(0, root.nodeId());
        assertEquals("_tf_keras_sequential", root.identifier());
        KerasCompileConfig config = metadata.compileConfig().orElseThrow();
        assertEquals(1, config.losses().size());
        KerasLoss loss = config.losses().get(0);
        assertEquals(Optional.empty(), loss.output());
        assertEquals("binary_crossentropy", loss.name());
        assertEquals(Optional.of(LossKind.BINARY_CROSSENTROPY), loss.kind());
        assertEquals(Optional.empty(), loss.fromLogits());
        assertEquals(List.of(), loss.notes());
        KerasOptimizer adam = config.optimizer().orElseThrow();
        assertEquals("Adam", adam.className());
        assertEquals(OptionalDouble.of(0.0010000000474974513), adam.learningRate());
        assertEquals(OptionalDouble.of(0.8999999761581421), adam.number("beta_1"));
        assertEquals(OptionalDouble.of(0.9990000128746033), adam.number("beta_2"));
        assertEquals(OptionalDouble.of(1e-7), adam.number("epsilon"));
        assertEquals(OptionalDouble.of(0.0), adam.number("decay"));
        assertFalse(adam.flag("amsgrad"));
        assertEquals(List.of("acc"), config.metrics());
    }

    @Test
    void petfinderLossIsAnObjectWithFromLogits() {
        KerasCompileConfig config = compileConfig("keras_petfinder_lookup");
        KerasLoss loss = config.lossFor(Optional.empty()).orElseThrow();
        assertEquals("BinaryCrossentropy", loss.name());
        assertEquals(Optional.of(LossKind.BINARY_CROSSENTROPY), loss.kind());
        assertEquals(Optional.of(true), loss.fromLogits());
        assertEquals("BinaryCrossentropy(from_logits=true)", loss.describe());
        assertEquals(List.of(), loss.notes()); // label_smoothing 0
        assertEquals(List.of("accuracy"), config.metrics());
        assertEquals(44, KerasMetadata.read(Fixtures.shared("keras_petfinder_lookup")).orElseThrow().nodes().size());
    }

    @Test
    void regressionFixturesNameMseByAliasAndKeras211OptimizersAsCustom() {
        assertEquals(Optional.of(LossKind.MSE), compileConfig("keras_lstm_series").losses().get(0).kind());
        assertEquals(List.of("mean_absolute_error"), compileConfig("keras_lstm_series").metrics());
        KerasCompileConfig bigru = compileConfig("keras_conv_bigru");
        assertEquals("mean_squared_error", bigru.losses().get(0).name());
        assertEquals(Optional.of(LossKind.MSE), bigru.losses().get(0).kind());
        assertEquals(List.of(), bigru.metrics());
        KerasOptimizer adam = bigru.optimizer().orElseThrow();
        assertEquals("Custom>Adam", adam.className());
        assertEquals("Adam", adam.name());
        assertEquals(OptionalDouble.of(0.9), adam.number("beta_1"));
        assertEquals(OptionalDouble.empty(), adam.number("weight_decay")); // saved as null
        assertFalse(adam.flag("use_ema"));
    }

    @Test
    void stackedLstmIsCategoricalCrossEntropyWithATenTimesHigherRate() {
        KerasCompileConfig config = compileConfig("keras_stacked_lstm_seq");
        assertEquals(Optional.of(LossKind.CATEGORICAL_CROSSENTROPY), config.losses().get(0).kind());
        assertEquals(OptionalDouble.of(0.009999999776482582), config.optimizer().orElseThrow().learningRate());
        assertEquals(List.of("accuracy"), config.metrics());
    }

    @Test
    void modelsWithoutTheFileHaveNoMetadata() {
        assertEquals(Optional.empty(), KerasMetadata.read(Path.of("models/iris-mlp")));
        assertEquals(Optional.empty(), KerasMetadata.read(Fixtures.shared("keras3_export_bilstm")));
    }

    @Test
    void everyKerasSpellingOfASupportedLossMapsToLrlabsLoss() {
        Map<String, LossKind> names = Map.ofEntries(
                Map.entry("\"mse\"", LossKind.MSE), Map.entry("\"MSE\"", LossKind.MSE),
                Map.entry("\"mean_squared_error\"", LossKind.MSE),
                Map.entry("{\"class_name\": \"MeanSquaredError\", \"config\": {}}", LossKind.MSE),
                Map.entry("\"mae\"", LossKind.MAE), Map.entry("\"mean_absolute_error\"", LossKind.MAE),
                Map.entry("{\"class_name\": \"MeanAbsoluteError\", \"config\": {}}", LossKind.MAE),
                Map.entry("\"bce\"", LossKind.BINARY_CROSSENTROPY),
                Map.entry("\"binary_crossentropy\"", LossKind.BINARY_CROSSENTROPY),
                Map.entry("\"categorical_crossentropy\"", LossKind.CATEGORICAL_CROSSENTROPY),
                Map.entry("{\"class_name\": \"CategoricalCrossentropy\", \"config\": {\"from_logits\": false}}",
                        LossKind.CATEGORICAL_CROSSENTROPY),
                Map.entry("\"sparse_categorical_crossentropy\"", LossKind.SPARSE_CATEGORICAL_CROSSENTROPY),
                Map.entry("{\"module\": \"keras.losses\", \"class_name\": \"function\", \"config\": "
                        + "\"sparse_categorical_crossentropy\"}", LossKind.SPARSE_CATEGORICAL_CROSSENTROPY),
                Map.entry("{\"class_name\": \"keras.losses.SparseCategoricalCrossentropy\", \"config\": {}}",
                        LossKind.SPARSE_CATEGORICAL_CROSSENTROPY));
        names.forEach((json, kind) -> assertEquals(Optional.of(kind), parse("{\"loss\": " + json + "}").losses().get(0).kind(),
                json));
    }

    @Test
    void unsupportedLossesAreKeptByNameWithoutALrlabLoss() {
        for (String json : List.of("\"huber\"", "\"hinge\"", "\"kl_divergence\"", "\"my_custom_loss\"",
                "{\"class_name\": \"Huber\", \"config\": {\"delta\": 1.0}}")) {
            KerasLoss loss = parse("{\"loss\": " + json + "}").losses().get(0);
            assertEquals(Optional.empty(), loss.kind(), json);
        }
        assertEquals("Huber", parse("{\"loss\": {\"class_name\": \"Huber\", \"config\": {}}}").losses().get(0).name());
    }

    @Test
    void labelSmoothingAndIgnoredClassesAreNotedAsNotApplied() {
        KerasLoss loss = parse("{\"loss\": {\"class_name\": \"BinaryCrossentropy\", \"config\": {\"from_logits\": false, "
                + "\"label_smoothing\": 0.1}}}").losses().get(0);
        assertEquals(List.of("label_smoothing 0.1 is not applied"), loss.notes());
        assertEquals(Optional.of(false), loss.fromLogits());
    }

    @Test
    void compileSettingsAreEqualWhenTheyHoldTheSameLossesOptimizerAndMetrics() {
        String adam = ", \"optimizer_config\": {\"class_name\": \"Adam\", \"config\": {\"beta_1\": 0.9}}";
        String logits = "{\"loss\": {\"class_name\": \"BinaryCrossentropy\", \"config\": {\"from_logits\": true}}";
        KerasCompileConfig config = parse(logits + adam + ", \"metrics\": [\"acc\"]}");
        assertEquals(parse(logits + adam + ", \"metrics\": [\"acc\"]}"), config);
        assertEquals(parse(logits + adam + ", \"metrics\": [\"acc\"]}").hashCode(), config.hashCode());
        assertNotEquals(parse(logits.replace("true", "false") + adam + ", \"metrics\": [\"acc\"]}"), config);
        assertNotEquals(parse(logits + ", \"metrics\": [\"acc\"]}"), config);
        assertNotEquals(parse(logits + adam + "}"), config);
        assertEquals("KerasLoss[output=Optional.empty, name=BinaryCrossentropy, kind=Optional[BINARY_CROSSENTROPY], "
                + "fromLogits=Optional[true], notes=[]]", config.losses().get(0).toString());
    }

    @Test
    void aLossPerOutputIsPickedByTheOutputName() {
        KerasCompileConfig config = parse("{\"loss\": {\"age\": \"mse\", \"kind\": {\"class_name\": "
                + "\"SparseCategoricalCrossentropy\", \"config\": {\"from_logits\": true}}}}");
        assertEquals(2, config.losses().size());
        assertEquals(Optional.empty(), config.lossFor(Optional.empty()));
        assertEquals(Optional.of(LossKind.SPARSE_CATEGORICAL_CROSSENTROPY),
                config.lossFor(Optional.of("kind")).orElseThrow().kind());
        assertEquals(Optional.of(LossKind.MSE), config.lossFor(Optional.of("age")).orElseThrow().kind());
        KerasCompileConfig list = parse("{\"loss\": [\"mse\"]}");
        assertEquals(Optional.of(LossKind.MSE), list.lossFor(Optional.of("anything")).orElseThrow().kind());
    }

    @Test
    void aWrappedOptimizerAndAScheduledRateAreRead() {
        KerasCompileConfig config = parse("{\"loss\": \"mse\", \"optimizer_config\": {\"optimizer_config\": {\"class_name\": "
                + "\"SGD\", \"config\": {\"learning_rate\": {\"class_name\": \"ExponentialDecay\", \"config\": "
                + "{\"initial_learning_rate\": 0.1, \"decay_steps\": 1000, \"decay_rate\": 0.9}}, \"momentum\": 0.9, "
                + "\"nesterov\": true}}, \"is_legacy_optimizer\": false}}");
        KerasOptimizer sgd = config.optimizer().orElseThrow();
        assertEquals("SGD", sgd.name());
        assertEquals(OptionalDouble.of(0.1), sgd.learningRate());
        assertEquals(Optional.of("ExponentialDecay"), sgd.learningRateSchedule());
        assertTrue(sgd.flag("nesterov"));
        assertEquals(OptionalDouble.of(0.9), sgd.number("momentum"));
        assertEquals(OptionalDouble.of(0.01), parse("{\"optimizer_config\": {\"class_name\": \"SGD\", \"config\": "
                + "{\"lr\": 0.01}}}").optimizer().orElseThrow().learningRate());
    }

    @Test
    void versionDefsInEitherFieldAndOtherNodesAreSkipped() {
        KerasMetadata metadata = KerasMetadata.parse(KerasMetadataFiles.withTrainingConfig("{\"loss\": \"mae\"}"), "test");
        assertEquals(2, metadata.nodes().size());
        assertEquals(new KerasMetadata.Node(1, "root.layer-0", "_tf_keras_layer", "{\"name\": \"dense\"}"),
                metadata.nodes().get(0));
        assertEquals("_tf_keras_sequential", metadata.root().orElseThrow().identifier());
        assertEquals(Optional.of(LossKind.MAE), metadata.compileConfig().orElseThrow().losses().get(0).kind());
    }

    @Test
    void aModelSavedWithoutCompilingHasNoCompileConfig() {
        byte[] bytes = KerasMetadataFiles.metadata(KerasMetadataFiles.node(0, "root", "_tf_keras_network",
                "{\"class_name\": \"Functional\"}", 6));
        assertEquals(Optional.empty(), KerasMetadata.parse(bytes, "test").compileConfig());
        byte[] nullConfig = KerasMetadataFiles.metadata(KerasMetadataFiles.node(0, "root", "_tf_keras_network",
                "{\"training_config\": null}", 0));
        assertEquals(Optional.empty(), KerasMetadata.parse(nullConfig, "test").compileConfig());
    }

    @Test
    void damagedFilesAreModelErrorsNamingTheFile() throws Exception {
        java.nio.file.Files.write(temp.resolve(KerasMetadata.FILE_NAME), new byte[] {0x0a, 0x7f, 0x01});
        LrlabException truncated = assertThrows(LrlabException.class, () -> KerasMetadata.read(temp));
        assertEquals(LrlabException.Kind.MODEL, truncated.kind());
        assertTrue(truncated.getMessage().startsWith(temp.resolve(KerasMetadata.FILE_NAME) + " is not Keras metadata ("),
                truncated.getMessage());
        byte[] notJson = KerasMetadataFiles.metadata(KerasMetadataFiles.node(0, "root", "_tf_keras_network", "{oops", 6));
        LrlabException json = assertThrows(LrlabException.class, () -> KerasMetadata.parse(notJson, "m.pb").compileConfig());
        assertTrue(json.getMessage().startsWith("m.pb: the root model's metadata is not JSON ("), json.getMessage());
    }

    private static KerasCompileConfig parse(String trainingConfig) {
        return KerasMetadata.parse(KerasMetadataFiles.withTrainingConfig(trainingConfig), "test").compileConfig().orElseThrow();
    }
}
