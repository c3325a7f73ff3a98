package dev.lrlab.data;

import java.util.Arrays;

/** An append-only int list without boxing. */
final class GrowableInts {
    private int[] values;
    private int size;

    GrowableInts(int capacity) {
        values = new int[Math.max(capacity, 16)];
    }

    void add(int value) {
        if (size == values.length) {
            int grown = (int) Math.min((long) values.length * 2, Integer.MAX_VALUE - 8);
            if (grown <= size) {
                throw new IllegalStateException("more than " + size + " values do not fit in one array");
            }
            values = Arrays.copyOf(values, grown);
        }
        values[size++] = value;
    }

    void addAll(int[] row) {
        for (int value : row) {
            add(value);
        }
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
