package dev.lrlab.search;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a coarse-to-fine search found. Immutable; made with {@link #builder()}.
 *
 * <br>{@code config}: the settings it ran with
 * <br>{@code trials}: every finished trial, stage by stage, each stage in ascending rate order (the same order
 *     whatever {@code parallel} is)
 * <br>{@code best}: the trial with the lowest {@link TrialResult#score score} (the first such in {@code trials});
 *     empty when every trial diverged or none finished
 * <br>{@code interruption}: why the search stopped before its last stage, e.g. {@code interrupted by SIGINT during
 *     the fine stage}; empty when it ran to the end
 */
public final class SearchResult {
    private final SearchConfig config;
    private final List<TrialResult> trials;
    private final TrialResult best;
    private final String interruption;

    private SearchResult(Builder b) {
        config = b.config;
        trials = b.trials;
        best = b.best;
        interruption = b.interruption;
    }

    /** @return a builder with nothing set: no trials, no best, no interruption */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the settings it ran with */
    public SearchConfig config() {
        return config;
    }

    /** @return every finished trial, stage by stage, each stage in ascending rate order (unmodifiable) */
    public List<TrialResult> trials() {
        return trials;
    }

    /** @return the trial with the lowest score; empty when every trial diverged or none finished */
    public Optional<TrialResult> best() {
        return Optional.ofNullable(best);
    }

    /** @return why the search stopped before its last stage; empty when it ran to the end */
    public Optional<String> interruption() {
        return Optional.ofNullable(interruption);
    }

    /**
     * @param stage a stage
     * @return its trials in ascending rate order
     */
    public List<TrialResult> stage(SearchStage stage) {
        return trials.stream().filter(t -> t.stage() == stage).toList();
    }

    /** @return how many trials diverged */
    public long divergedCount() {
        return trials.stream().filter(TrialResult::diverged).count();
    }

    /** @return how many trials failed to run (see {@link TrialResult#failure()}) */
    public long failedCount() {
        return trials.stream().filter(TrialResult::failed).count();
    }

    /**
     * @param trials candidate trials in report order
     * @param metric the ranking metric
     * @return the first trial with the lowest finite score, or empty when none has one
     */
    static Optional<TrialResult> bestOf(List<TrialResult> trials, SearchMetric metric) {
        return trials.stream().filter(t -> Double.isFinite(t.score(metric)))
                .min(Comparator.comparingDouble(t -> t.score(metric)));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SearchResult that && config.equals(that.config) && trials.equals(that.trials)
                && Objects.equals(best, that.best) && Objects.equals(interruption, that.interruption);
    }

    @Override
    public int hashCode() {
        return Objects.hash(config, trials, best, interruption);
    }

    @Override
    public String toString() {
        return "SearchResult[config=" + config + ", trials=" + trials + ", best=" + best() + ", interruption="
                + interruption() + "]";
    }

    /** Collects a search's result: the config is required, the rest optional. */
    public static final class Builder {
        private SearchConfig config;
        private List<TrialResult> trials = List.of();
        private TrialResult best;
        private String interruption;

        private Builder() {
        }

        /**
         * @param value the settings the search ran with (required)
         * @return this builder
         */
        public Builder setConfig(SearchConfig value) {
            config = Objects.requireNonNull(value, "config");
            return this;
        }

        /**
         * @param value every finished trial, stage by stage, each stage in ascending rate order; copied (default: none)
         * @return this builder
         */
        public Builder optTrials(List<TrialResult> value) {
            trials = List.copyOf(value);
            return this;
        }

        /**
         * @param value the trial with the lowest score (default: none, every trial diverged or none finished)
         * @return this builder
         */
        public Builder optBest(TrialResult value) {
            best = Objects.requireNonNull(value, "best");
            return this;
        }

        /**
         * @param value why the search stopped before its last stage, one line (default: it ran to the end)
         * @return this builder
         */
        public Builder optInterruption(String value) {
            interruption = Objects.requireNonNull(value, "interruption");
            return this;
        }

        /**
         * @return the result
         * @throws IllegalStateException when the config is missing
         */
        public SearchResult build() {
            if (config == null) {
                throw new IllegalStateException("a search result needs its config (setConfig)");
            }
            return new SearchResult(this);
        }
    }
}
