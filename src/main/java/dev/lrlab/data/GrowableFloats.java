package dev.lrlab.data;

import java.util.Arrays;

/** An append-only float list without boxing. */
final class GrowableFloats {
    private float[] values;
    private int size;

    GrowableFloats(int capacity) {
        values = new float[Math.max(capacity, 16)];
    }

    void add(float value) {
        if (size == values.length) {
            int grown = (int) Math.min((long) values.length * 2, Integer.MAX_VALUE - 8);
            if (grown <= size) {
                throw new IllegalStateException("more than " + size + " values do not fit in one array");
            }
            values = Arrays.copyOf(values, grown);
        }
        values[size++] = value;
    }

    void addAll(float[] row) {
        for (float value : row) {
            add(value);
        }
    }

    int size() {
        return size;
    }

    float[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
