package dev.lrlab.run;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks a running experiment to stop after its current step (set from a SIGINT/SIGTERM hook or another
 * thread). The experiment then keeps what it computed and reports that it was interrupted.
 */
public final class StopSignal {
    private final AtomicReference<String> reason = new AtomicReference<>();

    /** @param why why the run should stop, e.g. "SIGINT"; the first reason wins */
    public void stop(String why) {
        reason.compareAndSet(null, why);
    }

    /** @return whether a stop was asked for */
    public boolean isStopped() {
        return reason.get() != null;
    }

    /** @return why the run was asked to stop, or null */
    public String reason() {
        return reason.get();
    }
}
