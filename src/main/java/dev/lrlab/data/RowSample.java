package dev.lrlab.data;

import dev.lrlab.LrlabException;

import java.util.Arrays;
import java.util.Random;

/**
 * Which rows of a data file to keep, chosen while the file is read so that the rest is never held.
 *
 * <ul>
 *   <li>{@code maxRows}: read only the first N rows (data rows, after any skipped for an empty cell) and stop
 *       there, like {@code head}; the rest of the file is not read.
 *   <li>{@code sample}: keep a uniform random sample of N of the rows read, drawn by reservoir sampling
 *       (Vitter's Algorithm R) in one pass with {@code new Random(seed)}: row {@code i < N} fills slot {@code i};
 *       row {@code i >= N} draws {@code j = nextInt(i + 1)} and replaces slot {@code j} when {@code j < N}. Every
 *       set of N rows is equally likely, and the same file, N and seed give the same rows on every run and
 *       platform. The kept rows stay in file order. With fewer rows than N, all are kept.
 * </ul>
 * Both together sample N of the first {@code maxRows} rows. Every row read is still parsed and checked, so a bad
 * cell is reported whether or not its row is kept.
 *
 * @param maxRows rows to read at most; {@link Long#MAX_VALUE} for all
 * @param sample the sample size; 0 for no sampling (every row read is kept)
 * @param seed the seed of the sample's random draws
 */
public record RowSample(long maxRows, int sample, long seed) {
    /** Every row, in file order. */
    public static final RowSample ALL = new RowSample(Long.MAX_VALUE, 0, 0);

    /**
     * @throws LrlabException (usage) when {@code maxRows} is below 1 or {@code sample} is negative
     */
    public RowSample {
        if (maxRows < 1) {
            throw LrlabException.usage("`maxRows` must be at least 1, found " + maxRows);
        }
        if (sample < 0) {
            throw LrlabException.usage("`sample` must be at least 1, found " + sample);
        }
    }

    /** @return the first {@code rows} rows of the file */
    public static RowSample first(long rows) {
        return new RowSample(rows, 0, 0);
    }

    /**
     * @param size rows to keep, at least 1
     * @param seed the seed of the draws
     * @return a uniform sample of {@code size} rows of the whole file
     */
    public static RowSample uniform(int size, long seed) {
        if (size < 1) {
            throw LrlabException.usage("`sample` must be at least 1, found " + size);
        }
        return new RowSample(Long.MAX_VALUE, size, seed);
    }

    /** @return whether every row is read and kept */
    public boolean isAll() {
        return maxRows == Long.MAX_VALUE && sample == 0;
    }

    /** @return whether rows are drawn at random */
    public boolean isSampled() {
        return sample > 0;
    }

    /** @return how the rows were chosen, for the summary: {@code all}, {@code first} or {@code reservoir} */
    public String method() {
        return isSampled() ? "reservoir" : maxRows == Long.MAX_VALUE ? "all" : "first";
    }

    /** @return a phrase for messages and summaries, e.g. "a uniform sample of 500 rows (reservoir, seed 1)" */
    public String describe() {
        String first = maxRows == Long.MAX_VALUE ? "" : "the first " + maxRows + " rows";
        if (!isSampled()) {
            return first.isEmpty() ? "all rows" : first;
        }
        return "a uniform sample of " + sample + " rows" + (first.isEmpty() ? "" : " of " + first)
                + " (reservoir sampling, seed " + seed + ")";
    }

    /**
     * The rows this selection keeps out of {@code n} rows in memory: the same rows a read of a file with those rows
     * keeps.
     *
     * @param n the number of rows
     * @return the kept indices, ascending
     */
    public int[] indices(int n) {
        int read = (int) Math.min(n, maxRows);
        if (!isSampled()) {
            int[] all = new int[read];
            for (int i = 0; i < read; i++) {
                all[i] = i;
            }
            return all;
        }
        return reservoir(read, sample, seed);
    }

    /**
     * A uniform sample of {@code k} of the indices {@code 0..n-1} by Algorithm R, as described on this class.
     *
     * @param n the number of rows
     * @param k the sample size
     * @param seed the seed
     * @return {@code min(n, k)} indices, ascending
     */
    public static int[] reservoir(int n, int k, long seed) {
        Reservoir reservoir = new Reservoir(k, seed);
        int[] slots = new int[Math.min(n, k)];
        for (int i = 0; i < n; i++) {
            int slot = reservoir.offer();
            if (slot >= 0) {
                slots[slot] = i;
            }
        }
        Arrays.sort(slots);
        return slots;
    }

    /** The draws of Algorithm R, one row at a time. */
    static final class Reservoir {
        private final int size;
        private final Random random;
        private long seen;

        Reservoir(int size, long seed) {
            this.size = size;
            this.random = new Random(seed);
        }

        /** @return the slot the next row goes to, or -1 when it is not kept */
        int offer() {
            long i = seen++;
            if (i < size) {
                return (int) i;
            }
            long j = i < Integer.MAX_VALUE ? random.nextInt((int) i + 1) : random.nextLong(i + 1);
            return j < size ? (int) j : -1;
        }

        /** @return the rows offered so far */
        long seen() {
            return seen;
        }
    }
}
