package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.report.CurveCsvReader;
import dev.lrlab.report.LrLossCurve;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A range test killed with SIGKILL (no handler runs, nothing is committed) leaves its staging folder with every
 * finished row of the curve: each row reaches the operating system in one write as it is computed. The curve reads
 * back, and {@code lrlab suggest} works on it. A real JVM is started, since SIGKILL would end the test's own.
 */
class KilledRunTest {
    @TempDir
    Path dir;

    @Test
    void aKilledRangeTestLeavesAReadableCurveInItsStagingFolder() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = dir.resolve("killed");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.lrlab.cli.Lrlab",
                "range-test", "--steps", "10000", "--no-stop", "--quiet", "--out-dir", out.toString())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                .directory(new File(System.getProperty("user.dir"))).start();
        Path curve = null;
        long rows = 0;
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5); // a safety net, not a measurement
            while (rows < 20 && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                curve = StagedOutputs.stagedFile(dir, "killed", "range-test.csv");
                rows = curve == null ? 0 : Files.readAllLines(curve).size() - 1;
            }
        } finally {
            process.destroyForcibly();
            process.waitFor(1, TimeUnit.MINUTES);
        }
        assertTrue(rows >= 20, "rows before the kill: " + rows + "; stderr: " + Files.readString(dir.resolve("stderr.txt")));
        assertEquals(137, process.exitValue(), "killed by SIGKILL");
        assertTrue(Files.notExists(out), "nothing was committed");
        List<String> lines = Files.readAllLines(curve);
        LrLossCurve read = CurveCsvReader.read(curve);
        int complete = Files.readString(curve).endsWith("\n") ? lines.size() - 1 : lines.size() - 2;
        assertEquals(complete, read.size(), "every complete row is read");
        CliRun suggest = CliRun.of("suggest", curve.toString());
        assertEquals(ExitCode.OK, suggest.code(), suggest.err());
        assertTrue(suggest.out().startsWith("curve: " + curve + ", " + complete + " points"), suggest.out());
    }
}
