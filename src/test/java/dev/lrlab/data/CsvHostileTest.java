package dev.lrlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lrlab.Directories;
import dev.lrlab.LrlabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile CSV files read through the real data path ({@link DatasetLoader}, as {@code train} reads {@code --data}):
 * a file either loads with exactly the values it was generated from, or fails with a one-line {@link LrlabException.Kind#DATA}
 * error naming the file. Each try draws a {@link Twist} (one way to break the file, or none), a {@link Dialect} (byte
 * order mark, CRLF, blank lines, ...) and a seed for the cells, which mix plain, scientific, quoted and padded numbers,
 * and class names and column names with commas, quotes, line breaks, tabs, non-ASCII and thousands of characters.
 *
 * <p>Fixed seeds keep CI stable; a failure prints the twist, the dialect, the cell seed and the file's text.
 */
class CsvHostileTest {
    private static Path dir;
    private static int files;

    @BeforeContainer
    static void makeFolder() throws IOException {
        dir = Files.createTempDirectory("csv-hostile");
    }

    @AfterContainer
    static void removeFolder() {
        Directories.deleteQuietly(dir);
    }

    @Property(tries = 400, seed = "20261201")
    void aCsvLoadsWithItsValuesOrFailsWithOneDataLineNamingTheFile(@ForAll HostileCsv.Twist twist,
            @ForAll HostileCsv.Dialect dialect, @ForAll long cellSeed) throws IOException {
        HostileCsv csv = HostileCsv.generate(new Random(cellSeed), twist, dialect);
        Path file = Files.write(dir.resolve("case-" + files++ + ".csv"), csv.bytes);
        String context = twist + " " + dialect + " seed " + cellSeed + " file:\n" + csv.shown();
        DataSpec spec = DataSpec.csv(file, HostileCsv.LABEL)
                .withSkipIncomplete(twist == HostileCsv.Twist.EMPTY_CELL_SKIPPED);
        Dataset data;
        try {
            data = new DatasetLoader().load(spec);
        } catch (LrlabException e) {
            assertOneDataLineNaming(file, e, context);
            assertTrue(csv.expected.isEmpty(), "expected it to load, it failed with: " + e.getMessage() + "\n" + context);
            if (twist.name().startsWith("UTF16")) {
                assertTrue(e.getMessage().contains(" is UTF-16 text"), e.getMessage());
            }
            if (twist == HostileCsv.Twist.INVALID_UTF8) {
                assertTrue(e.getMessage().contains(" is not UTF-8 text"), e.getMessage());
            }
            Statistics.label("outcome").collect("refused");
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("not an LrlabException: " + e + "\n" + context, e);
        }
        if (csv.expected.isEmpty()) {
            fail("expected a data error, it loaded " + data.size() + " rows\n" + context);
        }
        HostileCsv.Expected expected = csv.expected.get();
        assertEquals(expected.featureNames(), data.featureNames(), context);
        assertArrayEquals(expected.features(), data.features(), context);
        assertArrayEquals(expected.labels(), data.labels(), context);
        assertEquals(expected.classNames(), data.classNames(), context);
        assertEquals(expected.skipped(), data.skippedRows(), context);
        Statistics.label("outcome").collect("loaded");
    }

    /** What every refused file must end as: one line, DATA, naming the file, no control characters. */
    static void assertOneDataLineNaming(Path file, LrlabException e, String context) {
        String message = e.getMessage();
        assertEquals(LrlabException.Kind.DATA, e.kind(), message + "\n" + context);
        assertTrue(message.contains(file.toString()), "does not name the file: " + message + "\n" + context);
        assertFalse(message.chars().anyMatch(Character::isISOControl),
                "not one clean line: " + message.replace("\0", "\\0") + "\n" + context);
    }
}
