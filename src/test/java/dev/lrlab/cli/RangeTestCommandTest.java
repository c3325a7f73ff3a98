package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lrlab.Fixtures;
import dev.lrlab.run.StopSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RangeTestCommandTest {
    private static final List<String> OUTPUTS = List.of("range-test.csv", "range-test.png", "range-test.svg", "summary.csv",
            "summary.json");

    @TempDir
    Path dir;

    @Test
    void withoutAModelItRunsTheBundledDemoAndWritesEveryOutput() throws Exception {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("range-test", "--out-dir", out.toString(), "--quiet");
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.out().contains("* valley"), run.out());
        assertTrue(run.out().contains("suggested learning rate: "), run.out());
        assertTrue(run.out().contains("output: " + out + " (range-test.csv, range-test.png, range-test.svg, summary.json, "
                + "summary.csv)"), run.out());
        assertEquals("", run.err(), "--quiet");
        for (String name : OUTPUTS) {
            assertTrue(Files.size(out.resolve(name)) > 0, name);
        }
        List<String> csv = Files.readAllLines(out.resolve("range-test.csv"));
        assertEquals("step,lr,loss,smoothed_loss", csv.get(0));
        assertTrue(csv.get(1).startsWith("0,1.0E-7,"), csv.get(1));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(csv.size() - 1, summary.get("steps_run").asInt());
        assertEquals("loss_exploded", summary.get("stop").asText());
        assertEquals(Path.of("models/digits-mlp").toString(), summary.get("model").asText());
        assertEquals("label", summary.get("label").asText());
        assertEquals(Path.of("data-samples/digits.csv").toString(), summary.get("provenance").get("data_paths").get(0).asText());
        assertEquals(64, summary.get("provenance").get("model_sha256").asText().length());
        assertTrue(summary.get("steps_per_second").asDouble() > 0);
        double valley = summary.get("suggestions").get("valley").get("lr").asDouble();
        assertTrue(run.out().contains(String.format(java.util.Locale.ROOT, "suggested learning rate: %.2e (valley)", valley)));
        assertEquals(900, ImageIO.read(out.resolve("range-test.png").toFile()).getWidth());
        assertTrue(Files.readString(out.resolve("range-test.svg")).contains(
                String.format(java.util.Locale.ROOT, "valley %.2e", valley)));
        assertTrue(Files.readString(out.resolve("summary.csv")).contains("\nstop,loss_exploded\n"));
    }

    /** The real thing: no argument at all, from another directory, the project found through lrlab.home. */
    @Test
    void noArgumentsAtAllFromAnotherDirectoryWritesUnderRuns() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dlrlab.home=" + Path.of("").toAbsolutePath(), "dev.lrlab.cli.Lrlab", "range-test")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile());
        builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "finished");
        } finally {
            process.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("log.txt"));
        assertEquals(0, process.exitValue(), log);
        assertTrue(log.contains("* valley"), log);
        List<Path> runs;
        try (Stream<Path> list = Files.list(dir.resolve("runs"))) {
            runs = list.toList();
        }
        assertEquals(1, runs.size());
        assertTrue(runs.get(0).getFileName().toString().matches("range-test-\\d{8}-\\d{6}"), runs.toString());
        for (String name : OUTPUTS) {
            assertTrue(Files.exists(runs.get(0).resolve(name)), name);
        }
    }

    @Test
    void smithsVariantWritesValidationColumns() throws Exception {
        Path out = dir.resolve("smith");
        CliRun run = CliRun.of("range-test", "--mode", "linear", "--start-lr", "0", "--end-lr", "0.05", "--steps", "20",
                "--val-loss", "--val-every", "4", "--out-dir", out.toString(), "--quiet");
        assertEquals(ExitCode.OK, run.code(), run.err());
        List<String> csv = Files.readAllLines(out.resolve("range-test.csv"));
        assertEquals("step,lr,loss,smoothed_loss,val_loss,val_accuracy", csv.get(0));
        assertEquals(21, csv.size());
        for (int k = 0; k < 20; k++) {
            String[] cells = csv.get(k + 1).split(",", -1);
            assertEquals(k % 4 == 3, !cells[4].isEmpty(), "row " + k + ": " + csv.get(k + 1));
            assertEquals(!cells[4].isEmpty(), !cells[5].isEmpty());
        }
        assertTrue(csv.get(1).startsWith("0,0.0,"), csv.get(1));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("linear", summary.get("settings").get("mode").asText());
        assertEquals(4, summary.get("settings").get("val_every").asInt());
    }

    @Test
    void runsOnAModelMadeByTensorflowServing() throws Exception {
        Path model = Fixtures.shared("tf1_half_plus_two");
        Path csv = dir.resolve("line.csv");
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < 100; i++) {
            double x = -1 + 2.0 * i / 99;
            text.append(x).append(',').append(3 * x - 1).append('\n');
        }
        Files.writeString(csv, text);
        byte[][] before = modelFiles(model);
        Path out = dir.resolve("hpt");
        CliRun run = CliRun.of("range-test", model.toString(), "--data", csv.toString(), "--label", "y", "--start-lr", "1e-4",
                "--optimizer", "momentum", "--batch-size", "16", "--out-dir", out.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.err().contains("range test: 100 steps of 16 rows, momentum, lr exp 0.000100 -> 10.0"), run.err());
        assertTrue(run.out().contains("* valley"), run.out());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(model.toString(), summary.get("model").asText());
        assertEquals("momentum", summary.get("settings").get("optimizer").asText());
        assertArrayEquals(before, modelFiles(model), "the model on disk is untouched");
    }

    @Test
    void badSweepsAreRefusedBeforeAnythingIsWritten() {
        Path out = dir.resolve("never");
        assertUsage("lrlab: expected --start-lr below --end-lr, found --start-lr 1.0 >= --end-lr 0.1; swap them\n",
                "--start-lr", "1", "--end-lr", "0.1", "--out-dir", out.toString());
        assertUsage("lrlab: exp mode needs positive rates, found --start-lr 0.0; give a positive --start-lr or use --mode "
                + "linear\n", "--start-lr", "0", "--out-dir", out.toString());
        assertUsage("lrlab: exp mode needs positive rates, found --start-lr -1.0E-4; give a positive --start-lr or use "
                + "--mode linear\n", "--start-lr=-1e-4", "--end-lr", "1", "--out-dir", out.toString());
        assertUsage("lrlab: expected at least 10 --steps for a range test, found 9; 100 is usual\n", "--steps", "9",
                "--out-dir", out.toString());
        assertUsage("lrlab: --mode expects exp or linear, found 'log'\n", "--mode", "log");
        assertUsage("lrlab: --val-every K needs --val-loss\n", "--val-every", "3");
        assertUsage("lrlab: --start-lr expects a number, found 'tiny'\n", "--start-lr", "tiny");
        assertUsage("lrlab: MODEL_DIR is required with --data; give both, or neither for the bundled demo\n", "--data", "x.csv");
        assertFalse(Files.exists(out));
    }

    @Test
    void hypergradientOptimizersAreRefusedWithTheFix() {
        Path out = dir.resolve("never-hd");
        assertUsage("lrlab: range-test sets the learning rate of every step, but --optimizer sgd-hd adapts the rate itself, "
                + "so the rates reported would not be the ones applied; use --optimizer sgd, or the hypergradient command "
                + "to run sgd-hd\n", "--optimizer", "sgd-hd", "--out-dir", out.toString());
        assertUsage("lrlab: range-test sets the learning rate of every step, but --optimizer sgdn-hd adapts the rate "
                + "itself, so the rates reported would not be the ones applied; use --optimizer nesterov, or the "
                + "hypergradient command to run sgdn-hd\n", "models/digits-mlp", "--data", "data-samples/digits.csv",
                "--label", "label", "--optimizer", "sgdn-hd", "--out-dir", out.toString());
        assertUsage("lrlab: range-test sets the learning rate of every step, but --optimizer adam-hd adapts the rate "
                + "itself, so the rates reported would not be the ones applied; use --optimizer adam, or the "
                + "hypergradient command to run adam-hd\n", "--optimizer", "adam-hd", "--out-dir", out.toString());
        assertUsage("lrlab: --beta sets a hypergradient optimizer, which range-test does not take; drop it, or use the"
                + " hypergradient command\n", "--beta", "0.01", "--out-dir", out.toString());
        assertUsage("lrlab: --max-lr sets a hypergradient optimizer, which range-test does not take; drop it, or use the"
                + " hypergradient command\n", "--max-lr", "1", "--out-dir", out.toString());
        assertFalse(Files.exists(out), "refused before anything is written");
        CliRun help = CliRun.of("range-test", "--help");
        assertEquals(ExitCode.OK, help.code(), help.err());
        assertTrue(help.out().contains("--optimizer <NAME>          sgd, momentum, nesterov or adam (default sgd); sgd-hd,"),
                help.out());
    }

    private static void assertUsage(String err, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "range-test";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun run = CliRun.of(all);
        assertEquals(ExitCode.USAGE, run.code(), run.err());
        assertEquals(2, run.code().code());
        assertEquals(err, run.err());
    }

    @Test
    void aFolderThatHoldsFilesIsKeptUnlessForced() throws Exception {
        Path out = Files.createDirectories(dir.resolve("used"));
        Files.writeString(out.resolve("range-test.csv"), "old");
        CliRun run = CliRun.of("range-test", "--out-dir", out.toString(), "--quiet", "--steps", "10");
        assertEquals(ExitCode.OUTPUT, run.code());
        assertEquals("lrlab: " + out + " exists; pass --force to overwrite or choose another --out-dir\n", run.err());
        assertEquals("old", Files.readString(out.resolve("range-test.csv")));
        CliRun forced = CliRun.of("range-test", "--out-dir", out.toString(), "--quiet", "--steps", "10", "--force");
        assertEquals(ExitCode.OK, forced.code(), forced.err());
        assertTrue(forced.out().contains("no suggestions: only 4 points after skipping the first 1 and last 5; a sweep of "
                + "10 steps is too short; run at least 16 --steps (100 is usual)\n"), forced.out());
    }

    /**
     * A stop asked for mid-run (as SIGINT's handler does) while rows are being written: the rows so far stay, the
     * summary says interrupted, the exit code is 130.
     */
    @Test
    void aStopMidRunKeepsTheRowsWritesTheSummaryAndExitsWith130() throws Exception {
        Path out = dir.resolve("stopped");
        Path csv = out.resolve("range-test.csv");
        StopSignal stop = new StopSignal();
        Thread watcher = StagedOutputs.stopWhenStagedLines(dir, "stopped", "range-test.csv", 20, stop);
        CliRun run;
        try {
            run = CliRun.of(stop, "range-test", "--steps", "10000", "--no-stop", "--val-loss", "--val-every", "1",
                    "--out-dir", out.toString());
        } finally {
            watcher.interrupt();
            watcher.join();
        }
        assertEquals(ExitCode.INTERRUPTED, run.code(), run.err());
        assertEquals(130, run.code().code());
        List<String> rows = Files.readAllLines(csv);
        int kept = rows.size() - 1;
        assertTrue(kept >= 20 && kept < 10000, "rows kept: " + kept);
        assertTrue(run.err().endsWith("lrlab: interrupted by SIGINT before step " + kept + " of 10000; the " + kept
                + " points so far are kept; the model is unchanged; partial results in " + out + "\n"), run.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.get("interrupted").asBoolean());
        assertEquals("interrupted", summary.get("stop").asText());
        assertEquals(kept, summary.get("steps_run").asInt());
        assertTrue(Files.exists(out.resolve("range-test.png")));
        assertTrue(run.out().contains("steps: " + kept + " (interrupted by SIGINT"), run.out());
    }

    @Test
    void aStopBeforeTheFirstStepStillWritesAnEmptyCurveAndTheSummary() throws Exception {
        Path out = dir.resolve("early");
        StopSignal stop = new StopSignal();
        stop.stop("SIGTERM");
        CliRun run = CliRun.of(stop, "range-test", "--out-dir", out.toString(), "--quiet");
        assertEquals(ExitCode.INTERRUPTED, run.code());
        assertEquals(List.of("step,lr,loss,smoothed_loss"), Files.readAllLines(out.resolve("range-test.csv")));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(0, summary.get("steps_run").asInt());
        assertTrue(summary.get("interrupted").asBoolean());
        assertTrue(run.out().contains("no suggestions: only 0 points"), run.out());
    }

    @Test
    void rangeTestIsTheFirstCommandListed() {
        CliRun run = CliRun.of("--help");
        assertEquals(ExitCode.OK, run.code());
        List<String> commands = new ArrayList<>();
        for (String line : run.out().split("\n")) {
            if (line.startsWith("  ")) {
                commands.add(line.trim().split(" ")[0]);
            }
        }
        assertEquals(List.of("range-test", "suggest", "inspect", "fit", "train", "hypergradient", "schedule", "search",
                "devices"),
                commands);
    }

    private static byte[][] modelFiles(Path model) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(model)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        byte[][] bytes = new byte[files.size()][];
        for (int i = 0; i < files.size(); i++) {
            bytes[i] = Files.readAllBytes(files.get(i));
        }
        return bytes;
    }
}
