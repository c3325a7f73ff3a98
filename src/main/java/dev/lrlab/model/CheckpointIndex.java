package dev.lrlab.model;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;

/**
 * The {@code variables.index} file of a V2 checkpoint, read in Java so that damage is found before TensorFlow's C++
 * reader sees the file: a checkpoint index is an SSTable (tensorflow/core/lib/io/table_format.txt, LevelDB's format)
 * whose entries map each variable's name to a {@code BundleEntryProto} (shard, offset, size) and the empty key to a
 * {@code BundleHeaderProto} (number of data shards).
 *
 * <p>Checked: the 48-byte footer and its magic number, every block's bounds and masked CRC-32C, the blocks' Snappy
 * compression when they have it (older TensorFlow versions wrote it), the entries' encoding and their protos.
 */
final class CheckpointIndex {
    /** The footer magic number of an SSTable, little-endian. */
    private static final long TABLE_MAGIC = 0xdb4775248b80fb57L;

    private static final int FOOTER_LENGTH = 48;
    private static final int BLOCK_TRAILER = 5;
    private static final int MASK_DELTA = 0xa282ead8;

    /** A failure to read the index, with the reason for the message. */
    static final class DamagedException extends Exception {
        DamagedException(String reason) {
            super(reason);
        }
    }

    /**
     * One tensor's place in the data shards.
     *
     * @param name the variable's checkpoint key
     * @param shard the data shard that holds it
     * @param end the offset just past its bytes in that shard
     */
    record Entry(String name, int shard, long end) {
    }

    private final int shards;
    private final List<Entry> entries;

    private CheckpointIndex(int shards, List<Entry> entries) {
        this.shards = shards;
        this.entries = List.copyOf(entries);
    }

    /** @return the number of data shards the header names (1 when the index has no header) */
    int shards() {
        return shards;
    }

    /** @return every tensor entry, in key order */
    List<Entry> entries() {
        return entries;
    }

    /**
     * @param file a {@code variables.index}
     * @return its header and entries
     * @throws DamagedException when the file is not a whole SSTable of bundle entries
     * @throws IOException when it cannot be read
     */
    static CheckpointIndex read(Path file) throws IOException, DamagedException {
        return parse(Files.readAllBytes(file));
    }

    /** @see #read(Path) */
    static CheckpointIndex parse(byte[] bytes) throws DamagedException {
        if (bytes.length < FOOTER_LENGTH) {
            throw new DamagedException(bytes.length + " bytes, shorter than a table footer (" + FOOTER_LENGTH + ")");
        }
        ByteBuffer footer = ByteBuffer.wrap(bytes, bytes.length - FOOTER_LENGTH, FOOTER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        if (footer.getLong(bytes.length - 8) != TABLE_MAGIC) {
            throw new DamagedException("no table footer at its end");
        }
        int[] cursor = {bytes.length - FOOTER_LENGTH};
        varint(bytes, cursor, bytes.length); // the metaindex block's handle, unused by checkpoints
        varint(bytes, cursor, bytes.length);
        long indexOffset = varint(bytes, cursor, bytes.length);
        long indexSize = varint(bytes, cursor, bytes.length);
        byte[] index = block(bytes, indexOffset, indexSize, "the index block");
        int shards = 1;
        List<Entry> entries = new ArrayList<>();
        for (byte[][] handle : blockEntries(index, "the index block")) {
            int[] at = {0};
            long offset = varint(handle[1], at, handle[1].length);
            long size = varint(handle[1], at, handle[1].length);
            byte[] data = block(bytes, offset, size, "the data block at " + offset);
            for (byte[][] entry : blockEntries(data, "the data block at " + offset)) {
                String key = new String(entry[0], StandardCharsets.UTF_8);
                try {
                    if (key.isEmpty()) {
                        shards = Math.max(1, BundleHeaderProto.parseFrom(entry[1]).getNumShards());
                    } else {
                        BundleEntryProto proto = BundleEntryProto.parseFrom(entry[1]);
                        if (proto.getOffset() < 0 || proto.getSize() < 0 || proto.getSize() > Long.MAX_VALUE - proto.getOffset()) {
                            throw new DamagedException("entry '" + key + "' has a negative offset or size");
                        }
                        entries.add(new Entry(key, proto.getShardId(), proto.getOffset() + proto.getSize()));
                    }
                } catch (InvalidProtocolBufferException e) {
                    throw new DamagedException("entry '" + key + "' is not a bundle entry: " + e.getMessage());
                }
            }
        }
        for (Entry entry : entries) {
            if (entry.shard() < 0 || entry.shard() >= shards) {
                throw new DamagedException("entry '" + entry.name() + "' names shard " + entry.shard() + " of "
                        + shards);
            }
        }
        return new CheckpointIndex(shards, entries);
    }

    /** The block's contents, uncompressed, after its bounds and checksum are checked. */
    private static byte[] block(byte[] file, long offset, long size, String what) throws DamagedException {
        long dataEnd = file.length - FOOTER_LENGTH;
        if (offset < 0 || size < 0 || offset > dataEnd || size > dataEnd - offset - BLOCK_TRAILER) {
            throw new DamagedException(what + " lies outside the file (offset " + offset + ", " + size + " bytes, of "
                    + file.length + ")");
        }
        int start = (int) offset;
        int length = (int) size;
        CRC32C crc = new CRC32C();
        crc.update(file, start, length + 1); // the contents and the compression type byte
        int stored = ByteBuffer.wrap(file, start + length + 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (mask((int) crc.getValue()) != stored) {
            throw new DamagedException(what + " fails its checksum");
        }
        return switch (file[start + length]) {
            case 0 -> Arrays.copyOfRange(file, start, start + length);
            case 1 -> snappy(file, start, start + length, what);
            default -> throw new DamagedException(what + " has unknown compression type " + file[start + length]);
        };
    }

    /**
     * Decompresses a raw Snappy block (google/snappy format_description.txt): the uncompressed length as a varint,
     * then literals and back-references.
     */
    static byte[] snappy(byte[] in, int start, int end, String what) throws DamagedException {
        int[] at = {start};
        long length = varint(in, at, end);
        if (length > Integer.MAX_VALUE - 8) {
            throw new DamagedException(what + " claims " + length + " uncompressed bytes");
        }
        byte[] out = new byte[(int) length];
        int written = 0;
        while (at[0] < end) {
            int tag = in[at[0]++] & 0xff;
            int kind = tag & 3;
            long count;
            long offset = 0;
            if (kind == 0) {
                count = tag >>> 2;
                if (count >= 60) {
                    int extra = (int) count - 59;
                    count = littleEndian(in, at, end, extra, what);
                }
                count++;
                if (count > end - at[0] || count > out.length - written) {
                    throw new DamagedException(what + " has a compressed literal that runs past its end");
                }
                System.arraycopy(in, at[0], out, written, (int) count);
                at[0] += (int) count;
                written += (int) count;
                continue;
            }
            if (kind == 1) {
                count = 4 + ((tag >>> 2) & 7);
                offset = ((long) (tag >>> 5) << 8) | littleEndian(in, at, end, 1, what);
            } else {
                count = 1 + (tag >>> 2);
                offset = littleEndian(in, at, end, kind == 2 ? 2 : 4, what);
            }
            if (offset <= 0 || offset > written || count > out.length - written) {
                throw new DamagedException(what + " has a compressed back-reference outside its data");
            }
            for (int i = 0; i < count; i++, written++) {
                out[written] = out[(int) (written - offset)];
            }
        }
        if (written != out.length) {
            throw new DamagedException(what + " decompresses to " + written + " bytes, not " + out.length);
        }
        return out;
    }

    private static long littleEndian(byte[] in, int[] at, int end, int bytes, String what) throws DamagedException {
        if (bytes > end - at[0]) {
            throw new DamagedException(what + " ends inside a compressed tag");
        }
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value |= (long) (in[at[0]++] & 0xff) << (8 * i);
        }
        return value;
    }

    /** LevelDB's masked CRC: rotated right by 15 bits, plus a constant. */
    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    /** The {key, value} pairs of a block, keys rebuilt from their shared prefixes. */
    private static List<byte[][]> blockEntries(byte[] block, String what) throws DamagedException {
        if (block.length < 4) {
            throw new DamagedException(what + " is shorter than its restart count");
        }
        int restarts = ByteBuffer.wrap(block, block.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        long end = block.length - 4 - 4L * restarts;
        if (restarts < 0 || end < 0) {
            throw new DamagedException(what + " has a bad restart count " + restarts);
        }
        List<byte[][]> result = new ArrayList<>();
        byte[] key = new byte[0];
        int[] at = {0};
        while (at[0] < end) {
            long shared = varint(block, at, end);
            long unshared = varint(block, at, end);
            long valueLength = varint(block, at, end);
            if (shared > key.length || unshared < 0 || valueLength < 0 || unshared > end - at[0]
                    || valueLength > end - at[0] - unshared) {
                throw new DamagedException(what + " has an entry that runs past its end");
            }
            byte[] next = new byte[(int) (shared + unshared)];
            System.arraycopy(key, 0, next, 0, (int) shared);
            System.arraycopy(block, at[0], next, (int) shared, (int) unshared);
            at[0] += (int) unshared;
            byte[] value = new byte[(int) valueLength];
            System.arraycopy(block, at[0], value, 0, value.length);
            at[0] += value.length;
            key = next;
            result.add(new byte[][] {key, value});
        }
        return result;
    }

    /** A base-128 varint of up to 64 bits at {@code at[0]}, which it advances; never reads at or past {@code end}. */
    private static long varint(byte[] bytes, int[] at, long end) throws DamagedException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= end) {
                throw new DamagedException("a number runs past the end of its block");
            }
            int b = bytes[at[0]++] & 0xff;
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new DamagedException("a number is longer than 10 bytes");
    }
}
