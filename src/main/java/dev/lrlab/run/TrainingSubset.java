package dev.lrlab.run;

import dev.lrlab.LrlabException;
import dev.lrlab.data.Dataset;
import dev.lrlab.data.RowSample;

/**
 * A deterministic share of the training rows, for quick trials on part of the data.
 *
 * <p>{@code max(1, round(n * fraction))} of the {@code n} rows are drawn by the same reservoir sampling that reads a
 * sample of a data file ({@link RowSample#reservoir}: Algorithm R with {@code new Random(seed)}), and kept in their
 * original order. The same rows, fraction and seed give the same subset on every run and platform.
 */
public final class TrainingSubset {
    private TrainingSubset() {
    }

    /**
     * @param train the training rows
     * @param fraction the share to keep, in (0, 1]; 1 returns {@code train} itself
     * @param seed the shuffle seed
     * @return the kept rows
     * @throws LrlabException (usage) when the fraction is outside (0, 1]
     */
    public static Dataset of(Dataset train, double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw LrlabException.usage("`dataFraction` must be in (0, 1], found " + fraction);
        }
        if (fraction == 1) {
            return train;
        }
        return train.select(indices(train.size(), fraction, seed));
    }

    /**
     * @param n number of rows
     * @param fraction the share to keep, in (0, 1]
     * @param seed the shuffle seed
     * @return the kept row indices, ascending
     */
    static int[] indices(int n, double fraction, long seed) {
        int keep = (int) Math.max(1, Math.min(n, Math.round(n * fraction)));
        return RowSample.reservoir(n, keep, seed);
    }
}
