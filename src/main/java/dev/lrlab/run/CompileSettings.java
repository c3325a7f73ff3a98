package dev.lrlab.run;

import dev.lrlab.LrlabException;
import dev.lrlab.Setting;
import dev.lrlab.SettingSource;
import dev.lrlab.model.KerasCompileConfig;
import dev.lrlab.model.KerasLoss;
import dev.lrlab.model.KerasMetadata;
import dev.lrlab.model.KerasOptimizer;
import dev.lrlab.model.LossKind;
import dev.lrlab.train.OptimizerConfig;
import dev.lrlab.train.OptimizerKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A run's loss and optimizer settings, each with where it came from. The order is fixed: a setting given
 * explicitly ({@link SettingSource#OPTION}) wins over the model's own Keras {@code compile()} settings
 * ({@link SettingSource#MODEL}, read from {@code keras_metadata.pb}), which win over lrlab's defaults
 * ({@link SettingSource#DEFAULT}). The loss, and whether the output is logits, may stay open here: they are then
 * inferred from the output and the labels when the model is loaded ({@link SettingSource#INFERRED}, see
 * {@link PreparedRun#lossSetting()}).
 *
 * <p>The model's learning rate is reported ({@link #modelLearningRate()}) but never used: the rate is what the
 * experiments vary.
 *
 * <p>Immutable; made by {@link #ofModel(Path)} or when a {@link RunSpec} is built. Its values:
 * <br>{@code loss}: the loss, when given or read from the model (empty: inferred at load)
 * <br>{@code fromLogits}: whether the output is logits, when given or read from the model's loss (empty: detected at
 *     load)
 * <br>{@code optimizer}: the optimizer
 * <br>{@code momentum}: the momentum fed at every step (Adam's beta1); lrlab's default is {@value #DEFAULT_MOMENTUM}
 * <br>{@code beta2}: Adam's second-moment decay
 * <br>{@code epsilon}: Adam's denominator term
 * <br>{@code modelLearningRate}: the learning rate the model was compiled with (a schedule's initial rate), for
 *     reference
 * <br>{@code model}: the model's compile settings as read; empty when it has none
 * <br>{@code notes}: what of the model's settings is not used, and why, one line each
 */
public final class CompileSettings {

    /** Momentum (Adam's beta1) when neither the caller nor the model gives one. */
    public static final double DEFAULT_MOMENTUM = 0.9;
    /** Adam's beta2 when neither the caller nor the model gives one (PyTorch's and Keras's default). */
    public static final double DEFAULT_BETA2 = OptimizerConfig.DEFAULT_BETA2;
    /** Adam's epsilon when neither the caller nor the model gives one (PyTorch's default; Keras's is 1e-7). */
    public static final double DEFAULT_EPSILON = OptimizerConfig.DEFAULT_EPSILON;

    private final Setting<LossKind> loss;
    private final Setting<Boolean> fromLogits;
    private final Setting<OptimizerKind> optimizer;
    private final Setting<Double> momentum;
    private final Setting<Double> beta2;
    private final Setting<Double> epsilon;
    private final OptionalDouble modelLearningRate;
    private final KerasCompileConfig model;
    private final List<String> notes;

    private CompileSettings(Builder b) {
        loss = b.loss;
        fromLogits = b.fromLogits;
        optimizer = Objects.requireNonNull(b.optimizer, "optimizer");
        momentum = Objects.requireNonNull(b.momentum, "momentum");
        beta2 = Objects.requireNonNull(b.beta2, "beta2");
        epsilon = Objects.requireNonNull(b.epsilon, "epsilon");
        modelLearningRate = b.modelLearningRate;
        model = b.model;
        notes = List.copyOf(b.notes);
    }

    /** @return a builder with nothing set (optimizer, momentum, beta2 and epsilon are required) */
    static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings */
    private Builder toBuilder() {
        Builder b = builder().setOptimizer(optimizer).setMomentum(momentum).setBeta2(beta2).setEpsilon(epsilon)
                .optNotes(notes);
        b.loss = loss;
        b.fromLogits = fromLogits;
        b.modelLearningRate = modelLearningRate;
        b.model = model;
        return b;
    }

    /** @return the loss, when given or read from the model; empty: inferred at load */
    public Optional<Setting<LossKind>> loss() {
        return Optional.ofNullable(loss);
    }

    /** @return whether the output is logits, when given or read from the model's loss; empty: detected at load */
    public Optional<Setting<Boolean>> fromLogits() {
        return Optional.ofNullable(fromLogits);
    }

    /** @return the optimizer, with its source */
    public Setting<OptimizerKind> optimizer() {
        return optimizer;
    }

    /** @return the momentum fed at every step (Adam's beta1), with its source */
    public Setting<Double> momentum() {
        return momentum;
    }

    /** @return Adam's second-moment decay, with its source */
    public Setting<Double> beta2() {
        return beta2;
    }

    /** @return Adam's denominator term, with its source */
    public Setting<Double> epsilon() {
        return epsilon;
    }

    /** @return the learning rate the model was compiled with (a schedule's initial rate), for reference only */
    public OptionalDouble modelLearningRate() {
        return modelLearningRate;
    }

    /** @return the model's compile settings as read; empty when it has none */
    public Optional<KerasCompileConfig> model() {
        return Optional.ofNullable(model);
    }

    /** @return what of the model's settings is not used, and why, one line each (unmodifiable) */
    public List<String> notes() {
        return notes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CompileSettings that && Objects.equals(loss, that.loss)
                && Objects.equals(fromLogits, that.fromLogits) && optimizer.equals(that.optimizer)
                && momentum.equals(that.momentum) && beta2.equals(that.beta2) && epsilon.equals(that.epsilon)
                && modelLearningRate.equals(that.modelLearningRate) && Objects.equals(model, that.model)
                && notes.equals(that.notes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(loss, fromLogits, optimizer, momentum, beta2, epsilon, modelLearningRate, model, notes);
    }

    @Override
    public String toString() {
        return "CompileSettings[loss=" + loss() + ", fromLogits=" + fromLogits() + ", optimizer=" + optimizer
                + ", momentum=" + momentum + ", beta2=" + beta2 + ", epsilon=" + epsilon + ", modelLearningRate="
                + modelLearningRate + ", model=" + model() + ", notes=" + notes + "]";
    }

    /**
     * What the caller asked for; every empty value is left to the model or the defaults. Made with {@link #builder()}.
     *
     * <br>{@code loss}: the loss
     * <br>{@code fromLogits}: whether the output is logits
     * <br>{@code optimizer}: the optimizer
     * <br>{@code momentum}: momentum or Adam's beta1
     * <br>{@code beta2}: Adam's beta2
     * <br>{@code epsilon}: Adam's epsilon
     * <br>{@code defaultOptimizer}: the optimizer when neither the caller nor the model names one; when it is a
     *     hypergradient optimizer, the model's optimizer is taken in its hypergradient form (Adam as adam-hd)
     * <br>{@code useModel}: whether to read the model's compile settings at all
     */
    static final class Request {
        private final LossKind loss;
        private final Boolean fromLogits;
        private final OptimizerKind optimizer;
        private final OptionalDouble momentum;
        private final OptionalDouble beta2;
        private final OptionalDouble epsilon;
        private final OptimizerKind defaultOptimizer;
        private final boolean useModel;

        private Request(Builder b) {
            loss = b.loss;
            fromLogits = b.fromLogits;
            optimizer = b.optimizer;
            momentum = b.momentum;
            beta2 = b.beta2;
            epsilon = b.epsilon;
            defaultOptimizer = b.defaultOptimizer;
            useModel = b.useModel;
        }

        /** @return a builder that gives nothing and reads the model; the default optimizer is required */
        static Builder builder() {
            return new Builder();
        }

        /** @return the loss given; empty: the model's, else inferred */
        Optional<LossKind> loss() {
            return Optional.ofNullable(loss);
        }

        /** @return whether the output is logits, as given; empty: the model's loss says, else detected */
        Optional<Boolean> fromLogits() {
            return Optional.ofNullable(fromLogits);
        }

        /** @return the optimizer given; empty: the model's, else {@link #defaultOptimizer()} */
        Optional<OptimizerKind> optimizer() {
            return Optional.ofNullable(optimizer);
        }

        /** @return the momentum or Adam's beta1 given; empty: the model's, else the default */
        OptionalDouble momentum() {
            return momentum;
        }

        /** @return Adam's beta2 given; empty: the model's, else the default */
        OptionalDouble beta2() {
            return beta2;
        }

        /** @return Adam's epsilon given; empty: the model's, else the default */
        OptionalDouble epsilon() {
            return epsilon;
        }

        /** @return the optimizer when neither the caller nor the model names one */
        OptimizerKind defaultOptimizer() {
            return defaultOptimizer;
        }

        /** @return whether to read the model's compile settings at all */
        boolean useModel() {
            return useModel;
        }

        /** Collects a request: only the default optimizer is required. */
        static final class Builder {
            private LossKind loss;
            private Boolean fromLogits;
            private OptimizerKind optimizer;
            private OptionalDouble momentum = OptionalDouble.empty();
            private OptionalDouble beta2 = OptionalDouble.empty();
            private OptionalDouble epsilon = OptionalDouble.empty();
            private OptimizerKind defaultOptimizer;
            private boolean useModel = true;

            private Builder() {
            }

            /** @param value the loss (default: the model's, else inferred) */
            Builder optLoss(LossKind value) {
                loss = Objects.requireNonNull(value, "loss");
                return this;
            }

            /** @param value whether the output is logits (default: the model's loss says, else detected) */
            Builder optFromLogits(boolean value) {
                fromLogits = value;
                return this;
            }

            /** @param value the optimizer (default: the model's, else the default optimizer) */
            Builder optOptimizer(OptimizerKind value) {
                optimizer = Objects.requireNonNull(value, "optimizer");
                return this;
            }

            /** @param value momentum or Adam's beta1 (default: the model's, else {@value CompileSettings#DEFAULT_MOMENTUM}) */
            Builder optMomentum(double value) {
                momentum = OptionalDouble.of(value);
                return this;
            }

            /** @param value Adam's beta2 (default: the model's, else {@value CompileSettings#DEFAULT_BETA2}) */
            Builder optBeta2(double value) {
                beta2 = OptionalDouble.of(value);
                return this;
            }

            /** @param value Adam's epsilon (default: the model's, else {@value CompileSettings#DEFAULT_EPSILON}) */
            Builder optEpsilon(double value) {
                epsilon = OptionalDouble.of(value);
                return this;
            }

            /** @param value the optimizer when neither the caller nor the model names one (required) */
            Builder setDefaultOptimizer(OptimizerKind value) {
                defaultOptimizer = Objects.requireNonNull(value, "defaultOptimizer");
                return this;
            }

            /** @param value whether to read the model's compile settings at all (default true) */
            Builder optUseModel(boolean value) {
                useModel = value;
                return this;
            }

            /**
             * @return the request
             * @throws IllegalStateException without a default optimizer
             */
            Request build() {
                if (defaultOptimizer == null) {
                    throw new IllegalStateException("a compile settings request needs its default optimizer "
                            + "(setDefaultOptimizer)");
                }
                return new Request(this);
            }
        }
    }

    /**
     * Reads the model's compile settings (if the request allows) and resolves the request against them.
     *
     * @param modelDir the SavedModel folder
     * @param output the output to train, when named (picks among per-output losses)
     * @param request what the caller gave
     * @return the settings
     */
    static CompileSettings resolve(Path modelDir, Optional<String> output, Request request) {
        List<String> notes = new ArrayList<>();
        Optional<KerasCompileConfig> model = Optional.empty();
        if (request.useModel()) {
            try {
                model = KerasMetadata.read(modelDir).flatMap(KerasMetadata::compileConfig);
            } catch (LrlabException e) {
                notes.add(e.getMessage() + "; its compile settings are not used");
            }
        }
        return resolve(model, output, request, notes);
    }

    /**
     * @param model the model's compile settings, if any
     * @param output the output to train, when named
     * @param request what the caller gave
     * @return the settings, with the model's values where the caller gave none
     */
    static CompileSettings resolve(Optional<KerasCompileConfig> model, Optional<String> output, Request request) {
        return resolve(model, output, request, new ArrayList<>());
    }

    private static CompileSettings resolve(Optional<KerasCompileConfig> model, Optional<String> output, Request request,
            List<String> notes) {
        Optional<KerasLoss> modelLoss = model.flatMap(m -> m.lossFor(output));
        model.filter(m -> modelLoss.isEmpty() && m.losses().size() > 1).ifPresent(m -> notes.add("the model has one loss "
                + "per output (" + String.join(", ", m.losses().stream().map(l -> l.output().orElse("?") + ": " + l.describe())
                .toList()) + "); " + (output.isPresent() ? "none is saved for output '" + output.get() + "'"
                : "name the output to train to use its loss") + "; the loss is inferred"));
        Optional<Setting<LossKind>> loss;
        if (request.loss().isPresent()) {
            loss = request.loss().map(Setting::option);
        } else if (modelLoss.isPresent() && modelLoss.get().kind().isPresent()) {
            loss = modelLoss.get().kind().map(Setting::model);
            modelLoss.get().notes().forEach(n -> notes.add("the model's loss " + modelLoss.get().describe() + ": " + n));
        } else {
            loss = Optional.empty();
            modelLoss.ifPresent(l -> notes.add("the model's loss " + l.describe() + " has no lrlab counterpart; "
                    + "the loss is inferred"));
        }
        Optional<Setting<Boolean>> fromLogits;
        if (request.fromLogits().isPresent()) {
            fromLogits = request.fromLogits().map(Setting::option);
        } else if (modelLoss.isPresent() && modelLoss.get().fromLogits().isPresent()) {
            fromLogits = modelLoss.get().fromLogits().map(Setting::model);
        } else if (modelLoss.isPresent() && modelLoss.get().kind().filter(LossKind::isClassification).isPresent()) {
            fromLogits = Optional.of(Setting.model(false)); // a loss named by a string takes probabilities
        } else {
            fromLogits = Optional.empty();
        }

        Optional<KerasOptimizer> keras = model.flatMap(KerasCompileConfig::optimizer);
        Optional<OptimizerKind> modelKind = keras.flatMap(o -> kindOf(o, request.defaultOptimizer().isHypergradient(), notes));
        Setting<OptimizerKind> optimizer = request.optimizer().map(Setting::option)
                .or(() -> modelKind.map(Setting::model))
                .orElse(Setting.byDefault(request.defaultOptimizer()));
        boolean sameFamily = modelKind.isPresent() && family(modelKind.get()) == family(optimizer.value());
        if (modelKind.isPresent() && !sameFamily) {
            String lrlabName = modelKind.get().cliName();
            notes.add("the model's optimizer " + keras.get().name() + (lrlabName.equalsIgnoreCase(keras.get().name()) ? ""
                    : " (" + lrlabName + ")") + " is not used: " + optimizer.value().cliName() + " was given");
        }
        Optional<KerasOptimizer> hyper = keras.filter(o -> sameFamily);
        OptionalDouble modelMomentum = hyper.map(o -> family(optimizer.value()) == Family.ADAM ? o.number("beta_1")
                : o.number("momentum")).orElse(OptionalDouble.empty());
        Setting<Double> momentum = pick(request.momentum(), modelMomentum, DEFAULT_MOMENTUM);
        Setting<Double> beta2 = pick(request.beta2(), hyper.map(o -> o.number("beta_2")).orElse(OptionalDouble.empty()),
                DEFAULT_BETA2);
        Setting<Double> epsilon = pick(request.epsilon(), hyper.map(o -> o.number("epsilon")).orElse(OptionalDouble.empty()),
                DEFAULT_EPSILON);
        hyper.ifPresent(o -> unused(o, notes));
        Builder settings = builder().setOptimizer(optimizer).setMomentum(momentum).setBeta2(beta2).setEpsilon(epsilon)
                .optModelLearningRate(keras.map(KerasOptimizer::learningRate).orElse(OptionalDouble.empty())).optNotes(notes);
        loss.ifPresent(settings::optLoss);
        fromLogits.ifPresent(settings::optFromLogits);
        model.ifPresent(settings::optModel);
        return settings.build();
    }

    private enum Family { SGD, MOMENTUM, ADAM }

    private static Family family(OptimizerKind kind) {
        return switch (kind) {
            case SGD, SGD_HD -> Family.SGD;
            case MOMENTUM, NESTEROV, SGDN_HD -> Family.MOMENTUM;
            case ADAM, ADAM_HD -> Family.ADAM;
        };
    }

    /** lrlab's optimizer for a Keras one: SGD (with momentum, Nesterov or not) and Adam; the others are noted. */
    private static Optional<OptimizerKind> kindOf(KerasOptimizer keras, boolean hypergradient, List<String> notes) {
        String name = keras.name().toLowerCase(Locale.ROOT);
        OptimizerKind kind;
        if (name.equals("sgd")) {
            double momentum = keras.number("momentum").orElse(0);
            kind = momentum == 0 ? OptimizerKind.SGD : keras.flag("nesterov") ? OptimizerKind.NESTEROV : OptimizerKind.MOMENTUM;
        } else if (name.equals("adam") && !keras.flag("amsgrad")) {
            kind = OptimizerKind.ADAM;
        } else {
            notes.add("the model's optimizer " + keras.name() + (keras.flag("amsgrad") ? " with amsgrad=true" : "")
                    + " has no lrlab counterpart (lrlab has sgd, momentum, nesterov, adam); not used");
            return Optional.empty();
        }
        if (!hypergradient) {
            return Optional.of(kind);
        }
        return switch (kind) {
            case SGD -> Optional.of(OptimizerKind.SGD_HD);
            case NESTEROV -> Optional.of(OptimizerKind.SGDN_HD);
            case ADAM -> Optional.of(OptimizerKind.ADAM_HD);
            default -> {
                notes.add("the model's optimizer " + keras.name() + " with momentum has no hypergradient form "
                        + "(sgd-hd, sgdn-hd, adam-hd); not used");
                yield Optional.empty();
            }
        };
    }

    /** Notes the model's hyperparameters lrlab does not apply (decays, clipping, moving averages). */
    private static void unused(KerasOptimizer keras, List<String> notes) {
        for (String key : List.of("decay", "weight_decay", "clipnorm", "clipvalue", "global_clipnorm")) {
            OptionalDouble value = keras.number(key);
            if (value.isPresent() && value.getAsDouble() != 0) {
                notes.add("the model's optimizer " + keras.name() + ": " + key + " " + value.getAsDouble() + " is not applied");
            }
        }
        if (keras.flag("use_ema")) {
            notes.add("the model's optimizer " + keras.name() + ": use_ema is not applied");
        }
    }

    private static Setting<Double> pick(OptionalDouble given, OptionalDouble model, double fallback) {
        if (given.isPresent()) {
            return Setting.option(given.getAsDouble());
        }
        return model.isPresent() ? Setting.model(model.getAsDouble()) : Setting.byDefault(fallback);
    }

    /** @return the settings without a model's compile settings: the given values, lrlab's defaults for the rest */
    static CompileSettings defaults(Request request) {
        return resolve(Optional.empty(), Optional.empty(), request);
    }

    /** @return a copy whose optimizer is {@code kind}, from the same source (e.g. a hypergradient run's fixed-rate baseline) */
    public CompileSettings withOptimizerKind(OptimizerKind kind) {
        return toBuilder().setOptimizer(new Setting<>(kind, optimizer.source())).build();
    }

    /**
     * The settings of a model, as a run with nothing given would take them (for {@code inspect}).
     *
     * @param modelDir a SavedModel folder
     * @return its compile settings resolved against lrlab's defaults (optimizer SGD when the model names none)
     */
    public static CompileSettings ofModel(Path modelDir) {
        return resolve(modelDir, Optional.empty(), Request.builder().setDefaultOptimizer(OptimizerKind.SGD).build());
    }

    /** @return {@link #describe(Optional, Optional)} before the model is loaded: an open loss is "inferred" */
    public String describe() {
        return describe(Optional.empty(), Optional.empty());
    }

    /**
     * @param lossUsed the loss the run built, with its source, once known
     * @param fromLogitsUsed whether the output was taken as logits, with its source, once known
     * @return the settings as one line for a log, e.g. {@code loss binary-crossentropy (model), from logits false
     *     (model), optimizer adam (model), beta1 0.9 (model), beta2 0.999 (model), epsilon 1e-07 (model)}
     */
    public String describe(Optional<Setting<LossKind>> lossUsed, Optional<Setting<Boolean>> fromLogitsUsed) {
        StringBuilder text = new StringBuilder();
        Optional<Setting<LossKind>> shown = lossUsed.or(this::loss);
        text.append("loss ").append(shown.map(s -> s.value().cliName() + " (" + s.source().label() + ")")
                .orElse("inferred from the output and labels at load"));
        if (shown.isEmpty() || shown.get().value().isClassification()) { // logits mean nothing to mse
            fromLogitsUsed.or(this::fromLogits).ifPresent(s -> text.append(", from logits ").append(s));
        }
        text.append(", optimizer ").append(optimizer.value().cliName()).append(" (").append(optimizer.source().label()).append(')');
        OptimizerKind kind = optimizer.value();
        if (kind.usesMomentum()) {
            text.append(family(kind) == Family.ADAM ? ", beta1 " : ", momentum ").append(number(momentum));
        }
        if (family(kind) == Family.ADAM) {
            text.append(", beta2 ").append(number(beta2)).append(", epsilon ").append(number(epsilon));
        }
        modelLearningRate.ifPresent(lr -> text.append("; the model's learning rate ").append(plain(lr))
                .append(" (reference only)"));
        return text.toString();
    }

    private static String number(Setting<Double> setting) {
        return plain(setting.value()) + " (" + setting.source().label() + ")";
    }

    /**
     * @param value a number
     * @return it with at most 4 significant digits and no trailing zeros, e.g. {@code 0.9} for 0.8999999761581421
     *     (a float32 saved as a double), {@code 1e-07}
     */
    static String plain(double value) {
        String text = String.format(Locale.ROOT, "%.4g", value);
        int e = text.indexOf('e');
        String mantissa = e < 0 ? text : text.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + text.substring(e);
    }

    /**
     * @param lossUsed the loss the run built, with its source (see {@link PreparedRun#lossSetting()})
     * @param fromLogitsUsed whether the output was taken as logits, with its source
     * @return the settings as an ordered map for a summary: each setting as {@code {"value": ..., "source": ...}},
     *     then the model's learning rate, the model's compile settings as saved (null when none), and the notes
     */
    public Map<String, Object> toMap(Optional<Setting<LossKind>> lossUsed, Optional<Setting<Boolean>> fromLogitsUsed) {
        Map<String, Object> map = new LinkedHashMap<>();
        Optional<Setting<LossKind>> lossShown = lossUsed.or(this::loss);
        map.put("loss", lossShown.map(s -> entry(s.value().cliName(), s.source())).orElse(entry(null, SettingSource.INFERRED)));
        Optional<Setting<Boolean>> logitsShown = fromLogitsUsed.or(this::fromLogits);
        map.put("from_logits", logitsShown.map(s -> entry(s.value(), s.source())).orElse(entry(null, SettingSource.INFERRED)));
        map.put("optimizer", entry(optimizer.value().cliName(), optimizer.source()));
        map.put("momentum", entry(momentum.value(), momentum.source()));
        map.put("beta2", entry(beta2.value(), beta2.source()));
        map.put("epsilon", entry(epsilon.value(), epsilon.source()));
        map.put("model_learning_rate", modelLearningRate.isPresent() ? modelLearningRate.getAsDouble() : null);
        map.put("model_compile_config", model != null ? modelMap(model) : null);
        map.put("notes", notes);
        return map;
    }

    /** @return the model's compile settings as saved: {@code losses} (as text), {@code optimizer}, {@code metrics} */
    private static Map<String, Object> modelMap(KerasCompileConfig config) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("losses", config.losses().stream().map(l -> l.output().map(o -> o + ": ").orElse("") + l.describe()).toList());
        map.put("optimizer", config.optimizer().map(o -> {
            Map<String, Object> optimizer = new LinkedHashMap<>();
            optimizer.put("class_name", o.className());
            optimizer.put("config", o.config());
            return optimizer;
        }).orElse(null));
        map.put("metrics", config.metrics());
        return map;
    }

    /**
     * @return the model's compile settings and the defaults a run takes from them, as lines for {@code inspect}
     */
    public String toText() {
        StringBuilder text = new StringBuilder();
        if (model == null) {
            text.append("compile settings: none saved (no ").append(KerasMetadata.FILE_NAME)
                    .append(" with a training_config)\n");
        } else {
            KerasCompileConfig config = model;
            text.append("compile settings (").append(KerasMetadata.FILE_NAME).append("):\n");
            text.append("  loss       ").append(config.losses().isEmpty() ? "none" : String.join(", ", config.losses().stream()
                    .map(l -> l.output().map(o -> o + ": ").orElse("") + l.describe()).toList())).append('\n');
            text.append("  optimizer  ").append(config.optimizer().map(o -> o.className() + " " + String.join(", ", o.config()
                    .entrySet().stream().map(c -> c.getKey() + "=" + (c.getValue() instanceof Double d ? plain(d) : c.getValue()))
                    .toList())).orElse("none"))
                    .append('\n');
            text.append("  metrics    ").append(config.metrics().isEmpty() ? "none" : String.join(", ", config.metrics()))
                    .append('\n');
        }
        text.append("  a run takes: ").append(describe()).append('\n');
        notes.forEach(n -> text.append("  note: ").append(n).append('\n'));
        return text.toString();
    }

    private static Map<String, Object> entry(Object value, SettingSource source) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("value", value);
        map.put("source", source.label());
        return map;
    }

    /** Collects resolved settings: the optimizer and its three numbers are required, the rest optional. */
    static final class Builder {
        private Setting<LossKind> loss;
        private Setting<Boolean> fromLogits;
        private Setting<OptimizerKind> optimizer;
        private Setting<Double> momentum;
        private Setting<Double> beta2;
        private Setting<Double> epsilon;
        private OptionalDouble modelLearningRate = OptionalDouble.empty();
        private KerasCompileConfig model;
        private List<String> notes = List.of();

        private Builder() {
        }

        /** @param value the loss with its source (default: none, inferred at load) */
        Builder optLoss(Setting<LossKind> value) {
            loss = Objects.requireNonNull(value, "loss");
            return this;
        }

        /** @param value whether the output is logits, with its source (default: none, detected at load) */
        Builder optFromLogits(Setting<Boolean> value) {
            fromLogits = Objects.requireNonNull(value, "fromLogits");
            return this;
        }

        /** @param value the optimizer with its source (required) */
        Builder setOptimizer(Setting<OptimizerKind> value) {
            optimizer = Objects.requireNonNull(value, "optimizer");
            return this;
        }

        /** @param value the momentum (Adam's beta1) with its source (required) */
        Builder setMomentum(Setting<Double> value) {
            momentum = Objects.requireNonNull(value, "momentum");
            return this;
        }

        /** @param value Adam's beta2 with its source (required) */
        Builder setBeta2(Setting<Double> value) {
            beta2 = Objects.requireNonNull(value, "beta2");
            return this;
        }

        /** @param value Adam's epsilon with its source (required) */
        Builder setEpsilon(Setting<Double> value) {
            epsilon = Objects.requireNonNull(value, "epsilon");
            return this;
        }

        /** @param value the model's learning rate, for reference (default: none) */
        Builder optModelLearningRate(OptionalDouble value) {
            modelLearningRate = Objects.requireNonNull(value, "modelLearningRate");
            return this;
        }

        /** @param value the model's compile settings as read (default: none) */
        Builder optModel(KerasCompileConfig value) {
            model = Objects.requireNonNull(value, "model");
            return this;
        }

        /** @param value what of the model's settings is not used, one line each; copied (default: none) */
        Builder optNotes(List<String> value) {
            notes = List.copyOf(value);
            return this;
        }

        /**
         * @return the settings
         * @throws NullPointerException when the optimizer or one of its numbers is missing
         */
        CompileSettings build() {
            return new CompileSettings(this);
        }
    }
}
