package dev.lrlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CheckpointIndexTest {
    private static final Path LOGISTIC = Path.of("models/logistic/variables/variables.index");

    @Test
    void theDemoModelsIndexPlacesItsTwoVariablesInOneShard() throws Exception {
        CheckpointIndex index = CheckpointIndex.read(LOGISTIC);
        assertEquals(1, index.shards());
        // entries in key order; the data holds the kernel [30,1] (bytes 0..120) and then the bias [1] (120..124)
        assertEquals(List.of(new CheckpointIndex.Entry("logistic/bias", 0, 124),
                new CheckpointIndex.Entry("logistic/kernel", 0, 120)), index.entries());
        assertEquals(124, Files.size(Path.of("models/logistic/variables/variables.data-00000-of-00001")));
    }

    /** Every index written by Python TensorFlow in the shared fixtures reads, with its shards long enough. */
    @Test
    void everyFixtureIndexReadsAndFitsItsShards() throws Exception {
        List<Path> indexes;
        try (Stream<Path> files = Files.walk(Fixtures.dir())) {
            indexes = files.filter(f -> f.getFileName().toString().equals("variables.index")).sorted().toList();
        }
        assertFalse(indexes.isEmpty());
        for (Path file : indexes) {
            CheckpointIndex index = CheckpointIndex.read(file);
            assertFalse(index.entries().isEmpty(), file.toString());
            for (CheckpointIndex.Entry entry : index.entries()) {
                Path shard = file.resolveSibling(String.format("variables.data-%05d-of-%05d", entry.shard(),
                        index.shards()));
                assertTrue(Files.size(shard) >= entry.end(), file + " " + entry);
            }
        }
    }

    @Test
    void aTruncatedIndexHasNoFooter() throws IOException {
        byte[] bytes = Files.readAllBytes(LOGISTIC);
        assertDamaged("no table footer at its end", Arrays.copyOf(bytes, bytes.length - 1));
        assertDamaged("20 bytes, shorter than a table footer (48)", Arrays.copyOf(bytes, 20));
    }

    @Test
    void aFlippedBitInTheIndexBlockFailsItsChecksum() throws IOException {
        byte[] bytes = Files.readAllBytes(LOGISTIC);
        // the footer's index handle says where the index block is; its first byte follows the data block's trailer
        CheckpointIndex.DamagedException e = assertThrows(CheckpointIndex.DamagedException.class, () -> {
            byte[] copy = bytes.clone();
            copy[copy.length - 48 - 5 - 1] ^= 0x10; // the last byte of the index block's contents (its restart count)
            CheckpointIndex.parse(copy);
        });
        assertTrue(e.getMessage().startsWith("the index block"), e.getMessage());
    }

    /** tf1_half_plus_two's index was written (by TensorFlow 1.x) with Snappy-compressed blocks: five floats. */
    @Test
    void aSnappyCompressedIndexReads() throws Exception {
        CheckpointIndex index = CheckpointIndex.read(Fixtures.shared("tf1_half_plus_two/variables/variables.index"));
        assertEquals(List.of("a", "a2", "b", "c", "c2"), index.entries().stream().map(CheckpointIndex.Entry::name).toList());
        assertEquals(List.of(4L, 8L, 12L, 16L, 20L), index.entries().stream().map(CheckpointIndex.Entry::end).sorted().toList());
    }

    @Test
    void snappyLiteralsAndBackReferences() throws Exception {
        // length 8; literal "ab" (tag (2-1)<<2); copy 1-byte offset: length 4 + 2 = 6, offset 2: "abababab"
        byte[] compressed = {8, 1 << 2, 'a', 'b', (byte) (1 | (2 << 2)), 2};
        assertEquals("abababab", new String(CheckpointIndex.snappy(compressed, 0, compressed.length, "x")));
        byte[] bad = {8, 1 << 2, 'a', 'b', (byte) (1 | (2 << 2)), 3};
        assertEquals("x has a compressed back-reference outside its data", assertThrows(
                CheckpointIndex.DamagedException.class, () -> CheckpointIndex.snappy(bad, 0, bad.length, "x")).getMessage());
    }

    @Test
    void theMaskIsLevelDbs() {
        // crc32c("") = 0; masked: rotate right 15 (still 0) plus 0xa282ead8
        assertEquals(0xa282ead8, CheckpointIndex.mask(0));
        assertEquals(Integer.rotateRight(0x12345678, 15) + 0xa282ead8, CheckpointIndex.mask(0x12345678));
    }

    private static void assertDamaged(String reason, byte[] bytes) {
        CheckpointIndex.DamagedException e = assertThrows(CheckpointIndex.DamagedException.class,
                () -> CheckpointIndex.parse(bytes));
        assertEquals(reason, e.getMessage());
    }
}
