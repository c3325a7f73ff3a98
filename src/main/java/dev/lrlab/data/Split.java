package dev.lrlab.data;

import dev.lrlab.LrlabException;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * A deterministic train/validation split.
 *
 * <p>{@link #of} shuffles the row indices {@code 0..n-1} with Fisher-Yates driven by {@code new
 * java.util.Random(seed)} (for {@code i} from {@code n-1} down to 1, swap {@code i} with {@code
 * nextInt(i + 1)}); the first {@code round(n * valFraction)} shuffled indices (at least one when the
 * fraction is positive) go to validation, the rest to training. Each part keeps the rows in their
 * original order: the split decides which rows, the batcher decides their order. Java specifies
 * {@code Random}'s sequence, so the same data, fraction and seed give the same split on every run
 * and platform.
 *
 * @param train the training rows
 * @param validation the validation rows; empty when the fraction is 0
 */
public record Split(Dataset train, Dataset validation) {
    /** Checks that both parts are present. */
    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
    }

    /**
     * @param dataset the rows to split
     * @param valFraction the share of rows for validation, in {@code [0, 1)}
     * @param seed the shuffle seed
     * @return the split
     * @throws LrlabException (usage) if the fraction is outside {@code [0, 1)}; (data) if a part
     *     that should have rows would be empty
     */
    public static Split of(Dataset dataset, double valFraction, long seed) {
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw LrlabException.usage("expected a validation fraction in [0, 1), found " + valFraction);
        }
        int n = dataset.size();
        if (valFraction == 0) {
            return new Split(dataset, dataset.select(new int[0]));
        }
        int validationCount = (int) Math.max(1, Math.round(n * valFraction));
        if (validationCount >= n) {
            throw LrlabException.data("cannot hold out " + validationCount + " of " + n + " rows of "
                    + dataset.source() + " for validation and still train; use a smaller validation"
                    + " fraction or more data");
        }
        int[] order = Permutations.shuffled(n, new Random(seed));
        int[] validation = Arrays.copyOfRange(order, 0, validationCount);
        int[] train = Arrays.copyOfRange(order, validationCount, n);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new Split(dataset.select(train), dataset.select(validation));
    }
}
