package dev.lrlab.cli;

import dev.lrlab.run.StepListener;
import dev.lrlab.rangetest.RangeTestPoint;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for a range test: steps done, rate and smoothed loss. It appears only once the
 * test has run longer than {@code delay} (a test that ends at once draws nothing), and never when stderr is
 * not a terminal or with {@code --quiet}.
 */
final class RangeTestProgress implements StepListener<RangeTestPoint>, AutoCloseable {
    /** How long a test runs before the bar appears. */
    static final Duration DEFAULT_DELAY = Duration.ofMillis(500);
    private static final int WIDTH = 100;

    private final PrintWriter err;
    private final boolean enabled;
    private final long total;
    private final Duration delay;
    private final long started = System.nanoTime();
    private ProgressBar bar;
    private Consumer consumer;

    /**
     * @param context where to draw, and whether to
     * @param total steps in the test
     * @param delay how long the test runs before the bar appears
     */
    RangeTestProgress(CliContext context, long total, Duration delay) {
        this.err = context.err();
        this.enabled = context.stderrIsTerminal() && !context.quiet();
        this.total = total;
        this.delay = delay;
    }

    @Override
    public void onStep(RangeTestPoint point) {
        if (!enabled) {
            return;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        if (bar == null) {
            if (elapsed.compareTo(delay) < 0) {
                return;
            }
            bar = new ProgressBarBuilder().setTaskName("range test").setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(consumer = new Consumer(err)).setMaxRenderedLength(WIDTH)
                    .setUpdateIntervalMillis(200).startsFrom(0, elapsed).build();
        }
        bar.stepTo(point.step() + 1L);
        bar.setExtraMessage(String.format(Locale.ROOT, "lr %.2e loss %.4g", point.lr(), point.smoothedLoss()));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            // The library may end the line from its own thread after close returns; end it here, once.
            consumer.close();
            bar = null;
        }
    }

    /** Draws each frame over the last one on the given writer; ends the line on close. */
    private static final class Consumer implements ProgressBarConsumer {
        private final PrintWriter err;
        private boolean closed;

        Consumer(PrintWriter err) {
            this.err = err;
        }

        @Override
        public int getMaxRenderedLength() {
            return WIDTH;
        }

        @Override
        public synchronized void accept(String rendered) {
            // The bar renders from its own thread; a frame that arrives after close must not follow the newline.
            if (closed) {
                return;
            }
            err.print('\r');
            err.print(rendered);
            err.flush();
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                err.println();
                err.flush();
            }
        }
    }
}
