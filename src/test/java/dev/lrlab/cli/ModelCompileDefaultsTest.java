package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lrlab.Fixtures;
import dev.lrlab.KerasMetadataFiles;
import dev.lrlab.Setting;
import dev.lrlab.SettingSource;
import dev.lrlab.data.DataSpec;
import dev.lrlab.model.LossKind;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.train.OptimizerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy of the bundled {@code models/iris-mlp} with a hand-written {@code keras_metadata.pb} beside it: the
 * model was "compiled" with {@code SparseCategoricalCrossentropy(from_logits=True)} and {@code SGD(learning_rate=0.05,
 * momentum=0.9, nesterov=True)}. Runs take those as defaults, options override them, and summaries say where each
 * setting came from. (iris-mlp ends in a Softmax, so from_logits=True is the model's mistake: lrlab obeys and warns.)
 */
class ModelCompileDefaultsTest {
    private static final String TRAINING_CONFIG = "{\"loss\": {\"class_name\": \"SparseCategoricalCrossentropy\", "
            + "\"config\": {\"reduction\": \"auto\", \"name\": \"sparse_categorical_crossentropy\", \"from_logits\": true}}, "
            + "\"metrics\": [[\"accuracy\"]], \"optimizer_config\": {\"class_name\": \"SGD\", \"config\": {\"name\": \"SGD\", "
            + "\"learning_rate\": 0.05, \"decay\": 0.0, \"momentum\": 0.9, \"nesterov\": true}}}";
    private static final String DATA = "data-samples/iris.csv";

    @TempDir
    Path temp;
    private Path model;

    @BeforeEach
    void copyModel() throws IOException {
        model = dev.lrlab.TestFolders.copy(Path.of("models/iris-mlp"), temp.resolve("iris-compiled"));
        KerasMetadataFiles.write(model, TRAINING_CONFIG);
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    private static void assertSetting(JsonNode settings, String name, String value, String source) {
        assertEquals(value, settings.get(name).get("value").asText(), name + " in " + settings);
        assertEquals(source, settings.get(name).get("source").asText(), name + " in " + settings);
    }

    @Test
    void theJavaApiTakesTheModelsLossAndOptimizer() {
        RunSpec spec = RunSpec.builder().setModel(model).setData(DataSpec.csv(Path.of(DATA), "species")).build();
        assertEquals(Optional.of(LossKind.SPARSE_CATEGORICAL_CROSSENTROPY), spec.loss());
        assertEquals(Optional.of(true), spec.fromLogits());
        assertEquals(OptimizerKind.NESTEROV, spec.optimizer().kind());
        assertEquals(Setting.model(0.9), spec.compile().momentum());
        assertEquals(OptionalDouble.of(0.05), spec.compile().modelLearningRate());
        try (PreparedRun run = PreparedRun.open(spec)) {
            assertEquals(Setting.model(LossKind.SPARSE_CATEGORICAL_CROSSENTROPY), run.lossSetting());
            assertEquals(Setting.model(true), run.fromLogitsSetting());
            assertEquals("sparse-categorical-crossentropy on the output probabilities:0 taken as logits",
                    run.engine().objective().description());
        }
        RunSpec ignored = RunSpec.builder().setModel(model).setData(DataSpec.csv(Path.of(DATA), "species"))
                .optModelCompileSettings(false).build();
        assertEquals(Setting.byDefault(OptimizerKind.SGD), ignored.compile().optimizer());
        assertEquals(Optional.empty(), ignored.loss());
    }

    @Test
    void aRangeTestLogsAndRecordsTheModelsSettings() throws IOException {
        Path out = temp.resolve("range");
        CliRun run = CliRun.of("range-test", model.toString(), "--data", DATA, "--label", "species", "--steps", "10",
                "--out-dir", out.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.err().contains("settings: loss sparse-categorical-crossentropy (model), from logits true (model), "
                + "optimizer nesterov (model), momentum 0.9 (model); the model's learning rate 0.05 (reference only)\n"),
                run.err());
        assertTrue(run.err().contains("warning: the output probabilities:0 is taken as logits, but a Softmax ends it: its "
                + "values are probabilities; --no-from-logits reads it as probabilities\n"), run.err());
        JsonNode summary = json(out.resolve("summary.json"));
        JsonNode settings = summary.get("compile_settings");
        assertSetting(settings, "loss", "sparse-categorical-crossentropy", "model");
        assertSetting(settings, "from_logits", "true", "model");
        assertSetting(settings, "optimizer", "nesterov", "model");
        assertSetting(settings, "momentum", "0.9", "model");
        assertSetting(settings, "beta2", "0.999", "default");
        assertEquals(0.05, settings.get("model_learning_rate").asDouble());
        assertEquals("SGD", settings.get("model_compile_config").get("optimizer").get("class_name").asText());
        assertEquals("nesterov", summary.get("settings").get("optimizer").asText());
        assertEquals(0.9, summary.get("settings").get("momentum").asDouble());
        String csv = Files.readString(out.resolve("summary.csv"));
        assertTrue(csv.contains("compile_settings.optimizer.source,model\n"), csv);
        assertTrue(csv.contains("compile_settings.momentum.source,model\n"), csv);
    }

    @Test
    void optionsOverrideTheModelsSettings() throws IOException {
        Path out = temp.resolve("range");
        CliRun run = CliRun.of("range-test", model.toString(), "--data", DATA, "--label", "species", "--steps", "10",
                "--loss", "categorical-crossentropy", "--no-from-logits", "--optimizer", "adam", "--momentum", "0.8",
                "--out-dir", out.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.err().contains("note: the model's optimizer SGD (nesterov) is not used: adam was given\n"), run.err());
        JsonNode settings = json(out.resolve("summary.json")).get("compile_settings");
        assertSetting(settings, "loss", "categorical-crossentropy", "option");
        assertSetting(settings, "from_logits", "false", "option");
        assertSetting(settings, "optimizer", "adam", "option");
        assertSetting(settings, "momentum", "0.8", "option");
        assertSetting(settings, "beta2", "0.999", "default");
        assertSetting(settings, "epsilon", "1.0E-8", "default");
    }

    @Test
    void trainWritesASummaryWithTheSourcesBesideItsCurve() throws IOException {
        Path curve = temp.resolve("iris.csv");
        CliRun run = CliRun.of("train", model.toString(), "--data", DATA, "--label", "species", "--steps", "5",
                "--loss", "sparse-categorical-crossentropy", "--out", curve.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        JsonNode summary = json(temp.resolve("iris.summary.json"));
        assertEquals("train", summary.get("kind").asText());
        assertEquals(5, summary.get("steps_run").asInt());
        JsonNode settings = summary.get("compile_settings");
        assertSetting(settings, "loss", "sparse-categorical-crossentropy", "option");
        assertSetting(settings, "from_logits", "true", "model");
        assertSetting(settings, "optimizer", "nesterov", "model");
        assertTrue(Files.readString(temp.resolve("iris.summary.csv")).contains("compile_settings.loss.source,option\n"));
    }

    @Test
    void withoutTheFileTheLossIsInferredAndTheOptimizerIsLrlabsDefault() throws IOException {
        Files.delete(model.resolve("keras_metadata.pb"));
        Path out = temp.resolve("range");
        CliRun run = CliRun.of("range-test", model.toString(), "--data", DATA, "--label", "species", "--steps", "10",
                "--out-dir", out.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.err().contains("loss: sparse-categorical-crossentropy on the logits feeding probabilities (Softmax) "
                + "(inferred: a Softmax ends the output)\n"), run.err());
        assertTrue(run.err().contains("settings: loss sparse-categorical-crossentropy (inferred), from logits true (inferred), "
                + "optimizer sgd (default)\n"), run.err());
        JsonNode settings = json(out.resolve("summary.json")).get("compile_settings");
        assertSetting(settings, "loss", "sparse-categorical-crossentropy", "inferred");
        assertSetting(settings, "optimizer", "sgd", "default");
        assertSetting(settings, "momentum", "0.9", "default");
        assertTrue(settings.get("model_compile_config").isNull());
    }

    @Test
    void ignoreModelCompileKeepsLrlabsDefaults() {
        CliRun run = CliRun.of("range-test", model.toString(), "--data", DATA, "--label", "species", "--steps", "10",
                "--ignore-model-compile", "--out-dir", temp.resolve("range").toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.err().contains("optimizer sgd (default)\n"), run.err());
    }

    @Test
    void inspectShowsTheCompileSettingsAndWhatARunTakes() throws IOException {
        CliRun text = CliRun.of("inspect", model.toString());
        assertEquals(ExitCode.OK, text.code(), text.err());
        assertTrue(text.out().contains("compile settings (keras_metadata.pb):\n"
                + "  loss       SparseCategoricalCrossentropy(from_logits=true)\n"
                + "  optimizer  SGD name=SGD, learning_rate=0.05, decay=0, momentum=0.9, nesterov=true\n"
                + "  metrics    accuracy\n"
                + "  a run takes: loss sparse-categorical-crossentropy (model), from logits true (model), optimizer nesterov "
                + "(model), momentum 0.9 (model); the model's learning rate 0.05 (reference only)\n"), text.out());
        CliRun json = CliRun.of("inspect", model.toString(), "--json");
        assertEquals(ExitCode.OK, json.code(), json.err());
        JsonNode settings = new ObjectMapper().readTree(json.out()).get("compile_settings");
        assertSetting(settings, "optimizer", "nesterov", "model");
        assertSetting(settings, "loss", "sparse-categorical-crossentropy", "model");
    }

    @Test
    void theHeartFixtureRunsWithItsOwnAdamByDefault() throws IOException {
        Path out = temp.resolve("heart");
        CliRun run = CliRun.of("range-test", Fixtures.shared("keras_heart_mlp").toString(), "--data",
                Fixtures.shared("keras_heart_mlp.csv").toString(), "--label", "target", "--steps", "10",
                "--out-dir", out.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.err().contains("settings: loss binary-crossentropy (model), from logits false (model), optimizer adam "
                + "(model), beta1 0.9 (model), beta2 0.999 (model), epsilon 1e-07 (model); the model's learning rate 0.001 "
                + "(reference only)\n"), run.err());
        assertTrue(run.err().contains("loss: binary-crossentropy on the logits feeding "), run.err());
        JsonNode settings = json(out.resolve("summary.json")).get("compile_settings");
        assertSetting(settings, "epsilon", "1.0E-7", "model");
        assertEquals(SettingSource.MODEL.label(), settings.get("beta2").get("source").asText());
    }

    @Test
    void aHypergradientRunTakesTheModelsNesterovAsSgdnHdAndItsBaselineAsNesterov() throws IOException {
        Path out = temp.resolve("hd");
        CliRun run = CliRun.of("hypergradient", model.toString(), "--data", DATA, "--label", "species", "--steps", "5",
                "--baseline", "--out-dir", out.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.err().contains("optimizer sgdn-hd (model), momentum 0.9 (model)"), run.err());
        assertTrue(run.err().contains("optimizer nesterov (model), momentum 0.9 (model)"), run.err()); // the baseline
        JsonNode summary = json(out.resolve("summary.json"));
        assertEquals("sgdn-hd", summary.get("optimizer").asText());
        assertSetting(summary.get("compile_settings"), "optimizer", "sgdn-hd", "model");
        assertSetting(summary.get("compile_settings"), "loss", "sparse-categorical-crossentropy", "model");
    }

    @Test
    void aSearchRecordsTheSettingsOfItsTrials() throws IOException {
        Path out = temp.resolve("search");
        CliRun run = CliRun.of("search", model.toString(), "--data", DATA, "--label", "species", "--from", "1e-3",
                "--to", "1e-1", "--fine-points", "1", "--steps-per-trial", "5", "--data-fraction", "0.5",
                "--optimizer", "sgd", "--out-dir", out.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.err().contains("settings: loss sparse-categorical-crossentropy (model), from logits true (model), "
                + "optimizer sgd (option); the model's learning rate 0.05 (reference only)\n"), run.err());
        JsonNode settings = json(out.resolve("summary.json")).get("compile_settings");
        assertSetting(settings, "optimizer", "sgd", "option");
        assertSetting(settings, "from_logits", "true", "model");
        assertEquals("the model's optimizer SGD (nesterov) is not used: sgd was given", settings.get("notes").get(0).asText());
    }
}
