package dev.lrlab.model;

import dev.lrlab.LrlabException;
import java.util.Locale;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;

/**
 * TensorFlow's own options for the session a model is loaded into: thread pools and XLA. They go into the
 * {@link ConfigProto} the session is made with ({@link #configure}, beside the device placement; see
 * {@link SavedModel#load(java.nio.file.Path, LoadMode, dev.lrlab.model.inline.UnrollSettings, ConfigProto, String...)}),
 * so they must be known when the model loads. TensorFlow sizes its
 * inter-op pool once per process, from the first session made; lrlab makes every session of a run with the same
 * options.
 *
 * @param intraOpThreads threads one op (a matrix product, a convolution) is split over; 0 lets TensorFlow choose (one
 *     per core)
 * @param interOpThreads threads that run independent ops at the same time; 0 lets TensorFlow choose (one per core)
 * @param xla compile clusters of the training graph with XLA ({@code global_jit_level} ON_1, CPU included through
 *     {@code cpu_global_jit})
 */
public record SessionOptions(int intraOpThreads, int interOpThreads, boolean xla) {
    /** The most threads either setting takes: beyond this is a typo, not a machine. */
    public static final int MAX_THREADS = 1024;

    public SessionOptions {
        checkThreads("intraOpThreads", intraOpThreads);
        checkThreads("interOpThreads", interOpThreads);
    }

    /** Threads per pool when none are given: 0, TensorFlow's own choice (one per core). */
    public static final int DEFAULT_THREADS = 0;

    /** @return TensorFlow's own choices: one thread per core in each pool, no XLA */
    public static SessionOptions defaults() {
        return new SessionOptions(DEFAULT_THREADS, DEFAULT_THREADS, false);
    }

    /**
     * @param threads threads per op, and for independent ops (0: TensorFlow's choice)
     * @return these options with both thread pools of that size
     */
    public SessionOptions withThreads(int threads) {
        return new SessionOptions(threads, threads, xla);
    }

    /**
     * Writes these options into a config that may hold others (a device placement).
     *
     * @param builder the config to change
     * @return the same builder
     */
    public ConfigProto.Builder configure(ConfigProto.Builder builder) {
        builder.setIntraOpParallelismThreads(intraOpThreads).setInterOpParallelismThreads(interOpThreads);
        if (xla) {
            GraphOptions.Builder graph = builder.getGraphOptionsBuilder();
            graph.setOptimizerOptions(graph.getOptimizerOptions().toBuilder()
                    .setGlobalJitLevel(OptimizerOptions.GlobalJitLevel.ON_1).setCpuGlobalJit(true));
        }
        return builder;
    }

    /** @return the session config of these options alone */
    public ConfigProto configProto() {
        return configure(ConfigProto.newBuilder()).build();
    }

    /** @return whether these are {@link #defaults()}, which logs and summaries leave out */
    public boolean isDefault() {
        return equals(defaults());
    }

    /** @return a short description for logs and summaries: {@code threads 2/1, xla on} */
    public String describe() {
        return String.format(Locale.ROOT, "threads %s/%s (intra-op/inter-op), xla %s", count(intraOpThreads),
                count(interOpThreads), xla ? "on" : "off");
    }

    private static String count(int threads) {
        return threads == 0 ? "auto" : Integer.toString(threads);
    }

    private static void checkThreads(String name, int threads) {
        if (threads < 0 || threads > MAX_THREADS) {
            throw LrlabException.usage("`" + name + "` must be 0 (TensorFlow's choice) to " + MAX_THREADS + ", found "
                    + threads);
        }
    }
}
