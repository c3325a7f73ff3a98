package dev.lrlab.run;

import dev.lrlab.LrlabException;
import dev.lrlab.data.Dataset;
import java.util.Arrays;
import java.util.Random;

/**
 * A deterministic share of the training rows, for quick trials on part of the data.
 *
 * <p>The row indices {@code 0..n-1} are shuffled with Fisher-Yates driven by {@code new Random(seed)}
 * (for {@code i} from {@code n-1} down to 1, swap {@code i} with {@code nextInt(i + 1)}), and the first
 * {@code max(1, round(n * fraction))} of them are kept, in their original order. The same rows, fraction
 * and seed give the same subset on every run and platform.
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
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int keep = (int) Math.max(1, Math.min(n, Math.round(n * fraction)));
        int[] kept = Arrays.copyOf(order, keep);
        Arrays.sort(kept);
        return kept;
    }
}
