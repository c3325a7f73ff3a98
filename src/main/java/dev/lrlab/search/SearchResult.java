package dev.lrlab.search;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a coarse-to-fine search found.
 *
 * @param config the settings it ran with
 * @param trials every finished trial, stage by stage, each stage in ascending rate order (the same order
 *               whatever {@code parallel} is)
 * @param best the trial with the lowest {@link TrialResult#score score} (the first such in {@code trials});
 *             empty when every trial diverged or none finished
 * @param interruption why the search stopped before its last stage, e.g. {@code interrupted by SIGINT
 *                     during the fine stage}; empty when it ran to the end
 */
public record SearchResult(SearchConfig config, List<TrialResult> trials, Optional<TrialResult> best,
        Optional<String> interruption) {

    /** Copies the list. */
    public SearchResult {
        Objects.requireNonNull(config, "config");
        trials = List.copyOf(trials);
        Objects.requireNonNull(best, "best");
        Objects.requireNonNull(interruption, "interruption");
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
}
