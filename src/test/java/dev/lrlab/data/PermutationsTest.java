package dev.lrlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PermutationsTest {
    /** A Random that answers nextInt with scripted values and records the bounds asked for. */
    private static final class Scripted extends Random {
        private final Deque<Integer> answers;
        private final StringBuilder bounds = new StringBuilder();

        Scripted(Integer... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public int nextInt(int bound) {
            bounds.append(bound).append(' ');
            return answers.removeFirst();
        }
    }

    @Test
    void shuffleIsFisherYatesFromTheTop() {
        // By hand: [0,1,2,3]; i=3 swap with 1 -> [0,3,2,1]; i=2 swap with 0 -> [2,3,0,1]; i=1 swap with 1.
        Scripted random = new Scripted(1, 0, 1);
        int[] values = {0, 1, 2, 3};
        Permutations.shuffle(values, random);
        assertArrayEquals(new int[] {2, 3, 0, 1}, values);
        assertEquals("4 3 2 ", random.bounds.toString());
    }

    @Test
    void epochSeedIsSplitMix64() {
        // SplitMix64 from state 0: its first output is the published 0xE220A8397B1DCDAF.
        assertEquals(0xE220A8397B1DCDAFL, Permutations.epochSeed(0, 0));
        // The JDK's SplittableRandom implements the same mix with the same gamma.
        long gamma = 0x9E3779B97F4A7C15L;
        for (long seed : new long[] {0, 1, 42, -7}) {
            for (long epoch = 0; epoch < 5; epoch++) {
                assertEquals(new SplittableRandom(seed + epoch * gamma).nextLong(), Permutations.epochSeed(seed, epoch));
            }
        }
    }

    @Test
    void shuffledIsAPermutation() {
        int[] p = Permutations.shuffled(100, new Random(3));
        int[] sorted = p.clone();
        java.util.Arrays.sort(sorted);
        int[] identity = new int[100];
        Permutations.identity(identity);
        assertArrayEquals(identity, sorted);
        assertArrayEquals(p, Permutations.shuffled(100, new Random(3)));
    }
}
