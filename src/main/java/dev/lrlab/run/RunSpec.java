package dev.lrlab.run;

import dev.lrlab.LrlabException;
import dev.lrlab.Setting;
import dev.lrlab.SettingSource;
import dev.lrlab.data.DataSpec;
import dev.lrlab.device.ComputeDevice;
import dev.lrlab.model.LossKind;
import dev.lrlab.model.SessionOptions;
import dev.lrlab.model.inline.UnrollSettings;
import dev.lrlab.report.Provenance;
import dev.lrlab.report.summary.SummaryHead;
import dev.lrlab.train.HypergradientSettings;
import dev.lrlab.train.OptimizerConfig;
import dev.lrlab.train.OptimizerKind;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What every experiment starts from: a model, the signature and output to train, the loss, the data and how
 * it is split and batched, and the optimizer. Immutable; made with {@link #builder()}.
 *
 * <p>Defaults are the {@code DEFAULT_} constants here; {@link Builder#build()} checks every value.
 */
public final class RunSpec {
    /** Default of {@link #signature()}. */
    public static final String DEFAULT_SIGNATURE = "serving_default";
    /** Default of {@link #validationFraction()}. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.2;
    /** Default of {@link #seed()}. */
    public static final long DEFAULT_SEED = 1;
    /** Default of {@link #batchSize()}. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** Default of {@link Builder#optWeightDecay}: none. */
    public static final double DEFAULT_WEIGHT_DECAY = 0;
    /** Default of {@link Builder#optDefaultOptimizer}: the optimizer when neither the builder nor the model names one. */
    public static final OptimizerKind DEFAULT_OPTIMIZER = OptimizerKind.SGD;
    /**
     * Default of {@link #residentDataLimitBytes()}: 0, off. Holding the rows in TensorFlow measured no faster than
     * copying each batch from Java on a 2-core CPU (0.96-1.09x the copy's time at batch 128-512 on an MLP on
     * Fashion-MNIST, 1.16-1.28x at batch 32; docs/benchmarks.md) and takes the training rows' size again in native
     * memory, so every batch is copied unless a limit is set.
     */
    public static final long DEFAULT_RESIDENT_DATA_LIMIT_BYTES = 0;

    private final Path model;
    private final String signature;
    private final Optional<String> input;
    private final Optional<String> output;
    private final Optional<LossKind> loss;
    private final Optional<Boolean> fromLogits;
    private final DataSpec data;
    private final double validationFraction;
    private final long seed;
    private final boolean shuffle;
    private final int batchSize;
    private final OptimizerConfig optimizer;
    private final TrainingRoute route;
    private final boolean prefetch;
    private final long residentDataLimitBytes;
    private final CompileSettings compile;
    private final UnrollSettings unroll;
    private final SessionOptions session;
    private final ComputeDevice device;

    private RunSpec(Path model, String signature, Optional<String> input, Optional<String> output, Optional<LossKind> loss,
            Optional<Boolean> fromLogits, DataSpec data, double validationFraction, long seed, boolean shuffle,
            int batchSize, OptimizerConfig optimizer, TrainingRoute route, boolean prefetch, long residentDataLimitBytes, CompileSettings compile,
            UnrollSettings unroll, SessionOptions session, ComputeDevice device) {
        this.model = Objects.requireNonNull(model, "model");
        this.signature = Objects.requireNonNull(signature, "signature");
        this.input = Objects.requireNonNull(input, "input");
        this.output = Objects.requireNonNull(output, "output");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.fromLogits = Objects.requireNonNull(fromLogits, "fromLogits");
        this.compile = Objects.requireNonNull(compile, "compile");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.route = Objects.requireNonNull(route, "route");
        Objects.requireNonNull(unroll, "unroll");
        if (data != null && data.window().isPresent()) { // a window of T rows is a sequence of T steps
            unroll = unroll.withWindow(data.window().get().steps());
        }
        this.unroll = unroll;
        this.session = Objects.requireNonNull(session, "session");
        this.device = Objects.requireNonNull(device, "device");
        this.data = data;
        if (batchSize < 1) {
            throw LrlabException.usage("`batchSize` must be at least 1, found " + batchSize);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw LrlabException.usage("`validationFraction` must be in [0, 1), found " + validationFraction);
        }
        this.validationFraction = validationFraction;
        this.seed = seed;
        this.shuffle = shuffle;
        this.batchSize = batchSize;
        this.prefetch = prefetch;
        if (residentDataLimitBytes < 0) {
            throw LrlabException.usage("`residentDataLimitBytes` must be 0 (off) or more, found " + residentDataLimitBytes);
        }
        this.residentDataLimitBytes = residentDataLimitBytes;
    }

    /** @return the SavedModel folder */
    public Path model() {
        return model;
    }

    /** @return signature key (default {@value #DEFAULT_SIGNATURE}) */
    public String signature() {
        return signature;
    }

    /** @return the one input to feed (default: every input of the signature) */
    public Optional<String> input() {
        return input;
    }

    /** @return output key to train (default: the signature's only output) */
    public Optional<String> output() {
        return output;
    }

    /** @return loss kind (default: the model's compile settings, else inferred from the output and labels) */
    public Optional<LossKind> loss() {
        return loss;
    }

    /**
     * @return whether the output is logits (default: the model's loss settings, else detected); a model loss
     *     that takes probabilities leaves this empty, so that a final Sigmoid/Softmax is still differentiated on its logits
     */
    public Optional<Boolean> fromLogits() {
        return fromLogits;
    }

    /**
     * @return data files and columns; null when the data is given in memory, to
     *     {@link PreparedRun#open(RunSpec, dev.lrlab.data.Dataset)} (see {@link #hasDataFiles()})
     */
    public DataSpec data() {
        return data;
    }

    /** @return fraction of rows held out (default {@value #DEFAULT_VALIDATION_FRACTION}) */
    public double validationFraction() {
        return validationFraction;
    }

    /** @return seed of the split and the batch order (default {@value #DEFAULT_SEED}) */
    public long seed() {
        return seed;
    }

    /** @return shuffle the batch order every epoch (default true) */
    public boolean shuffle() {
        return shuffle;
    }

    /** @return rows per step (default {@value #DEFAULT_BATCH_SIZE}) */
    public int batchSize() {
        return batchSize;
    }

    /** @return optimizer settings (default: the model's compile settings, else SGD) */
    public OptimizerConfig optimizer() {
        return optimizer;
    }

    /**
     * @return how the weights are reached: a loss on an output (default), Keras training mode, a loss or a
     *     train signature of the model
     */
    public TrainingRoute route() {
        return route;
    }

    /**
     * @return copy the coming steps' batches on a background thread while a step trains (default false;
     *     pays off only with cores TensorFlow leaves idle; not used when the rows are resident, see
     *     {@link #residentDataLimitBytes()})
     */
    public boolean prefetch() {
        return prefetch;
    }

    /**
     * @return the most bytes of training rows (features and labels as float32) that are uploaded into TensorFlow once
     *     and gathered there at each step instead of being copied from Java per step; 0 turns it off (default
     *     {@link #DEFAULT_RESIDENT_DATA_LIMIT_BYTES}; see {@link PreparedRun#residentData()})
     */
    public long residentDataLimitBytes() {
        return residentDataLimitBytes;
    }

    /**
     * @return the loss and optimizer settings with where each came from (set by the builder: what was given,
     *     else the model's Keras compile settings, else lrlab's defaults), and the momentum to feed
     */
    public CompileSettings compile() {
        return compile;
    }

    /**
     * @return how the loops of recurrent layers are unrolled: the sequence length for inputs that leave it open
     *     (default none; with windowed data, the window's steps, see {@link UnrollSettings#withWindow}) and the most steps
     *     (default {@link UnrollSettings#DEFAULT_MAX_STEPS})
     */
    public UnrollSettings unroll() {
        return unroll;
    }

    /** @return TensorFlow's options for the model's session: threads and XLA (default {@link SessionOptions#defaults()}) */
    public SessionOptions session() {
        return session;
    }

    /**
     * @return where the training graph runs (default {@link ComputeDevice#AUTO}: the first GPU TensorFlow can use, else
     *     the CPU); resolved and checked when the run is opened ({@link dev.lrlab.device.DeviceCheck})
     */
    public ComputeDevice device() {
        return device;
    }

    private List<Object> values() {
        return Arrays.asList(model, signature, input, output, loss, fromLogits, data, validationFraction, seed, shuffle, batchSize, optimizer, route, prefetch, residentDataLimitBytes, compile, unroll, session, device);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RunSpec spec && values().equals(spec.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    @Override
    public String toString() {
        return "RunSpec[model=" + model + ", signature=" + signature + ", input=" + input + ", output=" + output
                + ", loss=" + loss + ", fromLogits=" + fromLogits + ", data=" + data + ", validationFraction="
                + validationFraction + ", seed=" + seed + ", shuffle=" + shuffle + ", batchSize=" + batchSize
                + ", optimizer=" + optimizer + ", route=" + route + ", prefetch=" + prefetch
                + ", residentDataLimitBytes=" + residentDataLimitBytes + ", compile=" + compile
                + ", unroll=" + unroll + ", session=" + session + ", device=" + device + "]";
    }

    /** What a summary names as the data of a run opened on a {@link dev.lrlab.data.Dataset} in memory. */
    public static final String IN_MEMORY = "in memory";

    /** @return whether the spec names data files; false when the data is given to {@code PreparedRun.open} in memory */
    public boolean hasDataFiles() {
        return data != null;
    }

    /** @return the window the data files are cut into, if any; empty for data in memory */
    public Optional<dev.lrlab.data.WindowSpec> dataWindow() {
        return data != null ? data.window() : Optional.empty();
    }

    /**
     * @param kind what ran, e.g. {@code range-test}
     * @return the first entries of a run's summary: kind, model, data, labels file, label, window (only when the data
     *     is cut into windows), signature, output, the sequence length (only when given) and the unroll limit
     */
    public SummaryHead summaryHead(String kind) {
        return new SummaryHead(kind, model.toString(), data != null ? data.data().toString() : IN_MEMORY,
                data != null ? data.labels().map(Path::toString).orElse(null) : null,
                data != null ? data.labelColumn().orElse(null) : null,
                dataWindow().map(window -> window + ", chronological split").orElse(null),
                data == null || data.rows().isAll() ? null : rowsHead(data.rows()),
                signature, output.orElse(null), unroll.hasSequenceLength() ? unroll.sequenceLength() : null,
                unroll.maxSteps());
    }

    private static SummaryHead.Rows rowsHead(dev.lrlab.data.RowSample rows) {
        return new SummaryHead.Rows(rows.method(), rows.maxRows() == Long.MAX_VALUE ? null : rows.maxRows(),
                rows.isSampled() ? rows.sample() : null, rows.isSampled() ? rows.seed() : null, rows.describe());
    }

    /**
     * @return a provenance builder holding the model, the data file and the labels file (when there is one), all
     *     hashed in {@link Provenance.Builder#build()}, the seed, and the setting {@code device} ({@code cpu} or
     *     {@code gpu:N} once resolved, as the command line does; {@code auto} when the caller left it to the run)
     */
    public Provenance.Builder provenance() {
        Provenance.Builder builder = Provenance.builder().optModel(model).optSeed(seed).setting("device", device.toString());
        if (data != null) {
            builder.addData(data.data());
            data.labels().ifPresent(builder::addData);
        }
        if (!session.isDefault()) {
            builder.setting("session", session.describe());
        }
        return builder;
    }

    /** @return a builder with the defaults documented on the accessors */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this spec's values */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.model = model;
        builder.signature = signature;
        builder.input = input;
        builder.output = output;
        builder.loss = compile.loss().filter(RunSpec::given).map(Setting::value);
        builder.fromLogits = compile.fromLogits().filter(RunSpec::given).map(Setting::value);
        builder.data = data;
        builder.validationFraction = validationFraction;
        builder.seed = seed;
        builder.shuffle = shuffle;
        builder.batchSize = batchSize;
        builder.optimizerKind = Optional.of(compile.optimizer()).filter(RunSpec::given).map(Setting::value);
        builder.momentum = givenNumber(compile.momentum());
        builder.beta2 = givenNumber(compile.beta2());
        builder.epsilon = givenNumber(compile.epsilon());
        builder.weightDecay = optimizer.weightDecay();
        builder.hypergradient = optimizer.hypergradient();
        builder.defaultOptimizer = compile.optimizer().source() == SettingSource.DEFAULT ? compile.optimizer().value()
                : compile.optimizer().value().isHypergradient() ? OptimizerKind.SGD_HD : OptimizerKind.SGD;
        builder.useModelCompileSettings = compile.model().isPresent(); // reading again finds the same
        builder.route = route;
        builder.prefetch = prefetch;
        builder.residentDataLimitBytes = residentDataLimitBytes;
        builder.unroll = unroll;
        builder.session = session;
        builder.device = device;
        return builder;
    }

    /**
     * @param kind the optimizer
     * @return this spec with another optimizer kind, its source and every other setting kept (e.g. a hypergradient
     *     run's fixed-rate baseline)
     */
    public RunSpec withOptimizerKind(OptimizerKind kind) {
        return new RunSpec(model, signature, input, output, loss, fromLogits, data, validationFraction, seed, shuffle,
                batchSize, optimizer.withKind(kind).withHypergradient(kind.isHypergradient() ? optimizer.hypergradient()
                        : HypergradientSettings.paperDefaults(kind)), route, prefetch, residentDataLimitBytes, compile.withOptimizerKind(kind), unroll,
                session, device);
    }

    /**
     * @param value where the training graph runs
     * @return this spec with that device, every other setting kept (as resolved: {@link PreparedRun} keeps the device
     *     it opened on, so that its summary names it)
     */
    public RunSpec withDevice(ComputeDevice value) {
        return new RunSpec(model, signature, input, output, loss, fromLogits, data, validationFraction, seed, shuffle,
                batchSize, optimizer, route, prefetch, residentDataLimitBytes, compile, unroll, session, value);
    }

    /**
     * @param settings how the hypergradient optimizer adapts its rate
     * @return this spec with those settings
     */
    public RunSpec withHypergradient(HypergradientSettings settings) {
        return new RunSpec(model, signature, input, output, loss, fromLogits, data, validationFraction, seed, shuffle,
                batchSize, optimizer.withHypergradient(settings), route, prefetch, residentDataLimitBytes, compile, unroll, session, device);
    }

    private static boolean given(Setting<?> setting) {
        return setting.source() == SettingSource.OPTION;
    }

    private static OptionalDouble givenNumber(Setting<Double> setting) {
        return given(setting) ? OptionalDouble.of(setting.value()) : OptionalDouble.empty();
    }

    /** Builds a {@link RunSpec}: {@code setModel} and {@code setData} are required, the rest optional. */
    public static final class Builder {
        private Path model;
        private String signature = DEFAULT_SIGNATURE;
        private Optional<String> input = Optional.empty();
        private Optional<String> output = Optional.empty();
        private Optional<LossKind> loss = Optional.empty();
        private Optional<Boolean> fromLogits = Optional.empty();
        private DataSpec data;
        private double validationFraction = DEFAULT_VALIDATION_FRACTION;
        private long seed = DEFAULT_SEED;
        private boolean shuffle = true;
        private boolean prefetch;
        private long residentDataLimitBytes = DEFAULT_RESIDENT_DATA_LIMIT_BYTES;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Optional<OptimizerKind> optimizerKind = Optional.empty();
        private OptionalDouble momentum = OptionalDouble.empty();
        private OptionalDouble beta2 = OptionalDouble.empty();
        private OptionalDouble epsilon = OptionalDouble.empty();
        private double weightDecay = DEFAULT_WEIGHT_DECAY;
        private HypergradientSettings hypergradient; // null: the paper's settings for the resolved kind
        private OptimizerKind defaultOptimizer = DEFAULT_OPTIMIZER;
        private boolean useModelCompileSettings = true;
        private TrainingRoute route = TrainingRoute.standard();
        private UnrollSettings unroll = UnrollSettings.defaults();
        private SessionOptions session = SessionOptions.defaults();
        private ComputeDevice device = ComputeDevice.AUTO;

        private Builder() {
        }

        /** @param value the SavedModel folder (required) */
        public Builder setModel(Path value) {
            model = value;
            return this;
        }

        /**
         * @param value the data files (required, unless the data is given in memory to
         *              {@link PreparedRun#open(RunSpec, dev.lrlab.data.Dataset)})
         */
        public Builder setData(DataSpec value) {
            data = value;
            return this;
        }

        /** @param value the signature key (default {@code serving_default}) */
        public Builder optSignature(String value) {
            signature = Objects.requireNonNull(value, "signature");
            return this;
        }

        /** @param value the one input to feed */
        public Builder optInput(String value) {
            input = Optional.ofNullable(value);
            return this;
        }

        /** @param value the output key to train */
        public Builder optOutput(String value) {
            output = Optional.ofNullable(value);
            return this;
        }

        /** @param value the loss kind (default: the model's, else inferred) */
        public Builder optLoss(LossKind value) {
            loss = Optional.ofNullable(value);
            return this;
        }

        /** @param value whether the output is logits */
        public Builder optFromLogits(Boolean value) {
            fromLogits = Optional.ofNullable(value);
            return this;
        }

        /** @param value fraction of rows held out for validation (default {@value RunSpec#DEFAULT_VALIDATION_FRACTION}) */
        public Builder optValidationFraction(double value) {
            validationFraction = value;
            return this;
        }

        /** @param value seed of split and batch order (default {@value RunSpec#DEFAULT_SEED}) */
        public Builder optSeed(long value) {
            seed = value;
            return this;
        }

        /** @param value shuffle each epoch (default true) */
        public Builder optShuffle(boolean value) {
            shuffle = value;
            return this;
        }

        /** @param value rows per step (default {@value RunSpec#DEFAULT_BATCH_SIZE}) */
        public Builder optBatchSize(int value) {
            batchSize = value;
            return this;
        }

        /**
         * Sets every optimizer setting at once: kind, beta2, epsilon, weight decay and hypergradient settings, all
         * taken as given (the model's compile settings then decide only the momentum).
         *
         * @param value the optimizer
         */
        public Builder optOptimizer(OptimizerConfig value) {
            Objects.requireNonNull(value, "optimizer");
            optimizerKind = Optional.of(value.kind());
            beta2 = OptionalDouble.of(value.beta2());
            epsilon = OptionalDouble.of(value.epsilon());
            weightDecay = value.weightDecay();
            hypergradient = value.hypergradient();
            return this;
        }

        /** @param value the optimizer kind (default: the model's, else {@link #optDefaultOptimizer}) */
        public Builder optOptimizerKind(OptimizerKind value) {
            optimizerKind = Optional.ofNullable(value);
            return this;
        }

        /**
         * @param value the optimizer when neither this builder nor the model names one (default {@link RunSpec#DEFAULT_OPTIMIZER}); a hypergradient
         *     optimizer here also takes the model's optimizer in its hypergradient form (Adam as adam-hd)
         */
        public Builder optDefaultOptimizer(OptimizerKind value) {
            defaultOptimizer = Objects.requireNonNull(value, "defaultOptimizer");
            return this;
        }

        /** @param value momentum, or Adam's beta1, to feed (default: the model's, else {@value CompileSettings#DEFAULT_MOMENTUM}) */
        public Builder optMomentum(double value) {
            momentum = OptionalDouble.of(value);
            return this;
        }

        /** @param value Adam's beta2 (default: the model's, else {@value CompileSettings#DEFAULT_BETA2}) */
        public Builder optBeta2(double value) {
            beta2 = OptionalDouble.of(value);
            return this;
        }

        /** @param value Adam's epsilon (default: the model's, else {@value CompileSettings#DEFAULT_EPSILON}) */
        public Builder optEpsilon(double value) {
            epsilon = OptionalDouble.of(value);
            return this;
        }

        /** @param value L2 weight decay added to the gradient (default {@value RunSpec#DEFAULT_WEIGHT_DECAY}) */
        public Builder optWeightDecay(double value) {
            weightDecay = value;
            return this;
        }

        /** @param value how a hypergradient optimizer adapts its rate (default: the paper's settings for its kind) */
        public Builder optHypergradient(HypergradientSettings value) {
            hypergradient = value;
            return this;
        }

        /**
         * @param value whether to take defaults from the model's Keras compile settings ({@code keras_metadata.pb})
         *     (default true)
         */
        public Builder optModelCompileSettings(boolean value) {
            useModelCompileSettings = value;
            return this;
        }

        /** @param value copy the coming batches on a background thread (default false) */
        public Builder optPrefetch(boolean value) {
            prefetch = value;
            return this;
        }

        /**
         * @param value the most bytes of training rows (float32 features and labels) to hold in TensorFlow and gather
         *     there at each step; 0 copies every batch from Java (default {@link RunSpec#DEFAULT_RESIDENT_DATA_LIMIT_BYTES})
         */
        public Builder optResidentDataLimitBytes(long value) {
            residentDataLimitBytes = value;
            return this;
        }

        /** @param value TensorFlow's session options: threads, XLA (default {@link SessionOptions#defaults()}) */
        public Builder optSession(SessionOptions value) {
            session = Objects.requireNonNull(value, "session");
            return this;
        }

        /** @param value how recurrent layers' loops are unrolled (default {@link UnrollSettings#defaults()}) */
        public Builder optUnroll(UnrollSettings value) {
            unroll = Objects.requireNonNull(value, "unroll");
            return this;
        }

        /**
         * @param value where the training graph runs: the CPU, one GPU, or {@code auto} (default: the first GPU
         *     TensorFlow can use, else the CPU; see {@link dev.lrlab.device.DeviceCheck})
         */
        public Builder optDevice(ComputeDevice value) {
            device = Objects.requireNonNull(value, "device");
            return this;
        }

        /** @param value how the weights are reached (default {@link TrainingRoute#standard()}) */
        public Builder optRoute(TrainingRoute value) {
            route = Objects.requireNonNull(value, "route");
            return this;
        }

        /**
         * Resolves the loss and optimizer against the model's Keras compile settings (read from its
         * {@code keras_metadata.pb}, when there is one) and validates the spec.
         *
         * @return the validated spec
         */
        public RunSpec build() {
            if (model == null) {
                throw LrlabException.usage("`model` is required: the SavedModel folder (setModel)");
            }
            CompileSettings.Request.Builder request = CompileSettings.Request.builder()
                    .setDefaultOptimizer(defaultOptimizer)
                    .optUseModel(useModelCompileSettings && route.trainSignature().isEmpty() && route.lossSignature().isEmpty());
            loss.ifPresent(request::optLoss);
            fromLogits.ifPresent(request::optFromLogits);
            optimizerKind.ifPresent(request::optOptimizer);
            momentum.ifPresent(request::optMomentum);
            beta2.ifPresent(request::optBeta2);
            epsilon.ifPresent(request::optEpsilon);
            CompileSettings compile = CompileSettings.resolve(model, output, request.build());
            OptimizerKind kind = compile.optimizer().value();
            OptimizerConfig.Builder optimizerBuilder = OptimizerConfig.builder().setKind(kind).optWeightDecay(weightDecay)
                    .optBeta2(compile.beta2().value()).optEpsilon(compile.epsilon().value());
            if (hypergradient != null) {
                optimizerBuilder.optHypergradient(hypergradient);
            }
            OptimizerConfig optimizer = optimizerBuilder.build();
            // a model loss on probabilities stays open, so that a final Sigmoid/Softmax is differentiated on its logits
            Optional<Boolean> logits = compile.fromLogits().filter(s -> s.source() == SettingSource.OPTION || s.value())
                    .map(Setting::value);
            return new RunSpec(model, signature, input, output, compile.loss().map(Setting::value), logits, data,
                    validationFraction, seed, shuffle, batchSize, optimizer, route, prefetch, residentDataLimitBytes, compile, unroll, session, device);
        }
    }
}
