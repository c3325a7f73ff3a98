package dev.lrlab.search;

import dev.lrlab.LrlabException;
import dev.lrlab.suggest.LossSmoother;
import java.util.Objects;

/**
 * Settings of a coarse-to-fine learning-rate search ({@link CoarseToFineSearch}). Immutable; made with
 * {@link #builder()}, every value has a default and is checked in the constructor. Messages name the
 * command-line option.
 *
 * @param from lowest coarse rate (default 1e-7)
 * @param to highest coarse rate, above {@code from} (default 1)
 * @param perDecade coarse rates per decade (default 1: one trial per power of ten)
 * @param finePoints rates in the fine stage, and in the third stage (default 7)
 * @param stepsPerTrial optimizer steps of each trial (default 200)
 * @param dataFraction share of the training rows every trial trains on, in (0, 1] (default 0.1)
 * @param metric what trials are ranked by (default {@link SearchMetric#VAL_LOSS})
 * @param parallel trials run at once, each on its own copy of the model (default 1)
 * @param thirdStage whether to refine once more around the best fine rate (default false)
 * @param divergeFactor a trial stops, diverged, when its smoothed loss exceeds this multiple of its first
 *                      loss (default 4)
 * @param momentum momentum fed at every step (Adam's beta1; ignored by sgd) (default 0.9)
 * @param smoothing the loss smoothing factor beta, in [0, 1) (default {@link LossSmoother#DEFAULT_BETA})
 */
public record SearchConfig(double from, double to, int perDecade, int finePoints, long stepsPerTrial, double dataFraction,
        SearchMetric metric, int parallel, boolean thirdStage, double divergeFactor, double momentum, double smoothing) {

    /** Checks every value. */
    public SearchConfig {
        Objects.requireNonNull(metric, "metric");
        if (!(from > 0) || Double.isInfinite(from)) {
            throw LrlabException.usage("`from` must be a positive rate, found " + from);
        }
        if (!(to > from) || Double.isInfinite(to)) {
            throw LrlabException.usage("`from` must be below `to`, found `from` " + from + " `to` " + to);
        }
        if (perDecade < 1) {
            throw LrlabException.usage("`perDecade` must be at least 1, found " + perDecade);
        }
        if (finePoints < 1) {
            throw LrlabException.usage("`finePoints` must be at least 1, found " + finePoints);
        }
        if (stepsPerTrial < 1) {
            throw LrlabException.usage("`stepsPerTrial` must be at least 1, found " + stepsPerTrial);
        }
        if (!(dataFraction > 0 && dataFraction <= 1)) {
            throw LrlabException.usage("`dataFraction` must be in (0, 1], found " + dataFraction);
        }
        if (parallel < 1) {
            throw LrlabException.usage("`parallel` must be at least 1, found " + parallel);
        }
        if (!(divergeFactor > 1) || Double.isInfinite(divergeFactor)) {
            throw LrlabException.usage("`divergeFactor` must be a number above 1, found " + divergeFactor);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw LrlabException.usage("`momentum` must be in [0, 1), found " + momentum);
        }
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw LrlabException.usage("the loss smoothing must be in [0, 1), found " + smoothing);
        }
    }

    /** @return a builder holding every default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this config's values */
    public Builder toBuilder() {
        return new Builder().optFrom(from).optTo(to).optPerDecade(perDecade).optFinePoints(finePoints)
                .optStepsPerTrial(stepsPerTrial).optDataFraction(dataFraction).optMetric(metric).optParallel(parallel)
                .optThirdStage(thirdStage).optDivergeFactor(divergeFactor).optMomentum(momentum).optSmoothing(smoothing);
    }

    /** Collects the settings; all are optional, see the record for defaults. */
    public static final class Builder {
        private double from = 1e-7;
        private double to = 1;
        private int perDecade = 1;
        private int finePoints = 7;
        private long stepsPerTrial = 200;
        private double dataFraction = 0.1;
        private SearchMetric metric = SearchMetric.VAL_LOSS;
        private int parallel = 1;
        private boolean thirdStage;
        private double divergeFactor = 4;
        private double momentum = 0.9;
        private double smoothing = LossSmoother.DEFAULT_BETA;

        private Builder() {
        }

        /**
         * @param value lowest coarse rate (default 1e-7)
         * @return this builder
         */
        public Builder optFrom(double value) {
            from = value;
            return this;
        }

        /**
         * @param value highest coarse rate (default 1)
         * @return this builder
         */
        public Builder optTo(double value) {
            to = value;
            return this;
        }

        /**
         * @param value coarse rates per decade (default 1)
         * @return this builder
         */
        public Builder optPerDecade(int value) {
            perDecade = value;
            return this;
        }

        /**
         * @param value rates in the fine (and third) stage (default 7)
         * @return this builder
         */
        public Builder optFinePoints(int value) {
            finePoints = value;
            return this;
        }

        /**
         * @param value optimizer steps per trial (default 200)
         * @return this builder
         */
        public Builder optStepsPerTrial(long value) {
            stepsPerTrial = value;
            return this;
        }

        /**
         * @param value share of the training rows used (default 0.1)
         * @return this builder
         */
        public Builder optDataFraction(double value) {
            dataFraction = value;
            return this;
        }

        /**
         * @param value ranking metric (default val_loss)
         * @return this builder
         */
        public Builder optMetric(SearchMetric value) {
            metric = value;
            return this;
        }

        /**
         * @param value trials at once (default 1)
         * @return this builder
         */
        public Builder optParallel(int value) {
            parallel = value;
            return this;
        }

        /**
         * @param value whether to run a third stage (default false)
         * @return this builder
         */
        public Builder optThirdStage(boolean value) {
            thirdStage = value;
            return this;
        }

        /**
         * @param value multiple of the first loss that counts as divergence (default 4)
         * @return this builder
         */
        public Builder optDivergeFactor(double value) {
            divergeFactor = value;
            return this;
        }

        /**
         * @param value momentum or Adam's beta1 (default 0.9)
         * @return this builder
         */
        public Builder optMomentum(double value) {
            momentum = value;
            return this;
        }

        /**
         * @param value loss smoothing beta (default 0.98)
         * @return this builder
         */
        public Builder optSmoothing(double value) {
            smoothing = value;
            return this;
        }

        /**
         * @return the config
         * @throws LrlabException (usage) naming the first bad value
         */
        public SearchConfig build() {
            return new SearchConfig(from, to, perDecade, finePoints, stepsPerTrial, dataFraction, metric, parallel,
                    thirdStage, divergeFactor, momentum, smoothing);
        }
    }
}
