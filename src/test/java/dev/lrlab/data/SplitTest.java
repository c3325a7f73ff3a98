package dev.lrlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrlab.LrlabException;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SplitTest {
    /** The labels of TestData.table are the row numbers, so they tell which rows went where. */
    private static int[] rows(Dataset d) {
        float[] l = d.labels();
        return IntStream.range(0, l.length).map(i -> (int) l[i]).toArray();
    }

    @Test
    void holdsOutTheRoundedFractionAsDisjointSortedParts() {
        Split s = Split.of(TestData.table(10), 0.25, 7);
        assertEquals(3, s.validation().size()); // round(2.5) = 3
        assertEquals(7, s.train().size());
        int[] all = IntStream.concat(Arrays.stream(rows(s.train())), Arrays.stream(rows(s.validation())))
                .sorted().toArray();
        assertArrayEquals(IntStream.range(0, 10).toArray(), all);
        int[] train = rows(s.train());
        assertArrayEquals(Arrays.stream(train).sorted().toArray(), train);
        // Rows keep their features.
        int r = rows(s.validation())[0];
        assertArrayEquals(new float[] {10 * r, 10 * r + 1, 10 * r + 2}, s.validation().select(new int[] {0}).features());
    }

    @Test
    void validationRowsAreTheFirstOfAFisherYatesShuffleWithRandomSeed() {
        int[] order = Permutations.shuffled(10, new Random(7));
        int[] expected = Arrays.stream(order, 0, 3).sorted().toArray();
        assertArrayEquals(expected, rows(Split.of(TestData.table(10), 0.25, 7).validation()));
    }

    @Test
    void isReproducibleAndDependsOnTheSeed() {
        Dataset d = TestData.table(50);
        assertArrayEquals(rows(Split.of(d, 0.2, 1).validation()), rows(Split.of(d, 0.2, 1).validation()));
        assertFalse(Arrays.equals(rows(Split.of(d, 0.2, 1).validation()), rows(Split.of(d, 0.2, 2).validation())));
    }

    @Test
    void zeroFractionGivesEmptyValidation() {
        Dataset d = TestData.table(4);
        Split s = Split.of(d, 0, 1);
        assertSame(d, s.train());
        assertEquals(0, s.validation().size());
        assertEquals(d.featureNames(), s.validation().featureNames());
    }

    @Test
    void aSmallPositiveFractionHoldsOutAtLeastOneRow() {
        assertEquals(1, Split.of(TestData.table(10), 0.01, 1).validation().size());
    }

    @Test
    void rejectsFractionsOutsideZeroToOne() {
        for (double bad : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            LrlabException e = assertThrows(LrlabException.class, () -> Split.of(TestData.table(4), bad, 1));
            assertEquals(LrlabException.Kind.SETTING, e.kind());
            assertEquals("expected a validation fraction in [0, 1), found " + bad, e.getMessage());
        }
    }

    @Test
    void rejectsASplitThatLeavesNothingToTrainOn() {
        LrlabException e = assertThrows(LrlabException.class, () -> Split.of(TestData.table(1), 0.5, 1));
        assertEquals(LrlabException.Kind.DATA, e.kind());
        assertEquals("cannot hold out 1 of 1 rows of table for validation and still train;"
                + " use a smaller validation fraction or more data", e.getMessage());
    }
}
