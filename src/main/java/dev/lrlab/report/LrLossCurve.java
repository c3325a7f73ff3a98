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
 */
public record LrLossCurve(double[] lr, double[] loss, String lrColumn, String lossColumn) {
    /** @throws IllegalArgumentException when the lengths differ */
    public LrLossCurve {
        Objects.requireNonNull(lr, "lr");
        Objects.requireNonNull(loss, "loss");
        if (lr.length != loss.length) {
            throw new IllegalArgumentException("expected as many losses as learning rates, found " + loss.length
                    + " losses for " + lr.length + " rates");
        }
    }

    /** @return the number of points */
    public int size() {
        return lr.length;
    }
}
