package dev.lrlab.data;

import dev.lrlab.LrlabException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} files: features {@code x.npy} of shape {@code (n, ...)} and labels
 * {@code y.npy} of shape {@code (n,)} (one value per example) or {@code (n, ...)}: k targets per
 * example for {@code (n, k)} (a forecaster's k values, or a one-hot block), or the trailing shape of
 * a model output of more dimensions (e.g. {@code (n, 3, 12)}), flattened row-major.
 *
 * <p>Format versions 1.0, 2.0 and 3.0 are read. Arrays must be in C order (as {@code np.save}
 * writes by default); Fortran order is an error. Supported dtypes, little- ({@code <}) or
 * big-endian ({@code >}): {@code f4 f8} (float), {@code i1 i2 i4 i8} (signed), {@code u1 u2 u4 u8}
 * (unsigned) and {@code b1} (bool, as 0/1); all become floats (64-bit integers beyond 2^24 lose
 * precision). NaN and infinite values are errors. The file must end right after the data.
 *
 * <p>A float32 features file is memory-mapped ({@link FileChannel#map}) and the dataset reads its rows from the
 * mapping: the values are not copied into the heap (the operating system's page cache holds them, shared and
 * evictable), so a file larger than the heap limit loads. Other dtypes are converted into a heap array.
 *
 * <p>The trailing shape of {@code x} becomes {@link Dataset#exampleShape()} ({@code {}} for a
 * 1-D {@code x}: one scalar feature per example); features are named {@code feature0, feature1,
 * ...}; labels are the values of {@code y}, without class names.
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");
    private static final String SUPPORTED = "<f4, <f8, |u1, |i1, <i2, <u2, <i4, <u4, <i8, <u8, |b1"
            + " (or big-endian >)";

    /**
     * @param features the {@code .npy} features, shape {@code (n, ...)}
     * @param labels the {@code .npy} labels, shape {@code (n,)} or {@code (n, ...)}
     * @return the dataset
     * @throws LrlabException (data) for a missing or malformed file, an unsupported dtype, Fortran
     *     order, a bad shape or counts that disagree
     */
    public Dataset read(Path features, Path labels) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        DataFiles.requireReadableFile(features, "features file");
        DataFiles.requireReadableFile(labels, "labels file");
        NpyArray x = readArray(features);
        NpyArray y = readArray(labels);
        if (x.shape().length == 0) {
            throw LrlabException.data(features + " holds a scalar (shape ()); expected features of shape (n, ...)");
        }
        int n = x.shape()[0];
        int[] exampleShape = Arrays.copyOfRange(x.shape(), 1, x.shape().length);
        if (y.shape().length == 0) {
            throw LrlabException.data(labels + " holds a scalar (shape ()); expected labels of shape (n,) or (n, k)");
        }
        if (y.shape()[0] != n) {
            throw LrlabException.data("features file " + features + " has " + n + " examples (shape "
                    + shapeText(x.shape()) + ") but labels file " + labels + " has " + y.shape()[0]
                    + " (shape " + shapeText(y.shape()) + "); expected the same count");
        }
        if (n == 0) {
            throw LrlabException.data(features + " has no examples (shape " + shapeText(x.shape())
                    + "); expected at least one");
        }
        for (int d : exampleShape) {
            if (d == 0) {
                throw LrlabException.data(features + " has empty examples (shape " + shapeText(x.shape())
                        + "); expected every dimension to be positive");
            }
        }
        int width = (int) (x.values().length() / n);
        int labelWidth = (int) (y.values().length() / n);
        if (labelWidth == 0) {
            throw LrlabException.data(labels + " has empty labels (shape " + shapeText(y.shape())
                    + "); expected every dimension to be positive");
        }
        return Dataset.owning()
                .featureRows(x.values())
                .labels(y.values().toArray())
                .labelWidth(labelWidth)
                .featureNames(Dataset.numberedNames("feature", width))
                .exampleShape(exampleShape)
                .source(features + " + " + labels)
                .build();
    }

    /**
     * One array: its shape and its values as floats, C order. A float32 array is a view of the mapped file (its pages
     * stay in the page cache, outside the heap); other dtypes are converted into a heap array.
     */
    record NpyArray(int[] shape, FloatRows values) {
    }

    /**
     * @param file a {@code .npy} file
     * @return its shape and values
     * @throws LrlabException (data) if it is missing, malformed or unsupported
     */
    static NpyArray readArray(Path file) {
        DataFiles.requireReadableFile(file, ".npy file");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            ByteBuffer preamble = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, preamble, 0);
            if (preamble.position() < 10 || !startsWithMagic(preamble)) {
                throw LrlabException.data(file + " is not a NumPy .npy file: expected it to start with"
                        + " \\x93NUMPY (write it with numpy.save)");
            }
            int major = preamble.get(6) & 0xff;
            int minor = preamble.get(7) & 0xff;
            long headerLength;
            int headerStart;
            if (major == 1) {
                headerLength = preamble.getShort(8) & 0xffff;
                headerStart = 10;
            } else if (major == 2 || major == 3) {
                if (preamble.position() < 12) {
                    throw LrlabException.data(file + " is truncated: expected a 12-byte .npy preamble, found "
                            + preamble.position() + " bytes");
                }
                headerLength = preamble.getInt(8) & 0xffffffffL;
                headerStart = 12;
            } else {
                throw LrlabException.data(file + ": expected .npy format version 1.0, 2.0 or 3.0, found "
                        + major + "." + minor);
            }
            if (headerStart + headerLength > fileSize) {
                throw LrlabException.data(file + " is truncated: expected a header of " + headerLength
                        + " bytes after the preamble, found " + (fileSize - headerStart));
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, headerStart);
            String header = new String(headerBytes.array(), 0, headerBytes.position(),
                    major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Header parsed = parseHeader(file, header);

            long count = 1;
            for (int d : parsed.shape()) {
                count *= d;
                if (count > Integer.MAX_VALUE - 8) {
                    throw LrlabException.data(file + " has shape " + shapeText(parsed.shape())
                            + ": more values than lrlab keeps in memory (2^31)");
                }
            }
            long dataStart = headerStart + headerLength;
            long expected = count * parsed.itemSize();
            long found = fileSize - dataStart;
            if (found < expected) {
                throw LrlabException.data(file + " is truncated: expected " + expected + " data bytes (shape "
                        + shapeText(parsed.shape()) + ", dtype '" + parsed.descr() + "'), found " + found);
            }
            if (expected > Integer.MAX_VALUE) {
                throw LrlabException.data(file + " holds " + expected + " data bytes; lrlab reads .npy"
                        + " arrays of at most 2 GiB: split the file or use float32");
            }
            if (found > expected) {
                throw LrlabException.data(file + " has " + (found - expected) + " bytes after the " + expected
                        + " data bytes (shape " + shapeText(parsed.shape()) + ", dtype '" + parsed.descr()
                        + "'); expected the file to end there");
            }
            ByteBuffer data = expected == 0 ? ByteBuffer.allocate(0)
                    : channel.map(FileChannel.MapMode.READ_ONLY, dataStart, expected);
            data.order(parsed.order());
            if (parsed.kind() == 'f' && parsed.itemSize() == 4) {
                FloatBuffer mapped = data.asFloatBuffer();
                requireFinite(file, mapped);
                return new NpyArray(parsed.shape(), FloatRows.of(mapped));
            }
            float[] values = convert(file, data, parsed, (int) count);
            return new NpyArray(parsed.shape(), FloatRows.of(values));
        } catch (IOException e) {
            throw DataFiles.readFailure(file, e);
        }
    }

    /** The parts of a header this reader uses. */
    private record Header(String descr, ByteOrder order, char kind, int itemSize, int[] shape) {
    }

    private static Header parseHeader(Path file, String header) {
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw LrlabException.data(file + ": malformed .npy header " + header.strip()
                    + "; expected a dict with 'descr' (a simple dtype), 'fortran_order' and 'shape'");
        }
        if (fortran.group(1).equals("True")) {
            throw LrlabException.data(file + " is stored in Fortran (column-major) order; expected C order:"
                    + " save it with numpy.save(path, numpy.ascontiguousarray(a))");
        }
        String d = descr.group(1);
        ByteOrder order;
        char kind;
        int size;
        if (d.length() < 3 || "<>|=".indexOf(d.charAt(0)) < 0) {
            throw unsupported(file, d);
        }
        kind = d.charAt(1);
        try {
            size = Integer.parseInt(d.substring(2));
        } catch (NumberFormatException e) {
            throw unsupported(file, d);
        }
        boolean supported = switch (kind) {
            case 'f' -> size == 4 || size == 8;
            case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
            case 'b' -> size == 1;
            default -> false;
        };
        if (!supported) {
            throw unsupported(file, d);
        }
        order = d.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN
                : d.charAt(0) == '=' ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN;
        return new Header(d, order, kind, size, parseShape(file, shape.group(1)));
    }

    private static LrlabException unsupported(Path file, String descr) {
        return LrlabException.data(file + " has dtype '" + descr + "'; expected one of " + SUPPORTED
                + ": convert it, e.g. a.astype('float32')");
    }

    private static int[] parseShape(Path file, String text) {
        String[] parts = text.split(",");
        int[] shape = new int[parts.length];
        int dims = 0;
        for (String part : parts) {
            String p = part.strip();
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1); // Python 2 long
            }
            if (p.isEmpty()) {
                continue;
            }
            try {
                long v = Long.parseLong(p);
                if (v < 0 || v > Integer.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                shape[dims++] = (int) v;
            } catch (NumberFormatException e) {
                throw LrlabException.data(file + ": malformed .npy shape (" + text
                        + "); expected non-negative integer dimensions");
            }
        }
        return Arrays.copyOf(shape, dims);
    }

    private static float[] convert(Path file, ByteBuffer data, Header header, int count) {
        float[] out = new float[count];
        switch (header.kind()) {
            case 'f' -> {
                if (header.itemSize() == 4) {
                    data.asFloatBuffer().get(out);
                } else {
                    for (int i = 0; i < count; i++) {
                        out[i] = (float) data.getDouble(i * 8);
                    }
                }
                for (int i = 0; i < count; i++) {
                    if (!Float.isFinite(out[i])) {
                        throw LrlabException.data(file + ": value " + out[i] + " at flat index " + i
                                + "; expected finite numbers (missing values are not supported)");
                    }
                }
            }
            case 'b' -> {
                for (int i = 0; i < count; i++) {
                    out[i] = data.get(i) != 0 ? 1f : 0f;
                }
            }
            case 'i' -> {
                for (int i = 0; i < count; i++) {
                    out[i] = switch (header.itemSize()) {
                        case 1 -> data.get(i);
                        case 2 -> data.getShort(i * 2);
                        case 4 -> data.getInt(i * 4);
                        default -> data.getLong(i * 8);
                    };
                }
            }
            default -> { // 'u'
                for (int i = 0; i < count; i++) {
                    out[i] = switch (header.itemSize()) {
                        case 1 -> data.get(i) & 0xff;
                        case 2 -> data.getShort(i * 2) & 0xffff;
                        case 4 -> data.getInt(i * 4) & 0xffffffffL;
                        default -> unsignedLong(data.getLong(i * 8));
                    };
                }
            }
        }
        return out;
    }

    private static void requireFinite(Path file, FloatBuffer values) {
        for (int i = 0, n = values.limit(); i < n; i++) {
            float v = values.get(i);
            if (!Float.isFinite(v)) {
                throw LrlabException.data(file + ": value " + v + " at flat index " + i
                        + "; expected finite numbers (missing values are not supported)");
            }
        }
    }

    private static float unsignedLong(long bits) {
        return bits >= 0 ? bits : ((bits >>> 1) | (bits & 1)) * 2f;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                break;
            }
            at += read;
        }
    }

    private static boolean startsWithMagic(ByteBuffer preamble) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (preamble.get(i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the bytes start with the .npy magic {@code \x93NUMPY} */
    static boolean looksLikeNpy(byte[] head) {
        if (head.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    static String shapeText(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(')').toString();
    }
}
