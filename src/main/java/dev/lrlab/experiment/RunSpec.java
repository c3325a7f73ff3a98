package dev.lrlab.experiment;

import dev.lrlab.LrlabException;
import dev.lrlab.data.DataSpec;
import dev.lrlab.model.LossKind;
import dev.lrlab.train.OptimizerConfig;
import dev.lrlab.train.OptimizerKind;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What every experiment starts from: a model, the signature and output to train, the loss, the data and how
 * it is split and batched, and the optimizer. Immutable; made with {@link #builder()}.
 *
 * @param model the SavedModel folder
 * @param signature signature key (default {@code serving_default})
 * @param input the one input to feed (default: every input of the signature)
 * @param output output key to train (default: the signature's only output)
 * @param loss loss kind (default: inferred from the output and labels)
 * @param fromLogits whether the output is logits (default: detected)
 * @param data data files and columns
 * @param validationFraction fraction of rows held out (default 0.2)
 * @param seed seed of the split and the batch order (default 1)
 * @param shuffle shuffle the batch order every epoch (default true)
 * @param batchSize rows per step (default 32)
 * @param optimizer optimizer settings (default SGD)
 * @param route how the weights are reached: a loss on an output (default), Keras training mode, a loss or a
 *     train signature of the model
 * @param prefetch copy the coming steps' batches on a background thread while a step trains (default false;
 *     pays off only with cores TensorFlow leaves idle)
 */
public record RunSpec(Path model, String signature, Optional<String> input, Optional<String> output, Optional<LossKind> loss,
        Optional<Boolean> fromLogits, DataSpec data, double validationFraction, long seed, boolean shuffle, int batchSize,
        OptimizerConfig optimizer, TrainingRoute route, boolean prefetch) {

    public RunSpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(route, "route");
        if (batchSize < 1) {
            throw LrlabException.usage("--batch-size must be at least 1, found " + batchSize);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw LrlabException.usage("--val-fraction must be in [0, 1), found " + validationFraction);
        }
    }

    /** @return a builder with the defaults documented on the record */
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
        builder.loss = loss;
        builder.fromLogits = fromLogits;
        builder.data = data;
        builder.validationFraction = validationFraction;
        builder.seed = seed;
        builder.shuffle = shuffle;
        builder.batchSize = batchSize;
        builder.optimizer = optimizer;
        builder.route = route;
        builder.prefetch = prefetch;
        return builder;
    }

    /** Builds a {@link RunSpec}: {@code setModel} and {@code setData} are required, the rest optional. */
    public static final class Builder {
        private Path model;
        private String signature = "serving_default";
        private Optional<String> input = Optional.empty();
        private Optional<String> output = Optional.empty();
        private Optional<LossKind> loss = Optional.empty();
        private Optional<Boolean> fromLogits = Optional.empty();
        private DataSpec data;
        private double validationFraction = 0.2;
        private long seed = 1;
        private boolean shuffle = true;
        private boolean prefetch;
        private int batchSize = 32;
        private OptimizerConfig optimizer = OptimizerConfig.of(OptimizerKind.SGD);
        private TrainingRoute route = TrainingRoute.standard();

        private Builder() {
        }

        /** @param value the SavedModel folder (required) */
        public Builder setModel(Path value) {
            model = value;
            return this;
        }

        /** @param value the data (required) */
        public Builder setData(DataSpec value) {
            data = value;
            return this;
        }

        /** @param value the signature key (default {@code serving_default}) */
        public Builder optSignature(String value) {
            signature = value;
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

        /** @param value the loss kind */
        public Builder optLoss(LossKind value) {
            loss = Optional.ofNullable(value);
            return this;
        }

        /** @param value whether the output is logits */
        public Builder optFromLogits(Boolean value) {
            fromLogits = Optional.ofNullable(value);
            return this;
        }

        /** @param value fraction of rows held out for validation (default 0.2) */
        public Builder optValidationFraction(double value) {
            validationFraction = value;
            return this;
        }

        /** @param value seed of split and batch order (default 1) */
        public Builder optSeed(long value) {
            seed = value;
            return this;
        }

        /** @param value shuffle each epoch (default true) */
        public Builder optShuffle(boolean value) {
            shuffle = value;
            return this;
        }

        /** @param value rows per step (default 32) */
        public Builder optBatchSize(int value) {
            batchSize = value;
            return this;
        }

        /** @param value the optimizer (default SGD) */
        public Builder optOptimizer(OptimizerConfig value) {
            optimizer = value;
            return this;
        }

        /** @param value copy the coming batches on a background thread (default false) */
        public Builder optPrefetch(boolean value) {
            prefetch = value;
            return this;
        }

        /** @param value how the weights are reached (default {@link TrainingRoute#standard()}) */
        public Builder optRoute(TrainingRoute value) {
            route = value;
            return this;
        }

        /** @return the validated spec */
        public RunSpec build() {
            if (model == null) {
                throw LrlabException.usage("a model directory is required");
            }
            if (data == null) {
                throw LrlabException.usage("--data is required");
            }
            return new RunSpec(model, signature, input, output, loss, fromLogits, data, validationFraction, seed, shuffle,
                    batchSize, optimizer, route, prefetch);
        }
    }
}
