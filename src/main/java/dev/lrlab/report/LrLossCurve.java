package dev.lrlab.report;

import java.util.Objects;

/**
 * Learning rates and the losses measured at them, as read from a curve file.
 * The arrays are the record's own: they are not copied, so do not change them.
 *
 * @param lr the learning rates, positive and finite
 * @param loss the losses, same length; may hold NaN or infinities where a run diverged
 * @param lrColumn the header of the column the rates came from, as written in the file
 * @param lossColumn the header of the column the losses came from, as written in the file
 * @param note what the reader left out and why (e.g. a half-written last line), or empty
 */
public record LrLossCurve(double[] lr, double[] loss, String lrColumn, String lossColumn, String note) {
    /** @throws IllegalArgumentException when the lengths differ */
    public LrLossCurve {
        Objects.requireNonNull(lr, "lr");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(note, "note");
        if (lr.length != loss.length) {
            throw new IllegalArgumentException("expected as many losses as learning rates, found " + loss.length
                    + " losses for " + lr.length + " rates");
        }
    }

    /** A curve read in full, without a note. */
    public LrLossCurve(double[] lr, double[] loss, String lrColumn, String lossColumn) {
        this(lr, loss, lrColumn, lossColumn, "");
    }

    /** @return the number of points */
    public int size() {
        return lr.length;
    }
}
