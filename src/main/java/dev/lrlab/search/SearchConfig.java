package dev.lrlab.search;

import dev.lrlab.LrlabException;
import dev.lrlab.run.CompileSettings;
import dev.lrlab.suggest.LossSmoother;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a coarse-to-fine learning-rate search ({@link CoarseToFineSearch}). Immutable; made with
 * {@link #builder()}: every value is optional, its default a {@code DEFAULT_} constant here, and
 * {@link Builder#build()} checks them all, naming the Java property.
 */
public final class SearchConfig {
    /** Default of {@link #from()}: the lowest coarse rate. */
    public static final double DEFAULT_FROM = 1e-7;
    /** Default of {@link #to()}: the highest coarse rate. */
    public static final double DEFAULT_TO = 1;
    /** Default of {@link #perDecade()}: one trial per power of ten. */
    public static final int DEFAULT_PER_DECADE = 1;
    /** Default of {@link #finePoints()}. */
    public static final int DEFAULT_FINE_POINTS = 7;
    /** Default of {@link #stepsPerTrial()}. */
    public static final long DEFAULT_STEPS_PER_TRIAL = 200;
    /** Default of {@link #dataFraction()}. */
    public static final double DEFAULT_DATA_FRACTION = 0.1;
    /** Default of {@link #metric()}. */
    public static final SearchMetric DEFAULT_METRIC = SearchMetric.VAL_LOSS;
    /** Default of {@link #parallel()}. */
    public static final int DEFAULT_PARALLEL = 1;
    /** Default of {@link #divergeFactor()}. */
    public static final double DEFAULT_DIVERGE_FACTOR = 4;
    /** Default of {@link #momentum()} (a run spec's momentum replaces it on the command line). */
    public static final double DEFAULT_MOMENTUM = CompileSettings.DEFAULT_MOMENTUM;

    private final double from;
    private final double to;
    private final int perDecade;
    private final int finePoints;
    private final long stepsPerTrial;
    private final double dataFraction;
    private final SearchMetric metric;
    private final int parallel;
    private final boolean thirdStage;
    private final double divergeFactor;
    private final double momentum;
    private final double smoothing;

    private SearchConfig(Builder b) {
        from = b.from;
        to = b.to;
        perDecade = b.perDecade;
        finePoints = b.finePoints;
        stepsPerTrial = b.stepsPerTrial;
        dataFraction = b.dataFraction;
        metric = Objects.requireNonNull(b.metric, "metric");
        parallel = b.parallel;
        thirdStage = b.thirdStage;
        divergeFactor = b.divergeFactor;
        momentum = b.momentum;
        smoothing = b.smoothing;
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

    /** @return lowest coarse rate (default {@value #DEFAULT_FROM}) */
    public double from() {
        return from;
    }

    /** @return highest coarse rate, above {@link #from()} (default {@value #DEFAULT_TO}) */
    public double to() {
        return to;
    }

    /** @return coarse rates per decade (default {@value #DEFAULT_PER_DECADE}) */
    public int perDecade() {
        return perDecade;
    }

    /** @return rates in the fine stage, and in the third stage (default {@value #DEFAULT_FINE_POINTS}) */
    public int finePoints() {
        return finePoints;
    }

    /** @return optimizer steps of each trial (default {@value #DEFAULT_STEPS_PER_TRIAL}) */
    public long stepsPerTrial() {
        return stepsPerTrial;
    }

    /** @return share of the training rows every trial trains on, in (0, 1] (default {@value #DEFAULT_DATA_FRACTION}) */
    public double dataFraction() {
        return dataFraction;
    }

    /** @return what trials are ranked by (default {@link #DEFAULT_METRIC}) */
    public SearchMetric metric() {
        return metric;
    }

    /** @return trials run at once, each on its own copy of the model (default {@value #DEFAULT_PARALLEL}) */
    public int parallel() {
        return parallel;
    }

    /** @return whether to refine once more around the best fine rate (default false) */
    public boolean thirdStage() {
        return thirdStage;
    }

    /**
     * @return a trial stops, diverged, when its smoothed loss exceeds this multiple of its first loss (default
     *     {@value #DEFAULT_DIVERGE_FACTOR})
     */
    public double divergeFactor() {
        return divergeFactor;
    }

    /** @return momentum fed at every step (Adam's beta1; ignored by sgd) (default {@value #DEFAULT_MOMENTUM}) */
    public double momentum() {
        return momentum;
    }

    /** @return the loss smoothing factor beta, in [0, 1) (default {@link LossSmoother#DEFAULT_BETA}) */
    public double smoothing() {
        return smoothing;
    }

    private List<Object> values() {
        return List.of(from, to, perDecade, finePoints, stepsPerTrial, dataFraction, metric, parallel, thirdStage,
                divergeFactor, momentum, smoothing);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SearchConfig config && values().equals(config.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    @Override
    public String toString() {
        return "SearchConfig[from=" + from + ", to=" + to + ", perDecade=" + perDecade + ", finePoints=" + finePoints
                + ", stepsPerTrial=" + stepsPerTrial + ", dataFraction=" + dataFraction + ", metric=" + metric
                + ", parallel=" + parallel + ", thirdStage=" + thirdStage + ", divergeFactor=" + divergeFactor
                + ", momentum=" + momentum + ", smoothing=" + smoothing + "]";
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

    /** Collects the settings; all are optional, with the {@code DEFAULT_} constants of {@link SearchConfig}. */
    public static final class Builder {
        private double from = DEFAULT_FROM;
        private double to = DEFAULT_TO;
        private int perDecade = DEFAULT_PER_DECADE;
        private int finePoints = DEFAULT_FINE_POINTS;
        private long stepsPerTrial = DEFAULT_STEPS_PER_TRIAL;
        private double dataFraction = DEFAULT_DATA_FRACTION;
        private SearchMetric metric = DEFAULT_METRIC;
        private int parallel = DEFAULT_PARALLEL;
        private boolean thirdStage;
        private double divergeFactor = DEFAULT_DIVERGE_FACTOR;
        private double momentum = DEFAULT_MOMENTUM;
        private double smoothing = LossSmoother.DEFAULT_BETA;

        private Builder() {
        }

        /**
         * @param value lowest coarse rate (default {@value #DEFAULT_FROM})
         * @return this builder
         */
        public Builder optFrom(double value) {
            from = value;
            return this;
        }

        /**
         * @param value highest coarse rate (default {@value #DEFAULT_TO})
         * @return this builder
         */
        public Builder optTo(double value) {
            to = value;
            return this;
        }

        /**
         * @param value coarse rates per decade (default {@value #DEFAULT_PER_DECADE})
         * @return this builder
         */
        public Builder optPerDecade(int value) {
            perDecade = value;
            return this;
        }

        /**
         * @param value rates in the fine (and third) stage (default {@value #DEFAULT_FINE_POINTS})
         * @return this builder
         */
        public Builder optFinePoints(int value) {
            finePoints = value;
            return this;
        }

        /**
         * @param value optimizer steps per trial (default {@value #DEFAULT_STEPS_PER_TRIAL})
         * @return this builder
         */
        public Builder optStepsPerTrial(long value) {
            stepsPerTrial = value;
            return this;
        }

        /**
         * @param value share of the training rows used (default {@value #DEFAULT_DATA_FRACTION})
         * @return this builder
         */
        public Builder optDataFraction(double value) {
            dataFraction = value;
            return this;
        }

        /**
         * @param value ranking metric (default {@link #DEFAULT_METRIC})
         * @return this builder
         */
        public Builder optMetric(SearchMetric value) {
            metric = Objects.requireNonNull(value, "metric");
            return this;
        }

        /**
         * @param value trials at once (default {@value #DEFAULT_PARALLEL})
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
         * @param value multiple of the first loss that counts as divergence (default {@value #DEFAULT_DIVERGE_FACTOR})
         * @return this builder
         */
        public Builder optDivergeFactor(double value) {
            divergeFactor = value;
            return this;
        }

        /**
         * @param value momentum or Adam's beta1 (default {@value #DEFAULT_MOMENTUM})
         * @return this builder
         */
        public Builder optMomentum(double value) {
            momentum = value;
            return this;
        }

        /**
         * @param value loss smoothing beta (default {@link LossSmoother#DEFAULT_BETA})
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
            return new SearchConfig(this);
        }
    }
}
