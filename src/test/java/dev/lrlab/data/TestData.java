package dev.lrlab.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Builds test fixtures in code. Not a test class. */
public final class TestData {
    private TestData() {
    }

    /** An IDX header: magic {@code 00 00 08 dims} then the sizes, big-endian. */
    public static byte[] idxHeader(int magic, int... sizes) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * sizes.length).order(ByteOrder.BIG_ENDIAN);
        b.putInt(magic);
        for (int s : sizes) {
            b.putInt(s);
        }
        return b.array();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static Path write(Path file, byte[] content) {
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(Path file, String content) {
        return write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A .npy file built byte by byte: magic, version, header length (2 bytes LE for 1.x, 4 for
     * 2.x/3.x), the header dict padded with spaces and ended by a newline so that the data starts at
     * a multiple of 64, then the data.
     */
    public static byte[] npy(int major, String header, byte[] data) {
        int preamble = major == 1 ? 10 : 12;
        StringBuilder h = new StringBuilder(header);
        while ((preamble + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        byte[] headerBytes = h.toString().getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(preamble + headerBytes.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) headerBytes.length);
        } else {
            b.putInt(headerBytes.length);
        }
        b.put(headerBytes).put(data);
        return b.array();
    }

    /** A version 1.0 .npy file with the given descr, shape text (e.g. "(3, 2)") and data. */
    public static byte[] npy(String descr, String shape, byte[] data) {
        return npy(1, "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }", data);
    }

    public static byte[] littleFloats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    public static byte[] littleLongs(long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    /** A small dataset: rows r = 0..n-1 with features {10r, 10r+1, 10r+2} and label r. */
    public static Dataset table(int n) {
        float[] f = new float[n * 3];
        float[] l = new float[n];
        for (int r = 0; r < n; r++) {
            f[3 * r] = 10 * r;
            f[3 * r + 1] = 10 * r + 1;
            f[3 * r + 2] = 10 * r + 2;
            l[r] = r;
        }
        return Dataset.builder().features(f).labels(l).featureNames(List.of("a", "b", "c")).source("table").build();
    }
}
