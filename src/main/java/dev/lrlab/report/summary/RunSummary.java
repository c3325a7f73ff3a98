package dev.lrlab.report.summary;

import dev.lrlab.report.Provenance;
import dev.lrlab.report.SummaryWriter;
import java.nio.file.Path;

/** A run's summary: the head, the kind's own keys, the provenance. */
public sealed interface RunSummary permits RangeTestRunSummary, TrainRunSummary, HypergradientRunSummary, FitRunSummary,
        SearchRunSummary {

    /** @return what ran on which model and data */
    SummaryHead head();

    /** @return where the result came from */
    Provenance provenance();

    /**
     * Writes {@code summary.json} and {@code summary.csv} into {@code dir}, see {@link SummaryWriter}.
     *
     * @param dir an existing folder
     * @param force whether existing summary files may be replaced
     * @throws dev.lrlab.LrlabException (OUTPUT) when a file exists without force or cannot be written
     */
    default void write(Path dir, boolean force) {
        new SummaryWriter().write(dir, this, force);
    }
}
