package dev.lrlab.model.inline;

import dev.lrlab.LrlabException;

/**
 * How {@link LoopUnrolling} unrolls the {@code While} loops of recurrent layers.
 *
 * @param sequenceLength the number of time steps of inputs whose time dimension (dimension 1) is -1 in the model, 0
 *     when none is given (a loop whose length the model leaves open is then not unrolled)
 * @param maxSteps the most steps a loop may be unrolled to; a longer loop is refused, since the graph (and the memory
 *     its gradient takes) grows with the steps
 * @param fromWindow whether the sequence length comes from the data's windows ({@code --window T}) rather than from
 *     {@code --sequence-length}: it then only fixes inputs that leave the length open, and an input that fixes
 *     another length is left for the window check to refuse (with the window's own message)
 */
public record UnrollSettings(int sequenceLength, int maxSteps, boolean fromWindow) {
    /**
     * The default of {@link #maxSteps}: a 200-step bidirectional LSTM builds in about 30 s with 45,000 nodes
     * (docs/benchmarks.md); the graph and its build grow linearly with the steps.
     */
    public static final int DEFAULT_MAX_STEPS = 1000;

    public UnrollSettings {
        if (sequenceLength < 0) {
            throw LrlabException.usage("`sequenceLength` must be at least 1, found " + sequenceLength);
        }
        if (maxSteps < 1) {
            throw LrlabException.usage("`maxSteps` must be at least 1, found " + maxSteps);
        }
        if (fromWindow && sequenceLength == 0) {
            throw new IllegalArgumentException("a sequence length taken from a window needs the window's steps");
        }
    }

    /** Settings given on the command line: {@code --sequence-length} (0 when absent) and {@code --max-unroll}. */
    public UnrollSettings(int sequenceLength, int maxSteps) {
        this(sequenceLength, maxSteps, false);
    }

    /** @return no sequence length, the default limit */
    public static UnrollSettings defaults() {
        return new UnrollSettings(0, DEFAULT_MAX_STEPS);
    }

    /** @return whether a sequence length was given */
    public boolean hasSequenceLength() {
        return sequenceLength > 0;
    }

    /**
     * Settings for data cut into windows of {@code steps} rows: without a sequence length, the window's steps become
     * it ({@link #fromWindow()}); a sequence length given that equals the steps stays as given.
     *
     * @param steps the window's steps ({@code --window T})
     * @return the settings for windowed data
     * @throws LrlabException (USAGE) when a sequence length was given and differs from the window's steps
     */
    public UnrollSettings withWindow(int steps) {
        if (!hasSequenceLength()) {
            return new UnrollSettings(steps, maxSteps, true);
        }
        if (sequenceLength != steps) {
            throw LrlabException.usage("`sequenceLength` " + sequenceLength + " disagrees with `window` " + steps
                    + ": each window is a sequence of " + steps + " steps; drop `sequenceLength` (the window sets it)");
        }
        return this;
    }
}
