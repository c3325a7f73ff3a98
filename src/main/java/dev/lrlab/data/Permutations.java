package dev.lrlab.data;

import java.util.Random;

/** Reproducible shuffles: Fisher-Yates driven by {@link java.util.Random}, whose sequence Java specifies. */
final class Permutations {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Permutations() {
    }

    /**
     * Shuffles {@code values} in place: for {@code i} from {@code length - 1} down to 1, swap
     * element {@code i} with element {@code random.nextInt(i + 1)}.
     */
    static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** Writes {@code 0 .. values.length - 1} into {@code values}. */
    static void identity(int[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
    }

    /** @return a shuffled {@code 0 .. n-1} */
    static int[] shuffled(int n, Random random) {
        int[] values = new int[n];
        identity(values);
        shuffle(values, random);
        return values;
    }

    /**
     * The seed of epoch {@code epoch}'s shuffle: the SplitMix64 finalizer applied to {@code seed +
     * (epoch + 1) * 0x9E3779B97F4A7C15}. Neighbouring epochs and seeds give unrelated streams.
     */
    static long epochSeed(long seed, long epoch) {
        long z = seed + (epoch + 1) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
