package dev.lrlab.train;

import dev.lrlab.LrlabException;
import java.nio.charset.StandardCharsets;

/**
 * Turns the stored value of one feature column into what a model input of some dtype takes: a numeric column
 * stores the number itself, a text column the index of its cell, whose text is parsed once, when the input is
 * bound, so that a cell an input cannot take is refused before the first step.
 */
abstract sealed class ColumnValues {

    /** @return the values of a numeric column */
    static ColumnValues numeric(String column) {
        return new Numeric(column);
    }

    /**
     * @param text a column read as text
     * @param dtype the dtype it feeds ({@code FLOAT}, {@code DOUBLE}, {@code INT32}, {@code INT64}, {@code STRING})
     * @param target what it feeds, for messages (e.g. {@code model input 'Age'})
     * @return its values, parsed for that dtype
     * @throws LrlabException (data) naming the first cell the dtype cannot take, and where it is
     */
    static ColumnValues text(ColumnText text, String dtype, String target) {
        return new Text(text, dtype, target);
    }

    abstract float floatAt(float stored);

    abstract double doubleAt(float stored);

    abstract long longAt(float stored);

    abstract byte[] bytesAt(float stored);

    /** @return whether a value of this column may stand for "no value" (an empty text cell) */
    abstract boolean isEmpty(float stored);

    /** A column of numbers: the stored value is the value. */
    static final class Numeric extends ColumnValues {
        private final String column;

        Numeric(String column) {
            this.column = column;
        }

        String column() {
            return column;
        }

        @Override
        float floatAt(float stored) {
            return stored;
        }

        @Override
        double doubleAt(float stored) {
            return stored;
        }

        @Override
        long longAt(float stored) {
            return (long) stored; // whole numbers were checked before the first step (InputBinding.checkIntegers)
        }

        @Override
        byte[] bytesAt(float stored) {
            String text = stored == Math.rint(stored) && Math.abs(stored) < 1e15 ? Long.toString((long) stored)
                    : Float.toString(stored);
            return text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        boolean isEmpty(float stored) {
            return false;
        }
    }

    /** A column of text: the stored value indexes its distinct cells, parsed once for the dtype fed. */
    static final class Text extends ColumnValues {
        private final float[] floats;
        private final double[] doubles;
        private final long[] longs;
        private final byte[][] bytes;
        private final boolean[] empty;

        Text(ColumnText text, String dtype, String target) {
            int n = text.values().size();
            floats = new float[n];
            doubles = new double[n];
            longs = new long[n];
            bytes = new byte[n][];
            empty = new boolean[n];
            for (int i = 0; i < n; i++) {
                String cell = text.values().get(i);
                bytes[i] = cell.getBytes(StandardCharsets.UTF_8);
                empty[i] = cell.isBlank();
                switch (dtype) {
                    case "STRING" -> {
                    }
                    case "INT32", "INT64" -> longs[i] = whole(text, i, dtype, target, dtype.equals("INT32"));
                    default -> {
                        doubles[i] = number(text, i, dtype, target);
                        floats[i] = (float) doubles[i];
                    }
                }
            }
        }

        private static double number(ColumnText text, int i, String dtype, String target) {
            String cell = text.values().get(i).strip();
            try {
                double value = Double.parseDouble(cell);
                if (Double.isFinite(value)) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw refuse(text, i, target + " is " + dtype + " and takes finite numbers");
        }

        private static long whole(ColumnText text, int i, String dtype, String target, boolean int32) {
            String cell = text.values().get(i).strip();
            long value;
            try {
                value = Long.parseLong(cell);
            } catch (NumberFormatException e) {
                double number;
                try {
                    number = Double.parseDouble(cell);
                } catch (NumberFormatException notNumber) {
                    throw refuse(text, i, target + " is " + dtype + " and takes whole numbers");
                }
                if (!Double.isFinite(number) || number != Math.rint(number) || Math.abs(number) >= 0x1p63) {
                    throw refuse(text, i, target + " is " + dtype + " and takes whole numbers, not fractions");
                }
                value = (long) number;
            }
            if (int32 && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
                throw refuse(text, i, target + " is INT32 and takes whole numbers within 32 bits");
            }
            return value;
        }

        private static LrlabException refuse(ColumnText text, int i, String why) {
            String cell = text.values().get(i);
            String shown = cell.isBlank() ? "an empty cell" : LrlabException.quoted(cell, 40);
            return LrlabException.data(text.location(i) + ": column " + LrlabException.quoted(text.column()) + " holds "
                    + shown + ", but "
                    + why + (cell.isBlank() ? "; fill it, or skip rows with empty cells (`skipIncomplete`)"
                    : "; fix the data or feed another column"));
        }

        @Override
        float floatAt(float stored) {
            return floats[(int) stored];
        }

        @Override
        double doubleAt(float stored) {
            return doubles[(int) stored];
        }

        @Override
        long longAt(float stored) {
            return longs[(int) stored];
        }

        @Override
        byte[] bytesAt(float stored) {
            return bytes[(int) stored];
        }

        @Override
        boolean isEmpty(float stored) {
            return empty[(int) stored];
        }
    }
}
