package dev.lrlab.run;

/**
 * Why a run ended before its last step.
 *
 * @param kind diverged or interrupted
 * @param step the step at which it stopped
 * @param lr the learning rate of that step
 * @param message one line for the user, naming the step, the rate and the fix
 */
public record StopReason(Kind kind, long step, double lr, String message) {
    /** The kinds of early stop. */
    public enum Kind {
        /** The loss or the rate became NaN or infinite. */
        DIVERGED,
        /** The loss grew past the divergence threshold (range test). */
        LOSS_EXPLODED,
        /** A stop was asked for (Ctrl-C, SIGTERM). */
        INTERRUPTED
    }
}
