package dev.lrlab.run;

import dev.lrlab.LrlabException;
import dev.lrlab.Setting;
import dev.lrlab.SettingSource;
import dev.lrlab.data.Batch;
import dev.lrlab.data.BatchBuffer;
import dev.lrlab.data.BatchOrder;
import dev.lrlab.data.Dataset;
import dev.lrlab.data.DatasetLoader;
import dev.lrlab.data.SeriesWindows;
import dev.lrlab.data.Split;
import dev.lrlab.data.WindowSpec;
import dev.lrlab.device.DeviceCheck;
import dev.lrlab.device.DevicePlacement;
import dev.lrlab.model.LossKind;
import dev.lrlab.model.ModelDescription;
import dev.lrlab.model.Objective;
import dev.lrlab.model.ObjectiveSpec;
import dev.lrlab.model.SavedModel;
import dev.lrlab.model.SignatureLoss;
import dev.lrlab.model.SignatureSpec;
import dev.lrlab.model.VariableSnapshot;
import dev.lrlab.model.inline.TensorNames;
import dev.lrlab.train.Evaluation;
import dev.lrlab.train.FeedBatch;
import dev.lrlab.train.FeedPrefetcher;
import dev.lrlab.train.ResidentBatches;
import dev.lrlab.train.StepEngine;
import dev.lrlab.train.StepResult;
import dev.lrlab.train.TrainingSetup;
import java.util.List;
import java.util.Optional;
import org.tensorflow.proto.ConfigProto;

/**
 * A model loaded with its training step built and its data split and batched, ready for any experiment.
 * Owns the model: close it.
 */
public final class PreparedRun implements AutoCloseable {
    private final RunSpec spec;
    private final SavedModel model;
    private final Dataset dataset;
    private final Split split;
    private final StepEngine engine;
    private final BatchOrder order;
    private final BatchBuffer buffer; // the copier's alone when prefetching
    private final FeedPrefetcher prefetcher; // null unless the spec asks for prefetching and the rows are not resident
    private final ResidentBatches resident; // null when the rows are copied from Java at every step
    private final float[] validationFeatures;
    private final float[] validationLabels;

    private PreparedRun(RunSpec spec, SavedModel model, Dataset dataset, Split split, StepEngine engine) {
        this.spec = spec;
        this.model = model;
        this.dataset = dataset;
        this.split = split;
        this.engine = engine;
        Dataset train = split.train();
        this.order = BatchOrder.builder(train.size(), Math.min(spec.batchSize(), train.size()))
                .seed(spec.seed()).shuffle(spec.shuffle()).build();
        this.buffer = new BatchBuffer(train, Math.min(spec.batchSize(), train.size()));
        this.resident = fitsResident(spec, train) ? engine.uploadResident(train, order).orElse(null) : null;
        this.prefetcher = resident == null && spec.prefetch() ? new FeedPrefetcher(engine, buffer, order) : null;
        this.validationFeatures = split.validation().features();
        this.validationLabels = split.validation().labels();
    }

    /**
     * Loads data and model, and builds the training step.
     *
     * @param spec what to run
     * @return the prepared run
     * @throws LrlabException for bad data, a bad model, or nothing to train
     */
    public static PreparedRun open(RunSpec spec) {
        return open(spec, 1.0);
    }

    /**
     * Like {@link #open(RunSpec)}, on data already in memory (arrays through {@link Dataset#of(float[][], float[])},
     * or a {@link Dataset} built in code) instead of data files: it is split, batched and checked against the model
     * exactly as data read from a file is.
     *
     * <pre>{@code
     * RunSpec spec = RunSpec.builder().setModel(Path.of("models/iris-mlp")).build();
     * try (PreparedRun run = PreparedRun.open(spec, Dataset.of(features, labels))) { ... }
     * }</pre>
     *
     * @param spec what to run; without data files
     * @param dataset the examples
     * @return the prepared run
     * @throws LrlabException (USAGE) when the spec names data files too; (DATA) when the data does not fit the model;
     *                        as {@link #open(RunSpec)} for the rest
     */
    public static PreparedRun open(RunSpec spec, Dataset dataset) {
        java.util.Objects.requireNonNull(dataset, "dataset");
        if (spec.hasDataFiles()) {
            throw LrlabException.usage("the run spec names the data file " + spec.data().data() + " and a Dataset is given "
                    + "as well; build the spec without setData to train on the Dataset");
        }
        return open(spec, 1.0, dataset);
    }

    /**
     * Like {@link #open(RunSpec)}, training on a deterministic share of the training rows (see
     * {@link TrainingSubset}); the validation rows are all kept.
     *
     * @param spec what to run
     * @param trainFraction share of the training rows to keep, in (0, 1]
     * @return the prepared run
     * @throws LrlabException for bad data, a bad model, nothing to train, or a fraction outside (0, 1]
     */
    public static PreparedRun open(RunSpec spec, double trainFraction) {
        if (!spec.hasDataFiles()) {
            throw LrlabException.usage("the run spec names no data; set it with RunSpec.Builder.setData, or give the "
                    + "examples in memory to PreparedRun.open(spec, dataset)");
        }
        return open(spec, trainFraction, null);
    }

    /** Opens on the spec's data files, or on {@code inMemory} when it is not null. */
    private static PreparedRun open(RunSpec asked, double trainFraction, Dataset inMemory) {
        RunSpec spec = asked.withDevice(DeviceCheck.resolve(asked.device()));
        SavedModel model = SavedModel.load(spec.model(), spec.route().loadMode(), spec.unroll(),
                DevicePlacement.configure(spec.session().configure(ConfigProto.newBuilder()), spec.device()).build());
        try {
            Optional<WindowSpec> window = spec.dataWindow();
            if (window.isPresent() && spec.route().lossSignature().isEmpty()
                    && model.signatures().stream().anyMatch(s -> s.key().equals(spec.signature()))) {
                SignatureSpec fed = model.signature(spec.signature());
                FeedChecks.checkWindow(spec.input().isPresent() ? new SignatureSpec(fed.key(), fed.methodName(),
                        List.of(fed.input(spec.input().get())), fed.outputs()) : fed, window.get());
            }
            if (spec.route().trainSignature().isEmpty() && spec.route().lossSignature().isEmpty()) {
                requireUnrolled(model, spec);
                boolean known = model.signatures().stream().anyMatch(s -> s.key().equals(spec.signature()));
                if (known) {
                    requireSomethingTrainable(model, model.signature(spec.signature()), spec.output());
                } else {
                    requireSomethingTrainable(model); // before saying the signature is unknown
                }
            }
            // a loss signature replaces the --signature output, for training and (with a train signature) validation
            SignatureSpec signature = spec.route().lossSignature().isPresent() ? null : model.signature(spec.signature());
            if (signature != null && spec.input().isPresent()) {
                SignatureSpec whole = signature;
                signature = new SignatureSpec(signature.key(), signature.methodName(),
                        List.of(signature.input(spec.input().get())), signature.outputs());
                requireFedInputs(model, whole, signature, spec);
            }
            Dataset dataset;
            Split whole;
            if (inMemory != null) {
                dataset = inMemory;
                whole = Split.of(dataset, spec.validationFraction(), spec.seed());
            } else if (window.isPresent()) { // rows are time steps: samples are windows, split chronologically
                SeriesWindows.Windowed windowed = SeriesWindows.split(
                        new DatasetLoader().load(spec.data()), window.get(), spec.validationFraction());
                dataset = windowed.samples();
                whole = windowed.split();
            } else {
                dataset = new DatasetLoader().load(withTextNeeds(spec, model, signature));
                whole = Split.of(dataset, spec.validationFraction(), spec.seed());
            }
            if (signature != null) {
                requireSequenceWidth(spec, signature, dataset);
            }
            Split split = trainFraction == 1.0 ? whole
                    : new Split(TrainingSubset.of(whole.train(), trainFraction, spec.seed()), whole.validation());
            ObjectiveSpec objective = ObjectiveSpec.builder().optOutputKey(spec.output().orElse(null))
                    .optLossKind(spec.loss().orElse(null)).optFromLogits(spec.fromLogits().orElse(null))
                    .optLabelWidth(dataset.labelWidth()).optLabelsAreIntegers(dataset.labelsAreIntegers())
                    .optLabelClassCount(dataset.labelWidth() == 1 ? ObjectiveSpec.classCountOf(dataset.labels()) : 0)
                    .build();
            TrainingSetup setup = new TrainingSetup(spec.signature(), objective, spec.optimizer(), FeedColumns.of(dataset));
            Optional<String> labelColumn = spec.hasDataFiles() ? spec.data().labelColumn()
                    : Optional.of(String.join(",", dataset.labelNames()));
            StepEngine engine = engine(spec, model, signature, setup, labelColumn);
            try {
                FeedChecks.check(engine, dataset, signature, objective);
            } catch (RuntimeException | Error e) {
                engine.close();
                throw e;
            }
            return create(spec, model, dataset, split, engine);
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
    }

    /** @return whether the training rows fit the spec's {@code residentDataLimitBytes} */
    private static boolean fitsResident(RunSpec spec, Dataset train) {
        return ResidentBatches.bytesFor(train.size(), train.featureCount(), train.labelWidth())
                <= spec.residentDataLimitBytes();
    }

    /**
     * The constructor, closing {@code engine} when it fails (the batch buffer cannot be allocated, the
     * prefetcher's thread cannot start); the model stays the caller's to close, as it was opened there.
     */
    static PreparedRun create(RunSpec spec, SavedModel model, Dataset dataset, Split split, StepEngine engine) {
        try {
            return new PreparedRun(spec, model, dataset, split, engine);
        } catch (RuntimeException | Error e) {
            engine.close();
            throw e;
        }
    }

    /** Refuses a trained output behind a loop that was not unrolled, with the reason (the fix: --sequence-length...). */
    private static void requireUnrolled(SavedModel model, RunSpec spec) {
        if (model.unrolling().refusal().isEmpty()
                || model.signatures().stream().noneMatch(s -> s.key().equals(spec.signature()))) {
            return;
        }
        SignatureSpec signature = model.signature(spec.signature());
        dev.lrlab.model.TensorSpec output = spec.output().map(signature::output)
                .orElseGet(() -> StepEngine.trainableOutput(signature));
        model.unrollRefusalFor(output.tensorName()).ifPresent(reason -> {
            throw LrlabException.usage("cannot train " + spec.model() + ": " + reason);
        });
    }

    /**
     * With {@code --sequence-length T}, the one input whose time dimension the model leaves open ({@code [-1,-1,F]})
     * takes T * F feature columns per row: anything else is refused before the first step.
     */
    private static void requireSequenceWidth(RunSpec spec, SignatureSpec signature, Dataset dataset) {
        if (!spec.unroll().hasSequenceLength() || signature.inputs().size() != 1) {
            return;
        }
        dev.lrlab.model.TensorSpec input = signature.inputs().get(0);
        long[] shape = input.shape();
        if (shape == null || shape.length < 2 || shape[1] >= 0) {
            return;
        }
        long perStep = 1;
        for (int i = 2; i < shape.length; i++) {
            if (shape[i] < 0) {
                return;
            }
            perStep *= shape[i];
        }
        long expected = perStep * spec.unroll().sequenceLength();
        if (dataset.featureCount() != expected) {
            throw LrlabException.data("input '" + input.key() + "' takes " + spec.unroll().sequenceLength()
                    + " time steps" + (perStep > 1 ? " of " + perStep + " values" : "") + " (`sequenceLength` "
                    + spec.unroll().sequenceLength() + "), " + expected + " feature columns per row, but the data has "
                    + dataset.featureCount() + "; give `sequenceLength` " + (dataset.featureCount() % perStep == 0
                            ? dataset.featureCount() / perStep : "matching the data") + " or select `featureColumns`");
        }
    }

    /** Refuses an output that depends on a signature input that {@code --input} leaves unfed. */
    private static void requireFedInputs(SavedModel model, SignatureSpec whole, SignatureSpec fed, RunSpec spec) {
        dev.lrlab.model.TensorSpec output = spec.output().map(whole::output).orElseGet(() -> StepEngine.trainableOutput(whole));
        java.util.function.Predicate<String> ancestors = model.dataAncestors(List.of(output.tensorName()));
        for (dev.lrlab.model.TensorSpec input : whole.inputs()) {
            if (!fed.inputs().contains(input) && ancestors.test(TensorNames.nodeName(input.tensorName()))) {
                throw LrlabException.usage("output '" + output.key() + "' of signature '" + whole.key() + "' depends on input '"
                        + input.key() + "', which `input` " + spec.input().get() + " leaves unfed; drop `input` to feed every"
                        + " input from its columns");
            }
        }
    }

    /** The data spec, reading as text the CSV columns that feed string and integer inputs (or tf.Example features). */
    private static dev.lrlab.data.DataSpec withTextNeeds(RunSpec spec, SavedModel model, SignatureSpec signature) {
        java.util.List<dev.lrlab.model.TensorSpec> inputs = signature != null ? signature.inputs()
                : model.signature(spec.route().lossSignature().get()).inputs();
        dev.lrlab.train.FeatureColumns.TextNeeds needs = dev.lrlab.train.InputBinding.textNeeds(inputs, model::exampleFeatures);
        return spec.data().withTextColumns(needs.names(), needs.all());
    }

    private static StepEngine engine(RunSpec spec, SavedModel model, SignatureSpec signature, TrainingSetup setup,
            Optional<String> labelColumn) {
        TrainingRoute route = spec.route();
        java.util.Optional<SignatureLoss> lossSignature = route.lossSignature().map(key -> SignatureLoss.of(
                model.signature(key), route.trainSignature().isPresent() ? java.util.Optional.empty() : spec.output(),
                route.labelInput(), labelColumn, List.of()));
        if (route.trainSignature().isPresent()) {
            SignatureSpec trainSignature = model.signature(route.trainSignature().get());
            SignatureLoss trainStep = SignatureLoss.of(trainSignature, java.util.Optional.empty(), route.labelInput(),
                    labelColumn, List.of(route.lrInput().get()));
            return StepEngine.driveTrainSignature(model, trainStep, route.lrInput().get(),
                    StepEngine.EvaluationLoss.of(signature, lossSignature), setup);
        }
        if (lossSignature.isPresent()) {
            return StepEngine.buildOnLossSignature(model, lossSignature.get(), setup);
        }
        return StepEngine.build(model, signature, setup);
    }

    /** Fails when no output of any signature can be trained, naming the first blocked output. */
    private static void requireSomethingTrainable(SavedModel model) {
        ModelDescription description = ModelDescription.of(model);
        boolean any = description.signatures().stream().flatMap(s -> s.outputs().stream())
                .anyMatch(ModelDescription.OutputDescription::trainable);
        if (any) {
            return;
        }
        for (ModelDescription.SignatureDescription signature : description.signatures()) {
            for (ModelDescription.OutputDescription output : signature.outputs()) {
                if (output.blocker().startsWith("no gradient for")) {
                    throw LrlabException.model("cannot train " + model.directory() + ": output '" + output.output().key()
                            + "' of signature '" + signature.key() + "': " + output.blocker());
                }
            }
        }
        throw LrlabException.model("nothing to train in " + model.directory() + ": no signature output depends on a "
                + "trainable variable through ops with gradients (see lrlab inspect); train a model with trainable weights");
    }

    /**
     * Fails before building anything when the chosen signature (and output, when one is named) has nothing lrlab can
     * train, with what {@code inspect} says of it.
     */
    private static void requireSomethingTrainable(SavedModel model, SignatureSpec signature,
            java.util.Optional<String> outputKey) {
        ModelDescription.SignatureDescription description = ModelDescription.signature(model, signature);
        java.util.List<ModelDescription.OutputDescription> outputs = description.outputs().stream()
                .filter(o -> outputKey.isEmpty() || o.output().key().equals(outputKey.get())).toList();
        if (outputs.isEmpty() || outputs.stream().anyMatch(ModelDescription.OutputDescription::trainable)) {
            return; // an unknown output key is reported where the output is looked up
        }
        for (ModelDescription.OutputDescription output : outputs) {
            if (output.blocker().startsWith("no gradient for") || outputKey.isPresent()) {
                throw LrlabException.model("cannot train " + model.directory() + ": output '" + output.output().key()
                        + "' of signature '" + signature.key() + "': " + output.blocker());
            }
        }
        throw LrlabException.model("nothing to train in " + model.directory() + ": no output of signature '"
                + signature.key() + "' depends on a trainable variable through ops with gradients (see lrlab inspect); "
                + "train another signature or a model with trainable weights");
    }

    /**
     * @return lines for the log about how the data feeds the model, beyond the row counts: the recurrent layers'
     *     loops unrolled (and the window that set their length), training rows held in TensorFlow, rows skipped for
     *     an empty cell, and inputs that take text or serialized {@code tf.Example} protos
     */
    public java.util.List<String> feedNotes() {
        java.util.List<String> notes = new java.util.ArrayList<>();
        dev.lrlab.model.ModelDescription.unrollingPhrase(model).ifPresent(phrase -> notes.add("model: " + phrase
                + (spec.unroll().fromWindow() && leavesLengthOpen() ? "; `window` " + spec.unroll().sequenceLength()
                        + " sets the sequence length the model leaves open, as `sequenceLength` "
                        + spec.unroll().sequenceLength() + " would" : "")));
        spec.dataWindow().ifPresent(window -> notes.add("data: " + dataset.size() + " windows of " + window.steps()
                + " steps x " + window.width() + " series (" + String.join(",", window.series()) + "), label "
                + String.join(",", dataset.labelNames()) + " " + window.horizon() + (window.horizon() == 1 ? " step" : " steps")
                + " ahead, chronological split"));
        if (resident != null) {
            notes.add("data: " + resident.rows() + " training rows (" + String.format(java.util.Locale.ROOT, "%.1f",
                    resident.bytes() / 1048576.0) + " MB) held in TensorFlow, each batch gathered there");
        }
        if (dataset.skippedRows() > 0) {
            notes.add("skipped " + dataset.skippedRows() + " rows of " + dataset.source() + " with an empty cell");
        }
        for (dev.lrlab.train.InputBinding binding : engine.inputBindings()) {
            if (binding.isExample()) {
                notes.add("input '" + binding.input().key() + "' takes tf.Example protos built from " + String.join(", ",
                        binding.example().stream().map(e -> e.feature().toString() + " <- " + columnNames(e.columns())).toList()));
            } else if (!binding.input().dtype().equals("FLOAT")) {
                notes.add("input '" + binding.input().key() + "' (" + binding.input().dtype() + ") <- "
                        + columnNames(binding.columns()));
            }
        }
        return notes;
    }

    /** @return whether an input of the trained signature leaves its time dimension open ({@code [-1,-1,...]}) */
    private boolean leavesLengthOpen() {
        return model.signatures().stream().filter(s -> s.key().equals(spec.signature()))
                .flatMap(s -> s.inputs().stream())
                .anyMatch(input -> input.shape() != null && input.shape().length >= 2 && input.shape()[1] < 0);
    }

    private String columnNames(int[] columns) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(columns.length, 8); i++) {
            names.add(dataset.featureNames().get(columns[i]));
        }
        return String.join(",", names) + (columns.length > 8 ? ",... (" + columns.length + " columns)" : "");
    }

    /**
     * @return the sizes of the split for the log, e.g. {@code 80 training rows, 20 validation rows}, or
     *     {@code ... windows} when the samples are windows of a series
     */
    public String splitSizes() {
        String unit = spec.dataWindow().isPresent() ? "windows" : "rows";
        return split.train().size() + " training " + unit + ", " + split.validation().size() + " validation " + unit;
    }

    /** @return the spec this run was prepared from */
    public RunSpec spec() {
        return spec;
    }

    /**
     * @return the loss this run built, with where it came from: given, the model's compile settings, or inferred
     *     from the output and labels (or lrlab's default, mse)
     */
    public Setting<LossKind> lossSetting() {
        Objective objective = engine.objective();
        if (objective.kind() == LossKind.SIGNATURE) {
            return Setting.option(LossKind.SIGNATURE);
        }
        return spec.compile().loss().filter(s -> s.value() == objective.kind())
                .orElseGet(() -> new Setting<>(objective.kind(), objective.lossInference().orElse(SettingSource.INFERRED)));
    }

    /**
     * @return whether the loss took the model output as logits (or, when the model's loss takes probabilities,
     *     false from the model), with where that came from
     */
    public Setting<Boolean> fromLogitsSetting() {
        return spec.compile().fromLogits().orElseGet(() -> Setting.inferred(engine.objective().fromLogits()));
    }

    /** @return the run's compile settings for a summary, see {@link CompileSettings#toMap} */
    public java.util.Map<String, Object> compileSettingsMap() {
        return spec.compile().toMap(java.util.Optional.of(lossSetting()), java.util.Optional.of(fromLogitsSetting()));
    }

    /** @return the loaded model */
    public SavedModel model() {
        return model;
    }

    /** @return the whole dataset as read */
    public Dataset dataset() {
        return dataset;
    }

    /** @return the train/validation split */
    public Split split() {
        return split;
    }

    /** @return the step engine */
    public StepEngine engine() {
        return engine;
    }

    /** @return the batch order over the training rows */
    public BatchOrder order() {
        return order;
    }

    /** @return the number of steps in one epoch */
    public int stepsPerEpoch() {
        return order.batchesPerEpoch();
    }

    /**
     * Runs optimizer step {@code step} (0-based, counted over the whole run) on its batch. When the training rows are
     * held in TensorFlow ({@link #residentData()}), the batch is gathered there from its row indices; otherwise it is
     * copied from Java, and with {@link RunSpec#prefetch()} the coming steps' batches are copied on a background
     * thread while this one trains ({@link FeedPrefetcher}). The batches, and so the results, are the same every way.
     *
     * @param step which batch of the run
     * @param lr learning rate to feed
     * @param momentum momentum to feed
     * @return the step's scalars
     */
    public StepResult step(long step, double lr, double momentum) {
        if (resident != null) {
            return engine.step(resident, step, lr, momentum);
        }
        if (prefetcher == null) {
            Batch batch = buffer.fill(order, step);
            return engine.step(batch.features(), batch.labels(), batch.size(), lr, momentum);
        }
        FeedBatch batch = prefetcher.take(step);
        try {
            return engine.step(batch, lr, momentum);
        } finally {
            prefetcher.release(batch);
        }
    }

    /**
     * @return the bytes of training rows held in TensorFlow and gathered there at each step; empty when every batch
     *     is copied from Java (the rows exceed {@link RunSpec#residentDataLimitBytes()}, it is 0, or an input takes
     *     text, integers or {@code tf.Example} protos)
     */
    public java.util.OptionalLong residentData() {
        return resident == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(resident.bytes());
    }

    /** @return loss and accuracy on the validation rows, or empty values when there are none */
    public java.util.Optional<Evaluation> validate() {
        int rows = split.validation().size();
        if (rows == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(engine.evaluate(validationFeatures, validationLabels, rows, Math.max(spec.batchSize(), 256)));
    }

    /** @return every model variable and optimizer slot */
    public VariableSnapshot snapshot() {
        return engine.snapshot();
    }

    /** @param snapshot a snapshot of this run, restored bit for bit */
    public void restore(VariableSnapshot snapshot) {
        engine.restore(snapshot);
    }

    /**
     * Writes the model, with its current (trained) values, as a new SavedModel with its original signatures.
     *
     * @param target the folder to create
     * @param force replace an existing folder
     */
    public void export(java.nio.file.Path target, boolean force) {
        dev.lrlab.model.ModelExporter.export(spec.model(), model.metaGraphDef().getSaverDef(), model.session(), target, force);
    }

    /**
     * Writes the model, with its current values, into a sibling of {@code target} to be swapped in later with
     * {@link dev.lrlab.model.ModelExporter#moveIntoPlace} (once everything else the run writes is complete).
     *
     * @param target the folder the export is for, already checked with
     *     {@link dev.lrlab.model.ModelExporter#checkTarget}
     * @return the written folder
     */
    public java.nio.file.Path stageExport(java.nio.file.Path target) {
        return dev.lrlab.model.ModelExporter.stage(spec.model(), model.metaGraphDef().getSaverDef(), model.session(), target);
    }

    @Override
    public void close() {
        try {
            if (prefetcher != null) {
                prefetcher.close();
            }
            if (resident != null) {
                resident.close();
            }
            engine.close();
        } finally {
            model.close();
        }
    }
}
