package dev.lrlab.model.inline;

import dev.lrlab.LrlabException;

/**
 * How {@link LoopUnrolling} unrolls the {@code While} loops of recurrent layers.
 *
 * @param sequenceLength the number of time steps of inputs whose time dimension (dimension 1) is -1 in the model, 0
 *     when none is given (a loop whose length the model leaves open is then not unrolled)
 * @param maxSteps the most steps a loop may be unrolled to; a longer loop is refused, since the graph (and the memory
 *     its gradient takes) grows with the steps
 */
public record UnrollSettings(int sequenceLength, int maxSteps) {
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
    }

    /** @return no sequence length, the default limit */
    public static UnrollSettings defaults() {
        return new UnrollSettings(0, DEFAULT_MAX_STEPS);
    }

    /** @return whether a sequence length was given */
    public boolean hasSequenceLength() {
        return sequenceLength > 0;
    }
}
