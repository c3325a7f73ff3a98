package dev.lrlab.cli;

import dev.lrlab.run.StopSignal;

/**
 * Turns SIGINT (Ctrl-C) and SIGTERM into a {@link StopSignal}, so a running experiment finishes its step,
 * keeps its curve, writes its summary and exits with {@link ExitCode#INTERRUPTED}. A second
 * signal stops the process at once.
 */
final class SignalHandlers {
    private SignalHandlers() {
    }

    static void install(StopSignal stop) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    if (stop.isStopped()) {
                        Runtime.getRuntime().halt(128 + signal.getNumber());
                    }
                    stop.stop("SIG" + name);
                });
            } catch (IllegalArgumentException e) {
                // The platform does not know this signal; the default handling stays.
            }
        }
    }
}
