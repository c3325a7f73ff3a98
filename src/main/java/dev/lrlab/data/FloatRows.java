package dev.lrlab.data;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where a {@link Dataset} keeps its features: one array, blocks of whole rows (as the CSV reader's chunks fill
 * them, so a big file is never copied into one array), or a read-only buffer over a memory-mapped file (a
 * {@code .npy} of float32, whose values then stay in the page cache instead of the heap). Values are row-major;
 * a row never straddles two blocks.
 */
abstract class FloatRows {
    /** @return the number of values */
    abstract long length();

    /** @return the value at a flat index */
    abstract float get(long index);

    /** Copies {@code count} values from flat index {@code from}, all within one row, to {@code out[at..]}. */
    abstract void copy(long from, float[] out, int at, int count);

    /** @return every value in one new array */
    float[] toArray() {
        long n = length();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(n + " values do not fit in one array");
        }
        float[] out = new float[(int) n];
        copyAll(out);
        return out;
    }

    /** Copies every value into {@code out}. */
    abstract void copyAll(float[] out);

    /** @return whether the values live outside the heap (a mapped file) */
    boolean isMapped() {
        return false;
    }

    /** @return values held in one array (not copied) */
    static FloatRows of(float[] values) {
        return new ArrayRows(values);
    }

    /**
     * @param blocks arrays of whole rows; only the first {@code rows[i] * width} values of block i are used
     * @param rows the rows used in each block
     * @param width values per row
     * @return the blocks as one sequence of rows
     */
    static FloatRows ofBlocks(List<float[]> blocks, int[] rows, int width) {
        return blocks.size() == 1 && blocks.get(0).length == (long) rows[0] * width ? new ArrayRows(blocks.get(0))
                : new BlockRows(blocks, rows, width);
    }

    /** @return the values of a buffer, not copied (a mapped buffer stays mapped) */
    static FloatRows of(FloatBuffer buffer) {
        return new BufferRows(buffer);
    }

    /** One array. */
    private static final class ArrayRows extends FloatRows {
        private final float[] values;

        ArrayRows(float[] values) {
            this.values = Objects.requireNonNull(values, "values");
        }

        @Override
        long length() {
            return values.length;
        }

        @Override
        float get(long index) {
            return values[(int) index];
        }

        @Override
        void copy(long from, float[] out, int at, int count) {
            System.arraycopy(values, (int) from, out, at, count);
        }

        @Override
        void copyAll(float[] out) {
            System.arraycopy(values, 0, out, 0, values.length);
        }
    }

    /** Blocks of whole rows, found by binary search on their first flat index. */
    private static final class BlockRows extends FloatRows {
        private final float[][] blocks;
        private final long[] starts; // flat index of each block's first value, and the total at the end

        BlockRows(List<float[]> blocks, int[] rows, int width) {
            this.blocks = blocks.toArray(new float[0][]);
            this.starts = new long[this.blocks.length + 1];
            for (int i = 0; i < this.blocks.length; i++) {
                long used = (long) rows[i] * width;
                if (used > this.blocks[i].length) {
                    throw new IllegalArgumentException("block " + i + " holds " + this.blocks[i].length
                            + " values, fewer than " + rows[i] + " rows of " + width);
                }
                starts[i + 1] = starts[i] + used;
            }
        }

        private int block(long index) {
            int at = Arrays.binarySearch(starts, index);
            int b = at >= 0 ? at : -at - 2;
            while (b + 1 < starts.length - 1 && starts[b + 1] == index) { // skip empty blocks
                b++;
            }
            return b;
        }

        @Override
        long length() {
            return starts[starts.length - 1];
        }

        @Override
        float get(long index) {
            Objects.checkIndex(index, length());
            int b = block(index);
            return blocks[b][(int) (index - starts[b])];
        }

        @Override
        void copy(long from, float[] out, int at, int count) {
            Objects.checkFromIndexSize(from, count, length());
            int b = block(from);
            System.arraycopy(blocks[b], (int) (from - starts[b]), out, at, count);
        }

        @Override
        void copyAll(float[] out) {
            for (int b = 0; b < blocks.length; b++) {
                System.arraycopy(blocks[b], 0, out, (int) starts[b], (int) (starts[b + 1] - starts[b]));
            }
        }
    }

    /** A float buffer, read with absolute gets so it can be shared by threads. */
    private static final class BufferRows extends FloatRows {
        private final FloatBuffer buffer;

        BufferRows(FloatBuffer buffer) {
            this.buffer = buffer.asReadOnlyBuffer();
        }

        @Override
        boolean isMapped() {
            return buffer.isDirect();
        }

        @Override
        long length() {
            return buffer.limit();
        }

        @Override
        float get(long index) {
            return buffer.get((int) index);
        }

        @Override
        void copy(long from, float[] out, int at, int count) {
            buffer.get((int) from, out, at, count);
        }

        @Override
        void copyAll(float[] out) {
            buffer.get(0, out, 0, buffer.limit());
        }
    }
}
