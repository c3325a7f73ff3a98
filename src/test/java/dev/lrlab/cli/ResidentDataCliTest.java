package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --resident-data MB|off}: where the training rows live changes no number of a run, only its speed. */
class ResidentDataCliTest {
    @TempDir
    Path dir;

    @Test
    void theDemoRangeTestWritesTheSameCurveResidentOrCopied() throws Exception {
        Path resident = dir.resolve("resident");
        Path copied = dir.resolve("copied");
        CliRun a = CliRun.of("range-test", "--steps", "30", "--no-stop", "--resident-data", "64", "--out-dir",
                resident.toString(), "--quiet");
        assertEquals(ExitCode.OK, a.code(), a.err());
        CliRun b = CliRun.of("range-test", "--steps", "30", "--no-stop", "--resident-data", "off", "--out-dir",
                copied.toString(), "--quiet");
        assertEquals(ExitCode.OK, b.code(), b.err());
        assertEquals(Files.readAllLines(copied.resolve("range-test.csv")), Files.readAllLines(resident.resolve("range-test.csv")));
    }

    @Test
    void aSizeThatIsNotAWholeNumberOfMegabytesIsAUsageError() {
        CliRun run = CliRun.of("range-test", "--resident-data", "1.5GB", "--out-dir", dir.resolve("x").toString());
        assertEquals(ExitCode.USAGE, run.code());
        assertEquals("lrlab: --resident-data takes a whole number of megabytes (0 or more) or off, found '1.5GB'",
                run.lastErrorLine());
        CliRun negative = CliRun.of("range-test", "--resident-data", "-1", "--out-dir", dir.resolve("y").toString());
        assertEquals(ExitCode.USAGE, negative.code());
        assertEquals("lrlab: --resident-data takes a whole number of megabytes (0 or more) or off, found '-1'",
                negative.lastErrorLine());
    }
}
