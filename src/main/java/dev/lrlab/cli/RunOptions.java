package dev.lrlab.cli;

import dev.lrlab.LrlabException;
import dev.lrlab.data.DataSpec;
import dev.lrlab.data.RowSample;
import dev.lrlab.data.WindowSpec;
import dev.lrlab.device.ComputeDevice;
import dev.lrlab.device.DeviceCheck;
import dev.lrlab.model.LossKind;
import dev.lrlab.model.SessionOptions;
import dev.lrlab.model.inline.UnrollSettings;
import dev.lrlab.run.CompileSettings;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.TrainingRoute;
import dev.lrlab.train.HypergradientSettings;
import dev.lrlab.train.OptimizerKind;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The options every training subcommand shares (model signature and output, loss, data, split, batching,
 * optimizer), and their translation into a {@link RunSpec}.
 */
final class RunOptions {
    /** {@code --threads} when it is not given: TensorFlow's choice (docs/benchmarks.md has the measurements). */

    private RunOptions() {
    }

    /**
     * @param options where to add the shared options
     * @param defaultOptimizer the optimizer named in the help
     * @return the same options
     */
    static Options addTo(Options options, String defaultOptimizer) {
        options.addOption(value("data", "FILE", "data: a CSV with a header, an .npy array, or IDX images (required)"));
        options.addOption(value("labels", "FILE", "labels file for .npy or IDX data"));
        options.addOption(value("label", "COLUMN", "label column of a CSV; several for outputs of k values: Y0,Y1,Y2 or a"
                + " prefix Y* (every column starting with Y)"));
        options.addOption(value("features", "A,B,C", "feature columns of a CSV (default: every column but the labels)"));
        options.addOption(value("window", "T", "read the CSV rows as a time series: each sample is T consecutive rows of"
                + " the --series columns (fed as [-1,T,F] or T*F values, time-major), split chronologically"));
        options.addOption(value("series", "A,B", "with --window: the columns each step holds, in order (F of them)"));
        options.addOption(value("horizon", "H", "with --window: the label is the --label column H rows after the window's"
                + " last row (default " + WindowSpec.DEFAULT_HORIZON + "; --label defaults to the single --series column)"));
        options.addOption(Option.builder().longOpt("skip-incomplete").desc("skip CSV rows with an empty cell in a feature or"
                + " label column (the log says how many) instead of refusing them").build());
        options.addOption(value("max-rows", "N", "read only the first N data rows of the file and stop there"));
        options.addOption(value("sample", "N", "keep a uniform random sample of N rows (of the first --max-rows, if given),"
                + " drawn with --seed by reservoir sampling while the file streams by, so the whole file is never held"));
                options.addOption(value("signature", "NAME", "signature to feed and train (default " + RunSpec.DEFAULT_SIGNATURE + ")"));
        options.addOption(value("input", "NAME", "the one signature input to feed (default: all, matched by name)"));
        options.addOption(value("output", "NAME", "signature output to train (default: the only output)"));
        options.addOption(value("loss", "KIND", "mse, mae, binary-crossentropy, categorical-crossentropy or "
                + "sparse-categorical-crossentropy (default: the model's compile settings, else inferred from the output "
                + "and labels)"));
        options.addOption(Option.builder().longOpt("from-logits").desc("the output is logits, not probabilities "
                + "(default: the model's loss settings, else detected)").build());
        options.addOption(Option.builder().longOpt("no-from-logits").desc("the output is probabilities, whatever the "
                + "model's loss settings say").build());
        options.addOption(value("optimizer", "NAME", "sgd, momentum, nesterov, adam, sgd-hd, sgdn-hd or adam-hd (default: "
                + "the model's compile settings, else " + defaultOptimizer + ")"));
        options.addOption(value("beta2", "B", "Adam's beta2 (default: the model's, else "
                + shown(CompileSettings.DEFAULT_BETA2) + ")"));
        options.addOption(value("epsilon", "E", "Adam's epsilon (default: the model's, else "
                + shown(CompileSettings.DEFAULT_EPSILON) + ")"));
        options.addOption(Option.builder().longOpt("ignore-model-compile").desc("do not take loss and optimizer defaults "
                + "from the model's Keras compile settings (keras_metadata.pb)").build());
        options.addOption(value("beta", "B", "hypergradient step size (default "
                + shown(HypergradientSettings.SGD_BETA) + "; " + shown(HypergradientSettings.ADAM_BETA) + " for adam-hd)"));
        options.addOption(Option.builder().longOpt("multiplicative").desc("multiplicative hypergradient rule (paper eq. 8)").build());
        options.addOption(value("min-lr", "RATE", "lower bound of a hypergradient rate (default: none)"));
        options.addOption(value("max-lr", "RATE", "upper bound of a hypergradient rate (default: none)"));
        options.addOption(value("weight-decay", "WD", "L2 weight decay added to the gradient (default "
                + shown(RunSpec.DEFAULT_WEIGHT_DECAY) + ")"));
        options.addOption(value("batch-size", "N", "rows per step (default " + RunSpec.DEFAULT_BATCH_SIZE + ")"));
        options.addOption(value("threads", "N[,M]", "TensorFlow's threads: N per op (intra-op), M for independent ops "
                + "(inter-op, default N); 0 lets TensorFlow choose, one per core (default " + SessionOptions.DEFAULT_THREADS + ")"));
        options.addOption(Option.builder().longOpt("xla").desc("compile the training graph with XLA (global_jit_level "
                + "ON_1, CPU included); its first steps pay for the compilation").build());
        options.addOption(value("device", "DEVICE", "cpu, gpu (the first GPU), gpu:N or auto: where the whole training"
                + " graph runs (default auto: the first GPU TensorFlow can use, else the CPU; a GPU's memory is taken as"
                + " needed; lrlab devices lists them)"));
        addUnrollOptions(options);
        options.addOption(value("seed", "N", "seed of the split and the batch order (default "
                + RunSpec.DEFAULT_SEED + ")"));
        options.addOption(value("val-fraction", "F", "fraction of rows held out for validation (default "
                + shown(RunSpec.DEFAULT_VALIDATION_FRACTION) + ")"));
        options.addOption(Option.builder().longOpt("no-shuffle").desc("keep the file order instead of shuffling each epoch").build());
        options.addOption(Option.builder().longOpt("prefetch").desc("copy the coming batches on a background thread while "
                + "a step trains; helps where TensorFlow leaves cores idle, not on a machine it keeps busy").build());
        options.addOption(value("resident-data", "MB|off", "hold training rows of up to MB megabytes in TensorFlow and"
                + " gather each batch there instead of copying it from Java at every step; off copies every batch"
                + " (default " + residentDataDefault() + ")"));
        options.addOption(Option.builder().longOpt("training-mode").desc("train through the Keras model's training-mode "
                + "call: Dropout active, BatchNorm on batch statistics, regularization losses added (validation stays in "
                + "inference mode; a TF1 Keras graph has its learning phase set to training, validation included)").build());
        options.addOption(value("loss-signature", "NAME", "differentiate the model's own scalar loss, returned by "
                + "signature NAME given features and labels"));
        options.addOption(value("train-signature", "NAME", "drive the model's own training-step signature NAME (it "
                + "updates the weights itself); needs --lr-input"));
        options.addOption(value("lr-input", "NAME", "input of --train-signature that takes the learning rate"));
        options.addOption(value("label-input", "NAME", "input of the loss or train signature that takes the labels "
                + "(default: the input named like --label)"));
        return options;
    }

    /**
     * Narrows the {@code --optimizer} help of a command that sets the rate of every step to the fixed-rate
     * optimizers; see {@link #requireFixedRate}.
     *
     * @param options options made by {@link #addTo}
     * @return the same options
     */
    static Options fixedRateOptimizers(Options options) {
        options.addOption(value("optimizer", "NAME", "sgd, momentum, nesterov or adam (default "
                + RunSpec.DEFAULT_OPTIMIZER.cliName() + "); sgd-hd, sgdn-hd "
                + "and adam-hd adapt the rate themselves and belong to the hypergradient command"));
        return options;
    }

    /**
     * Refuses a hypergradient optimizer for a command that sets the learning rate of every step itself (the
     * range test, the search): such an optimizer replaces the fed rate with its own, so the rates the command
     * reports would not be the rates applied. Checked before anything is loaded.
     *
     * @param line parsed arguments
     * @param command the command's name, for the message
     * @throws dev.lrlab.LrlabException (USAGE) naming the optimizer, its fixed-rate counterpart and the
     *         {@code hypergradient} command; or naming a hypergradient-only option ({@code --beta}, {@code
     *         --multiplicative}, {@code --min-lr}, {@code --max-lr}), which would otherwise be ignored
     */
    static void requireFixedRate(CommandLine line, String command) {
        for (String option : HYPERGRADIENT_ONLY) {
            if (line.hasOption(option)) {
                throw dev.lrlab.LrlabException.usage("--" + option + " sets a hypergradient optimizer, which " + command
                        + " does not take; drop it, or use the hypergradient command");
            }
        }
        if (!line.hasOption("optimizer")) {
            return;
        }
        OptimizerKind kind = OptimizerKind.fromCliName(line.getOptionValue("optimizer"));
        if (kind.isHypergradient()) {
            throw dev.lrlab.LrlabException.usage(command + " sets the learning rate of every step, but --optimizer "
                    + kind.cliName() + " adapts the rate itself, so the rates reported would not be the ones applied; use "
                    + "--optimizer " + kind.fixedRateKind().cliName() + ", or the hypergradient command to run "
                    + kind.cliName());
        }
    }

    /** Options that only a hypergradient optimizer reads. */
    static final List<String> HYPERGRADIENT_ONLY = List.of("beta", "multiplicative", "min-lr", "max-lr");

    /** Adds {@code --sequence-length} and {@code --max-unroll}, which inspect shares with the run commands. */
    static Options addUnrollOptions(Options options) {
        options.addOption(value("sequence-length", "T", "time steps of each row, for a recurrent model whose input "
                + "leaves the length open ([-1,-1]): its loops are unrolled to T steps"));
        options.addOption(value("max-unroll", "N", "refuse to unroll a recurrent layer's loop of more than N steps "
                + "(default " + UnrollSettings.DEFAULT_MAX_STEPS + "; the training graph grows with the steps)"));
        return options;
    }

    /** @return the unroll settings of {@code --sequence-length} and {@code --max-unroll} */
    static UnrollSettings unroll(CommandLine line) {
        int length = line.hasOption("sequence-length") ? Arguments.positiveInt(line, "sequence-length", 1) : 0;
        UnrollSettings defaults = UnrollSettings.defaults();
        return new UnrollSettings(length, Arguments.positiveInt(line, "max-unroll", defaults.maxSteps()));
    }

    /**
     * @param value a default taken from a builder's constant
     * @return it as the help shows it: {@code 0}, {@code 0.2}, {@code 10}, {@code 1e-7}
     */
    static String shown(double value) {
        java.math.BigDecimal decimal = java.math.BigDecimal.valueOf(value).stripTrailingZeros();
        double size = Math.abs(value);
        return size == 0 || (size >= 1e-4 && size < 1e6) ? decimal.toPlainString()
                : decimal.toString().toLowerCase(java.util.Locale.ROOT).replace("e+", "e");
    }

    static Option value(String name, String argument, String description) {
        return Option.builder().longOpt(name).hasArg().argName(argument).desc(description).build();
    }

    /**
     * @param line parsed arguments; the positional argument is the model directory
     * @param defaultOptimizer optimizer when none is named
     * @return the run spec
     */
    static RunSpec spec(CommandLine line, OptimizerKind defaultOptimizer) {
        Path model = Arguments.positionalPath(line, "MODEL_DIR");
        if (!line.hasOption("data")) {
            throw dev.lrlab.LrlabException.usage("--data FILE is required");
        }
        return spec(line, defaultOptimizer, model, Path.of(line.getOptionValue("data")), line.getOptionValue("label"));
    }

    /**
     * @param line parsed arguments; model and data come from the other parameters
     * @param defaultOptimizer optimizer when none is named
     * @param model the SavedModel folder
     * @param data the data file
     * @param label the label column of a CSV, or null
     * @return the run spec
     */
    static RunSpec spec(CommandLine line, OptimizerKind defaultOptimizer, Path model, Path data, String label) {
        List<String> features = Optional.ofNullable(line.getOptionValue("features"))
                .map(text -> Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(null);
        DataSpec dataSpec = DataSpec.builder().setData(data)
                .optLabels(Optional.ofNullable(line.getOptionValue("labels")).map(Path::of).orElse(null))
                .optLabelColumn(label).optFeatureColumns(features).optSkipIncomplete(line.hasOption("skip-incomplete"))
                .build();
        if (line.hasOption("max-rows") || line.hasOption("sample")) {
            dataSpec = dataSpec.withRows(new RowSample(line.hasOption("max-rows")
                    ? Arguments.whole(line, "max-rows", Long.MAX_VALUE) : Long.MAX_VALUE,
                    line.hasOption("sample") ? Arguments.positiveInt(line, "sample", 1) : 0,
                    Arguments.whole(line, "seed", RunSpec.DEFAULT_SEED)));
        }
        Optional<WindowSpec> window = window(line, label);
        if (window.isPresent()) {
            dataSpec = dataSpec.withWindow(window.get());
        }
        RunSpec.Builder builder = RunSpec.builder()
                .setModel(model)
                .setData(dataSpec)
                .optInput(line.getOptionValue("input"))
                .optOutput(line.getOptionValue("output"))
                .optLoss(line.hasOption("loss") ? LossKind.fromCliName(line.getOptionValue("loss")) : null)
                .optFromLogits(fromLogits(line))
                .optOptimizerKind(line.hasOption("optimizer") ? OptimizerKind.fromCliName(line.getOptionValue("optimizer")) : null)
                .optDefaultOptimizer(defaultOptimizer)
                .optModelCompileSettings(!line.hasOption("ignore-model-compile"))
                .optShuffle(!line.hasOption("no-shuffle"))
                .optPrefetch(line.hasOption("prefetch"))
                .optResidentDataLimitBytes(residentDataLimit(line))
                .optDevice(device(line))
                .optUnroll(unroll(line))
                .optSession(session(line))
                .optRoute(TrainingRoute.builder().optTrainingMode(line.hasOption("training-mode"))
                        .optTrainSignature(line.getOptionValue("train-signature"))
                        .optLrInput(line.getOptionValue("lr-input"))
                        .optLossSignature(line.getOptionValue("loss-signature"))
                        .optLabelInput(line.getOptionValue("label-input")).build());
        if (line.hasOption("signature")) {
            builder.optSignature(line.getOptionValue("signature"));
        }
        Arguments.number(line, "weight-decay", builder::optWeightDecay);
        Arguments.positiveInt(line, "batch-size", builder::optBatchSize);
        Arguments.whole(line, "seed", builder::optSeed);
        Arguments.number(line, "val-fraction", builder::optValidationFraction);
        Arguments.number(line, "momentum", builder::optMomentum);
        Arguments.number(line, "beta2", builder::optBeta2);
        Arguments.number(line, "epsilon", builder::optEpsilon);
        RunSpec spec = builder.build();
        return spec.optimizer().kind().isHypergradient() ? withHypergradientOptions(line, spec) : spec;
    }

    /**
     * @param line parsed arguments
     * @param spec a spec whose optimizer is a hypergradient one
     * @return it with the hypergradient settings of {@code --beta}, {@code --multiplicative}, {@code --min-lr} and
     *     {@code --max-lr} (the paper's defaults where not given)
     */
    static RunSpec withHypergradientOptions(CommandLine line, RunSpec spec) {
        HypergradientSettings defaults = HypergradientSettings.paperDefaults(spec.optimizer().kind());
        return spec.withHypergradient(defaults.withBeta(line.hasOption("beta")
                ? Arguments.number(line, "beta", Double.NaN) : defaults.beta())
                .withMultiplicative(line.hasOption("multiplicative"))
                .withBounds(Arguments.bound(line, "min-lr"), Arguments.bound(line, "max-lr")));
    }

    /**
     * @return the window of {@code --window T --series A,B [--horizon H]}, or empty without {@code --window}
     * @throws dev.lrlab.LrlabException (USAGE) for one of them without the others, a count below 1, several series
     *         without {@code --label}, or {@code --features} or {@code --skip-incomplete} beside a window
     */
    private static Optional<WindowSpec> window(CommandLine line, String label) {
        if (!line.hasOption("window")) {
            for (String option : List.of("series", "horizon")) {
                if (line.hasOption(option)) {
                    throw dev.lrlab.LrlabException.usage("--" + option + " shapes windows of a series; give --window T"
                            + " as well, or drop --" + option);
                }
            }
            return Optional.empty();
        }
        if (!line.hasOption("series")) {
            throw dev.lrlab.LrlabException.usage("--window needs --series COL[,COL...]: the columns each of its steps"
                    + " holds");
        }
        if (line.hasOption("features")) {
            throw dev.lrlab.LrlabException.usage("--features and --series both choose the features; with --window the"
                    + " --series columns are the features: drop --features");
        }
        for (String option : List.of("max-rows", "sample")) {
            if (line.hasOption(option)) {
                throw dev.lrlab.LrlabException.usage("--" + option + " would take rows out of the series that --window cuts"
                        + " into windows; drop --" + option + ", or cut the file to the rows wanted");
            }
        }
        if (line.hasOption("skip-incomplete")) {
            throw dev.lrlab.LrlabException.usage("--skip-incomplete would join the rows around a skipped one into one"
                    + " window; fill the empty cells instead");
        }
        List<String> series = Arrays.stream(line.getOptionValue("series").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        if (series.isEmpty()) {
            throw dev.lrlab.LrlabException.usage("--series needs at least one column name, found '"
                    + line.getOptionValue("series") + "'");
        }
        if (label == null && series.size() > 1) {
            throw dev.lrlab.LrlabException.usage("--series names " + series.size() + " columns; name the one to predict"
                    + " with --label COL");
        }
        return Optional.of(new WindowSpec(Arguments.positiveInt(line, "window", 1), series,
                Arguments.positiveInt(line, "horizon", WindowSpec.DEFAULT_HORIZON)));
    }

    /**
     * @param line parsed arguments
     * @return the device of {@code --device} (default auto), checked and resolved to the CPU or a usable GPU
     * @throws dev.lrlab.LrlabException (USAGE) for text that names no device; (MODEL) for a GPU that is not usable,
     *         naming what is missing
     */
    static ComputeDevice device(CommandLine line) {
        return DeviceCheck.resolve(ComputeDevice.parse(line.getOptionValue("device", "auto")));
    }

    /** @return the default of {@code --resident-data} in its own words: megabytes, or off */
    static Object residentDataDefault() {
        long bytes = RunSpec.DEFAULT_RESIDENT_DATA_LIMIT_BYTES;
        return bytes == 0 ? "off" : bytes >> 20;
    }

    /**
     * @param line parsed arguments
     * @return the bytes of {@code --resident-data MB|off}: 0 for off, the builder's default when absent
     */
    static long residentDataLimit(CommandLine line) {
        String text = line.getOptionValue("resident-data");
        if (text == null) {
            return RunSpec.DEFAULT_RESIDENT_DATA_LIMIT_BYTES;
        }
        if (text.trim().equalsIgnoreCase("off")) {
            return 0;
        }
        try {
            long megabytes = Long.parseLong(text.trim());
            if (megabytes >= 0 && megabytes <= Long.MAX_VALUE >> 20) {
                return megabytes << 20;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw LrlabException.usage("--resident-data takes a whole number of megabytes (0 or more) or off, found '"
                + text + "'");
    }

    private static Boolean fromLogits(CommandLine line) {
        if (line.hasOption("from-logits") && line.hasOption("no-from-logits")) {
            throw dev.lrlab.LrlabException.usage("--from-logits and --no-from-logits contradict each other; give one");
        }
        return line.hasOption("from-logits") ? Boolean.TRUE : line.hasOption("no-from-logits") ? Boolean.FALSE : null;
    }

    /**
     * @param line parsed arguments
     * @return the session options of {@code --threads N[,M]} and {@code --xla}
     */
    static SessionOptions session(CommandLine line) {
        String text = line.getOptionValue("threads", String.valueOf(SessionOptions.DEFAULT_THREADS)).trim();
        String[] parts = text.split(",", -1);
        if (parts.length > 2) {
            throw LrlabException.usage("--threads takes N or N,M (threads per op, threads for independent ops), found "
                    + text);
        }
        int intra = threads(parts[0], text);
        int inter = parts.length == 2 ? threads(parts[1], text) : intra;
        return new SessionOptions(intra, inter, line.hasOption("xla"));
    }

    private static int threads(String part, String text) {
        try {
            return Integer.parseInt(part.trim());
        } catch (NumberFormatException e) {
            throw LrlabException.usage("--threads takes whole numbers, N or N,M (0: TensorFlow's choice), found " + text);
        }
    }

    /**
     * Logs a prepared run's loss and optimizer settings with where each came from, what of the model's compile
     * settings is not used, and doubts about the loss, naming the option that changes it.
     *
     * @param run the prepared run
     * @param context where to log
     */
    static void logSettings(PreparedRun run, CliContext context) {
        context.log("settings: " + run.spec().compile().describe(Optional.of(run.lossSetting()),
                Optional.of(run.fromLogitsSetting())));
        if (!run.spec().session().isDefault()) {
            context.log("tensorflow: " + run.spec().session().describe());
        }
        run.spec().compile().notes().forEach(note -> context.log("note: " + Flags.inFlags(note)));
        run.engine().objective().warnings().forEach(warning -> context.log("warning: " + warning
                + (warning.contains("taken as logits") ? "; --no-from-logits reads it as probabilities"
                        : "; choose the loss with --loss KIND")));
        run.feedNotes().forEach(note -> context.log(Flags.inFlags(note)));
    }
}
