package dev.lrlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.Fixtures;
import dev.lrlab.KerasMetadataFiles;
import dev.lrlab.Setting;
import dev.lrlab.model.KerasCompileConfig;
import dev.lrlab.model.KerasMetadata;
import dev.lrlab.model.LossKind;
import dev.lrlab.train.OptimizerKind;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Precedence: a given setting, then the model's compile settings, then inference (at load) or lrlab's default. */
class CompileSettingsTest {
    private static final CompileSettings.Request NOTHING = request(Optional.empty(), Optional.empty(), OptimizerKind.SGD);

    private static CompileSettings.Request request(Optional<LossKind> loss, Optional<OptimizerKind> optimizer,
            OptimizerKind defaultOptimizer) {
        CompileSettings.Request.Builder request = CompileSettings.Request.builder().setDefaultOptimizer(defaultOptimizer);
        loss.ifPresent(request::optLoss);
        optimizer.ifPresent(request::optOptimizer);
        return request.build();
    }

    private static KerasCompileConfig model(String trainingConfig) {
        return KerasMetadata.parse(KerasMetadataFiles.withTrainingConfig(trainingConfig), "test").compileConfig()
                .orElseThrow();
    }

    private static CompileSettings resolve(String trainingConfig, CompileSettings.Request request) {
        return CompileSettings.resolve(Optional.of(model(trainingConfig)), Optional.empty(), request);
    }

    @Test
    void withoutAModelEverythingIsTheDefaultAndTheLossIsLeftToInference() {
        CompileSettings settings = CompileSettings.defaults(NOTHING);
        assertEquals(Optional.empty(), settings.loss());
        assertEquals(Optional.empty(), settings.fromLogits());
        assertEquals(Setting.byDefault(OptimizerKind.SGD), settings.optimizer());
        assertEquals(Setting.byDefault(0.9), settings.momentum());
        assertEquals(Setting.byDefault(0.999), settings.beta2());
        assertEquals(Setting.byDefault(1e-8), settings.epsilon());
        assertEquals(OptionalDouble.empty(), settings.modelLearningRate());
        assertEquals(List.of(), settings.notes());
        assertEquals("loss inferred from the output and labels at load, optimizer sgd (default)", settings.describe());
    }

    @Test
    void theHeartModelsAdamAndLossBecomeTheDefaults() {
        CompileSettings settings = CompileSettings.ofModel(Fixtures.shared("keras_heart_mlp"));
        assertEquals(Optional.of(Setting.model(LossKind.BINARY_CROSSENTROPY)), settings.loss());
        assertEquals(Optional.of(Setting.model(false)), settings.fromLogits()); // a string loss takes probabilities
        assertEquals(Setting.model(OptimizerKind.ADAM), settings.optimizer());
        assertEquals(Setting.model(0.8999999761581421), settings.momentum()); // beta_1, a float32 saved as a double
        assertEquals(Setting.model(0.9990000128746033), settings.beta2());
        assertEquals(Setting.model(1e-7), settings.epsilon());
        assertEquals(OptionalDouble.of(0.0010000000474974513), settings.modelLearningRate());
        assertEquals(List.of(), settings.notes());
        assertEquals("loss binary-crossentropy (model), from logits false (model), optimizer adam (model), beta1 0.9 (model), "
                + "beta2 0.999 (model), epsilon 1e-07 (model); the model's learning rate 0.001 (reference only)",
                settings.describe());
    }

    @Test
    void sgdWithNesterovMomentumAndALogitsLossFromTheModel() {
        CompileSettings settings = resolve("{\"loss\": {\"class_name\": \"SparseCategoricalCrossentropy\", \"config\": "
                + "{\"from_logits\": true}}, \"optimizer_config\": {\"class_name\": \"SGD\", \"config\": {\"learning_rate\": "
                + "0.05, \"momentum\": 0.8, \"nesterov\": true}}}", NOTHING);
        assertEquals(Optional.of(Setting.model(LossKind.SPARSE_CATEGORICAL_CROSSENTROPY)), settings.loss());
        assertEquals(Optional.of(Setting.model(true)), settings.fromLogits());
        assertEquals(Setting.model(OptimizerKind.NESTEROV), settings.optimizer());
        assertEquals(Setting.model(0.8), settings.momentum());
        assertEquals(Setting.byDefault(0.999), settings.beta2()); // SGD has none
        assertEquals(OptionalDouble.of(0.05), settings.modelLearningRate());
    }

    @Test
    void sgdWithoutMomentumIsPlainSgdAndWithItHeavyBall() {
        assertEquals(Setting.model(OptimizerKind.SGD), resolve("{\"optimizer_config\": {\"class_name\": \"SGD\", "
                + "\"config\": {\"momentum\": 0.0, \"nesterov\": true}}}", NOTHING).optimizer());
        CompileSettings momentum = resolve("{\"optimizer_config\": {\"class_name\": \"SGD\", \"config\": {\"momentum\": 0.5}}}",
                NOTHING);
        assertEquals(Setting.model(OptimizerKind.MOMENTUM), momentum.optimizer());
        assertEquals(Setting.model(0.5), momentum.momentum());
    }

    @Test
    void givenSettingsWinAndTheModelsOtherOptimizerIsNotedNotMixedIn() {
        CompileSettings.Request given = CompileSettings.Request.builder().optLoss(LossKind.MSE)
                .optOptimizer(OptimizerKind.MOMENTUM).optBeta2(0.99).setDefaultOptimizer(OptimizerKind.SGD).build();
        CompileSettings settings = CompileSettings.ofModel(Fixtures.shared("keras_heart_mlp"));
        settings = CompileSettings.resolve(settings.model(), Optional.empty(), given);
        assertEquals(Optional.of(Setting.option(LossKind.MSE)), settings.loss());
        assertEquals(Optional.of(Setting.model(false)), settings.fromLogits());
        assertEquals(Setting.option(OptimizerKind.MOMENTUM), settings.optimizer());
        assertEquals(Setting.byDefault(0.9), settings.momentum()); // Adam's beta_1 is no SGD momentum
        assertEquals(Setting.option(0.99), settings.beta2());
        assertEquals(Setting.byDefault(1e-8), settings.epsilon());
        assertEquals(List.of("the model's optimizer Adam is not used: momentum was given"), settings.notes());
    }

    @Test
    void theSameFamilyGivenKeepsTheModelsHyperparameters() {
        CompileSettings settings = CompileSettings.resolve(CompileSettings.ofModel(Fixtures.shared("keras_conv_bigru")).model(),
                Optional.empty(), request(Optional.empty(), Optional.of(OptimizerKind.ADAM_HD), OptimizerKind.SGD));
        assertEquals(Setting.option(OptimizerKind.ADAM_HD), settings.optimizer());
        assertEquals(Setting.model(0.9), settings.momentum());
        assertEquals(Setting.model(1e-7), settings.epsilon());
    }

    @Test
    void aHypergradientRunTakesTheModelsOptimizerInItsHypergradientForm() {
        String adam = "{\"optimizer_config\": {\"class_name\": \"Adam\", \"config\": {\"beta_1\": 0.8}}}";
        CompileSettings.Request hd = request(Optional.empty(), Optional.empty(), OptimizerKind.SGD_HD);
        assertEquals(Setting.model(OptimizerKind.ADAM_HD), resolve(adam, hd).optimizer());
        assertEquals(Setting.model(0.8), resolve(adam, hd).momentum());
        CompileSettings heavyBall = resolve("{\"optimizer_config\": {\"class_name\": \"SGD\", \"config\": {\"momentum\": 0.9}}}",
                hd);
        assertEquals(Setting.byDefault(OptimizerKind.SGD_HD), heavyBall.optimizer());
        assertEquals(List.of("the model's optimizer SGD with momentum has no hypergradient form (sgd-hd, sgdn-hd, adam-hd); "
                + "not used"), heavyBall.notes());
    }

    @Test
    void unsupportedLossesAndOptimizersAreNotedAndLeftToInferenceAndDefaults() {
        CompileSettings settings = resolve("{\"loss\": \"huber\", \"optimizer_config\": {\"class_name\": \"RMSprop\", "
                + "\"config\": {\"learning_rate\": 0.001, \"rho\": 0.9}}}", NOTHING);
        assertEquals(Optional.empty(), settings.loss());
        assertEquals(Optional.empty(), settings.fromLogits());
        assertEquals(Setting.byDefault(OptimizerKind.SGD), settings.optimizer());
        assertEquals(OptionalDouble.of(0.001), settings.modelLearningRate()); // still reported
        assertEquals(List.of("the model's loss huber has no lrlab counterpart; the loss is inferred",
                "the model's optimizer RMSprop has no lrlab counterpart (lrlab has sgd, momentum, nesterov, adam); not used"),
                settings.notes());
        CompileSettings amsgrad = resolve("{\"optimizer_config\": {\"class_name\": \"Adam\", \"config\": {\"amsgrad\": true}}}",
                NOTHING);
        assertEquals(Setting.byDefault(OptimizerKind.SGD), amsgrad.optimizer());
        assertTrue(amsgrad.notes().get(0).startsWith("the model's optimizer Adam with amsgrad=true has no lrlab counterpart"),
                amsgrad.notes().toString());
    }

    @Test
    void hyperparametersLrlabDoesNotApplyAreNoted() {
        CompileSettings settings = resolve("{\"optimizer_config\": {\"class_name\": \"Adam\", \"config\": {\"decay\": 0.01, "
                + "\"clipnorm\": 1.0, \"weight_decay\": null, \"use_ema\": true}}}", NOTHING);
        assertEquals(Setting.model(OptimizerKind.ADAM), settings.optimizer());
        assertEquals(List.of("the model's optimizer Adam: decay 0.01 is not applied",
                "the model's optimizer Adam: clipnorm 1.0 is not applied", "the model's optimizer Adam: use_ema is not applied"),
                settings.notes());
    }

    @Test
    void aLossPerOutputNeedsTheOutputNamed() {
        String perOutput = "{\"loss\": {\"age\": \"mse\", \"kind\": \"sparse_categorical_crossentropy\"}}";
        CompileSettings unnamed = resolve(perOutput, NOTHING);
        assertEquals(Optional.empty(), unnamed.loss());
        assertEquals(List.of("the model has one loss per output (age: mse, kind: sparse_categorical_crossentropy); name the "
                + "output to train to use its loss; the loss is inferred"), unnamed.notes());
        CompileSettings named = CompileSettings.resolve(Optional.of(model(perOutput)), Optional.of("kind"), NOTHING);
        assertEquals(Optional.of(Setting.model(LossKind.SPARSE_CATEGORICAL_CROSSENTROPY)), named.loss());
    }

    @Test
    void aDamagedFileIsNotedAndTheRunKeepsItsDefaults(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.write(dir.resolve(KerasMetadata.FILE_NAME), new byte[] {0x0a, 0x7f});
        CompileSettings settings = CompileSettings.resolve(dir, Optional.empty(), NOTHING);
        assertEquals(Setting.byDefault(OptimizerKind.SGD), settings.optimizer());
        assertEquals(1, settings.notes().size());
        assertTrue(settings.notes().get(0).endsWith("; its compile settings are not used"), settings.notes().get(0));
    }

    @Test
    void plainNumbersDropFloat32Noise() {
        assertEquals("0.9", CompileSettings.plain(0.8999999761581421));
        assertEquals("0.999", CompileSettings.plain(0.9990000128746033));
        assertEquals("1e-07", CompileSettings.plain(1e-7));
        assertEquals("0.001", CompileSettings.plain(0.0010000000474974513));
        assertEquals("0", CompileSettings.plain(0));
    }
}
