package dev.lrlab.data;

import dev.lrlab.LrlabException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST: an images file and a labels file, each plain
 * or gzipped (told apart by the gzip magic {@code 1f 8b}, not by the name).
 *
 * <p>An IDX file is a big-endian header, magic {@code 00 00 08 d} (unsigned bytes, {@code d}
 * dimensions) then {@code d} 32-bit sizes, followed by the values. Images have magic {@code
 * 0x00000803} (count, rows, columns; more generally any {@code d >= 2}, the trailing sizes giving
 * {@link Dataset#exampleShape()}); labels have {@code 0x00000801} (count). The file must end right
 * after the values, and the two counts must agree.
 *
 * <p>Pixels become floats divided by 255, in {@code [0, 1]}, unless the reader is {@link #raw()}
 * ({@code 0..255}). Labels are the class indices as floats; {@link Dataset#classNames()} is empty
 * since IDX files do not name their classes. Features are named {@code pixel0, pixel1, ...}.
 */
public final class IdxReader {
    /** Magic number of an IDX file of unsigned-byte images: count x rows x columns. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned-byte labels: count. */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int UNSIGNED_BYTE = 0x08;

    private final boolean scalePixels;

    private IdxReader(boolean scalePixels) {
        this.scalePixels = scalePixels;
    }

    /** @return a reader that divides pixels by 255 (the default) */
    public static IdxReader scaled() {
        return new IdxReader(true);
    }

    /** @return a reader that keeps pixels as {@code 0..255} */
    public static IdxReader raw() {
        return new IdxReader(false);
    }

    /** @return whether pixels are divided by 255 */
    public boolean scalesPixels() {
        return scalePixels;
    }

    /**
     * @param contentHead the first bytes of a file's (decompressed) content
     * @return whether they start like an IDX unsigned-byte file with at least one dimension
     */
    static boolean looksLikeIdx(byte[] contentHead) {
        return contentHead.length >= 4 && contentHead[0] == 0 && contentHead[1] == 0
                && contentHead[2] == UNSIGNED_BYTE && contentHead[3] >= 1;
    }

    /**
     * @param images the IDX images file
     * @param labels the IDX labels file
     * @return one example per image
     * @throws LrlabException (data) for a missing file, a wrong magic number, a truncated file or
     *     counts that disagree
     */
    public Dataset read(Path images, Path labels) {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        DataFiles.requireReadableFile(images, "IDX images file");
        DataFiles.requireReadableFile(labels, "IDX labels file");
        IdxArray pixels = readArray(images, true);
        IdxArray classes = readArray(labels, false);
        if (pixels.count() != classes.count()) {
            throw LrlabException.data("images file " + images + " has " + pixels.count()
                    + " images but labels file " + labels + " has " + classes.count()
                    + " labels; expected the same count");
        }
        byte[] raw = pixels.values();
        float[] features = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            features[i] = scalePixels ? (raw[i] & 0xff) / 255f : (raw[i] & 0xff);
        }
        float[] labelValues = new float[classes.count()];
        byte[] labelBytes = classes.values();
        for (int i = 0; i < labelValues.length; i++) {
            labelValues[i] = labelBytes[i] & 0xff;
        }
        int width = raw.length / pixels.count();
        return Dataset.owning()
                .features(features)
                .labels(labelValues)
                .featureNames(Dataset.numberedNames("pixel", width))
                .exampleShape(pixels.exampleShape())
                .source(images + " + " + labels)
                .build();
    }

    /** The values of one IDX file: {@code count} examples of {@code exampleShape}. */
    private record IdxArray(int count, int[] exampleShape, byte[] values) {
    }

    private static IdxArray readArray(Path file, boolean images) {
        try (InputStream in = DataFiles.openMaybeGzipped(file)) {
            byte[] magicBytes = in.readNBytes(4);
            if (magicBytes.length < 4) {
                throw LrlabException.data(file + " is truncated: expected a 4-byte IDX magic number, found "
                        + magicBytes.length + " bytes");
            }
            int magic = bigEndian(magicBytes, 0);
            checkMagic(file, magic, images);
            int dims = magic & 0xff;
            byte[] sizeBytes = in.readNBytes(4 * dims);
            if (sizeBytes.length < 4 * dims) {
                throw LrlabException.data(file + " is truncated: expected " + (4 + 4 * dims)
                        + " header bytes, found " + (4 + sizeBytes.length));
            }
            int[] sizes = new int[dims];
            long total = 1;
            for (int d = 0; d < dims; d++) {
                sizes[d] = bigEndian(sizeBytes, 4 * d);
                if (sizes[d] <= 0) {
                    throw LrlabException.data(file + ": expected positive IDX dimensions, found "
                            + describe(sizes, d + 1));
                }
                total *= sizes[d];
                if (total > Integer.MAX_VALUE - 8) {
                    throw LrlabException.data(file + ": dimensions " + describe(sizes, d + 1)
                            + " hold more values than lrlab keeps in memory (2^31)");
                }
            }
            byte[] values = in.readNBytes((int) total);
            String what = describeContent(sizes, images);
            if (values.length < total) {
                throw LrlabException.data(file + " is truncated: expected " + total + " data bytes ("
                        + what + "), found " + values.length);
            }
            if (in.read() != -1) {
                throw LrlabException.data(file + " has bytes after the " + total + " data bytes (" + what
                        + "); expected the file to end there");
            }
            return new IdxArray(sizes[0], Arrays.copyOfRange(sizes, 1, dims), values);
        } catch (EOFException e) {
            throw LrlabException.data(file + " is truncated: the gzip stream ends early");
        } catch (ZipException e) {
            throw LrlabException.data(file + " starts like gzip but is not valid gzip: " + e.getMessage());
        } catch (IOException e) {
            throw DataFiles.readFailure(file, e);
        }
    }

    private static void checkMagic(Path file, int magic, boolean images) {
        boolean unsignedBytes = (magic >>> 8) == UNSIGNED_BYTE;
        int dims = magic & 0xff;
        if (images) {
            if (magic == LABELS_MAGIC) {
                throw LrlabException.data(file + " is an IDX labels file (magic 0x00000801); expected"
                        + " images (0x00000803): are the images and labels swapped?");
            }
            if (!unsignedBytes || dims < 2) {
                throw LrlabException.data(file + ": expected IDX images magic " + hex(IMAGES_MAGIC)
                        + " (unsigned bytes, count x rows x columns), found " + hex(magic));
            }
        } else if (magic != LABELS_MAGIC) {
            String hint = magic == IMAGES_MAGIC ? ": it is an images file; are the images and labels swapped?" : "";
            throw LrlabException.data(file + ": expected IDX labels magic " + hex(LABELS_MAGIC)
                    + " (unsigned bytes, one dimension), found " + hex(magic) + hint);
        }
    }

    private static String describeContent(int[] sizes, boolean images) {
        if (!images) {
            return sizes[0] + " labels";
        }
        StringBuilder sb = new StringBuilder().append(sizes[0]).append(" images of ");
        for (int d = 1; d < sizes.length; d++) {
            sb.append(d == 1 ? "" : " x ").append(sizes[d]);
        }
        return sb.toString();
    }

    private static String describe(int[] sizes, int count) {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < count; d++) {
            sb.append(d == 0 ? "" : " x ").append(sizes[d]);
        }
        return sb.toString();
    }

    private static String hex(int value) {
        return String.format("0x%08X", value);
    }

    private static int bigEndian(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8
                | (bytes[at + 3] & 0xff);
    }
}
