package dev.lrlab.data;

import dev.lrlab.LrlabException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The order in which a training run visits the examples: per epoch a sequence of index batches.
 *
 * <p>With shuffling on, epoch {@code e} visits the rows in a permutation made by Fisher-Yates
 * driven by {@code new java.util.Random(s)}, where {@code s} is the SplitMix64 finalizer of
 * {@code seed + (e + 1) * 0x9E3779B97F4A7C15}; so every epoch has its own order, and a seed gives
 * the same orders on every run and platform. With shuffling off every epoch visits {@code 0..n-1}
 * in order. Batch {@code k} of an epoch holds positions {@code k*b .. min((k+1)*b, n) - 1} of
 * that order; the last batch may be smaller unless {@code dropLast} is set, which drops it.
 *
 * <p>Step-based runs use {@link #batchAt(long)} or {@link #fill(long, int[])}: step {@code t} is
 * batch {@code t mod batchesPerEpoch} of epoch {@code t / batchesPerEpoch}, so steps wrap into the
 * next epoch. Moving along the steps costs one shuffle per epoch and no allocation ({@code fill});
 * this object keeps the current epoch's permutation, so it is not thread-safe.
 */
public final class BatchOrder {
    private final int size;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final boolean dropLast;
    private final int batchesPerEpoch;
    private final int[] permutation;
    private long cachedEpoch = -1;

    private BatchOrder(Builder builder) {
        this.size = builder.size;
        this.batchSize = builder.batchSize;
        this.seed = builder.seed;
        this.shuffle = builder.shuffle;
        this.dropLast = builder.dropLast;
        this.batchesPerEpoch = dropLast ? size / batchSize : (size + batchSize - 1) / batchSize;
        this.permutation = new int[size];
    }

    /**
     * @param size number of examples, positive
     * @param batchSize examples per batch, positive
     * @return a builder; defaults: seed 0, shuffle on, last partial batch kept
     */
    public static Builder builder(int size, int batchSize) {
        return new Builder(size, batchSize);
    }

    /** @return number of examples */
    public int size() {
        return size;
    }

    /** @return examples per full batch */
    public int batchSize() {
        return batchSize;
    }

    /** @return the seed the epoch permutations derive from */
    public long seed() {
        return seed;
    }

    /** @return whether epochs are shuffled */
    public boolean shuffles() {
        return shuffle;
    }

    /** @return whether a last partial batch is dropped */
    public boolean dropsLast() {
        return dropLast;
    }

    /** @return batches in one epoch (at least 1) */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** @return the epoch that step {@code step} falls in */
    public long epochOf(long step) {
        checkStep(step);
        return step / batchesPerEpoch;
    }

    /**
     * @param epoch epoch number, from 0
     * @return a copy of the order in which that epoch visits the rows
     */
    public int[] permutation(long epoch) {
        return permutationOf(epoch).clone();
    }

    /**
     * @param epoch epoch number, from 0
     * @param index batch number within the epoch, in {@code [0, batchesPerEpoch())}
     * @return the row indices of that batch
     */
    public int[] batch(long epoch, int index) {
        if (index < 0 || index >= batchesPerEpoch) {
            throw new IndexOutOfBoundsException(
                    "expected a batch index in [0, " + batchesPerEpoch + "), found " + index);
        }
        int[] order = permutationOf(epoch);
        int from = index * batchSize;
        return Arrays.copyOfRange(order, from, Math.min(from + batchSize, size));
    }

    /**
     * @param epoch epoch number, from 0
     * @return all batches of that epoch, in order
     */
    public List<int[]> epoch(long epoch) {
        List<int[]> batches = new ArrayList<>(batchesPerEpoch);
        for (int k = 0; k < batchesPerEpoch; k++) {
            batches.add(batch(epoch, k));
        }
        return batches;
    }

    /**
     * @param step step number of the whole run, from 0
     * @return the row indices of that step's batch
     */
    public int[] batchAt(long step) {
        checkStep(step);
        return batch(step / batchesPerEpoch, (int) (step % batchesPerEpoch));
    }

    /**
     * Writes the row indices of step {@code step}'s batch into {@code out}; allocates nothing.
     *
     * @param step step number of the whole run, from 0
     * @param out receives the indices; at least {@link #batchSize()} long
     * @return how many indices were written (the batch size, or less for a last partial batch)
     */
    public int fill(long step, int[] out) {
        checkStep(step);
        if (out.length < batchSize) {
            throw new IllegalArgumentException(
                    "expected an index array of at least " + batchSize + ", found " + out.length);
        }
        int[] order = permutationOf(step / batchesPerEpoch);
        int from = (int) (step % batchesPerEpoch) * batchSize;
        int count = Math.min(batchSize, size - from);
        System.arraycopy(order, from, out, 0, count);
        return count;
    }

    /** @return the number of rows in step {@code step}'s batch */
    public int batchSizeAt(long step) {
        checkStep(step);
        int from = (int) (step % batchesPerEpoch) * batchSize;
        return Math.min(batchSize, size - from);
    }

    private int[] permutationOf(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("expected an epoch >= 0, found " + epoch);
        }
        if (epoch != cachedEpoch) {
            Permutations.identity(permutation);
            if (shuffle) {
                Permutations.shuffle(permutation, new Random(Permutations.epochSeed(seed, epoch)));
            }
            cachedEpoch = epoch;
        }
        return permutation;
    }

    private static void checkStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("expected a step >= 0, found " + step);
        }
    }

    @Override
    public String toString() {
        return "BatchOrder[size=" + size + ", batchSize=" + batchSize + ", seed=" + seed + ", shuffle="
                + shuffle + ", dropLast=" + dropLast + "]";
    }

    /** Builds a {@link BatchOrder}; {@link #build()} validates. */
    public static final class Builder {
        private final int size;
        private final int batchSize;
        private long seed;
        private boolean shuffle = true;
        private boolean dropLast;

        private Builder(int size, int batchSize) {
            this.size = size;
            this.batchSize = batchSize;
        }

        /** @param seed the seed epoch permutations derive from (default 0) */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param shuffle whether to shuffle each epoch (default true) */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** @param dropLast whether to drop a last batch smaller than the batch size (default false) */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /**
         * @return the batch order
         * @throws LrlabException (data) for an empty dataset; (usage) for a non-positive batch
         *     size, or a batch size over the dataset size with {@code dropLast} (no batch is left)
         */
        public BatchOrder build() {
            if (size <= 0) {
                throw LrlabException.data("expected a dataset with at least one example, found " + size);
            }
            if (batchSize <= 0) {
                throw LrlabException.usage("expected a positive batch size, found " + batchSize);
            }
            if (dropLast && batchSize > size) {
                throw LrlabException.usage("batch size " + batchSize + " exceeds the " + size
                        + " examples and the last partial batch is dropped, so no batch is left;"
                        + " use a batch size of at most " + size);
            }
            return new BatchOrder(this);
        }
    }
}
