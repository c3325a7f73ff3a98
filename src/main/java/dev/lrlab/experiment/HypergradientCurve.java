package dev.lrlab.experiment;

import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The rows of one run, in step order, and where it stopped early, if it did.
 *
 * @param kind which run
 * @param rows one per step taken, the diverging step included
 * @param divergedAt the step whose loss or rate was NaN or infinite; empty when the run went to the end
 */
public record HypergradientCurve(Kind kind, List<HypergradientRow> rows, OptionalLong divergedAt) {

    /** Which of the two runs a curve comes from. */
    public enum Kind {
        /** The rate adapted by hypergradient descent. */
        HYPERGRADIENT,
        /** The same optimizer with the rate held at alpha0. */
        BASELINE
    }

    public HypergradientCurve {
        rows = List.copyOf(rows);
    }

    /** @return whether the run stopped on a NaN or infinite loss or rate */
    public boolean diverged() {
        return divergedAt.isPresent();
    }

    /** @return the last row, or {@code null} when no step ran */
    public HypergradientRow last() {
        return rows.isEmpty() ? null : rows.get(rows.size() - 1);
    }

    /**
     * @param epoch a 1-based epoch
     * @return the mean batch loss over the steps of that epoch, NaN when none ran
     */
    public double meanLoss(int epoch) {
        return rows.stream().filter(r -> r.epoch() == epoch).mapToDouble(HypergradientRow::loss).average().orElse(Double.NaN);
    }

    /** @return the one-line reason the run stopped early, or empty */
    public String stopReason() {
        if (divergedAt.isEmpty()) {
            return "";
        }
        HypergradientRow row = last();
        String what = !Double.isFinite(row.loss()) ? "the loss became " + row.loss() : "the learning rate became " + row.learningRate();
        return kind.name().toLowerCase(Locale.ROOT) + " run stopped at step " + row.step() + ": " + what
                + (kind == Kind.HYPERGRADIENT ? "; lower beta or alpha0, or bound the rate with a maximum"
                        : "; lower alpha0");
    }
}
