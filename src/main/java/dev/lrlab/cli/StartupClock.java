package dev.lrlab.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Time to first step: the seconds from the start of the process (JVM start-up included) to the moments a command
 * passes on its way to its first training step, logged as one line with {@code --verbose}. The process start comes
 * from the operating system ({@link ProcessHandle.Info#startInstant()}, 10 ms resolution on Linux); where it is not
 * known, the times count from {@link Lrlab#main}.
 */
final class StartupClock {
    private final Instant origin;
    private final boolean fromProcessStart;
    private final List<String> marks = new ArrayList<>();
    private boolean firstStepSeen;

    /** @param mainEntered when {@code main} began, the origin when the process start is not known */
    StartupClock(Instant mainEntered) {
        Optional<Instant> started = ProcessHandle.current().info().startInstant();
        this.origin = started.orElse(mainEntered);
        this.fromProcessStart = started.isPresent();
        if (fromProcessStart) {
            mark("main", mainEntered);
        }
    }

    private StartupClock(Instant origin, boolean fromProcessStart) {
        this.origin = origin;
        this.fromProcessStart = fromProcessStart;
    }

    /** A clock for a command run without {@code main} (tests, an embedding program): times count from now. */
    static StartupClock startingNow() {
        return new StartupClock(Instant.now(), false);
    }

    /**
     * Records that the command reached {@code what} now.
     *
     * @param what a short name: "model and data", "first step"
     */
    void mark(String what) {
        mark(what, Instant.now());
    }

    private void mark(String what, Instant at) {
        marks.add(String.format(Locale.ROOT, "%s %.2f s", what, seconds(at)));
    }

    /**
     * Records the first training step once; later calls do nothing.
     *
     * @return true the first time
     */
    boolean firstStep() {
        if (firstStepSeen) {
            return false;
        }
        firstStepSeen = true;
        mark("first step");
        return true;
    }

    private double seconds(Instant at) {
        return Math.max(0, Duration.between(origin, at).toNanos()) / 1e9;
    }

    /** @return the line to log: every mark, in seconds from the origin */
    String line() {
        return "time to first step (seconds since " + (fromProcessStart ? "the process started" : "lrlab's main") + "): "
                + String.join(", ", marks);
    }
}
