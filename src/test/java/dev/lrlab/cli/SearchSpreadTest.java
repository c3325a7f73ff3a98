package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.device.ComputeDevice;
import dev.lrlab.device.DeviceSpread;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopSignal;
import dev.lrlab.search.SearchConfig;
import dev.lrlab.search.SearchReport;
import dev.lrlab.search.SearchResult;
import dev.lrlab.train.OptimizerKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trials spread over worker processes: which searches spread, and a search on two worker JVMs on the CPU (the
 * mechanism a machine with several GPUs uses, one worker per GPU) against the same search in one JVM.
 */
class SearchSpreadTest {
    @TempDir
    Path dir;

    private static Optional<DeviceSpread> spread(String asked, ComputeDevice device, int parallel, int gpus,
            AtomicInteger asks) {
        return SearchCommand.spread(asked, device, parallel, () -> {
            asks.incrementAndGet();
            return gpus;
        }, Optional.empty());
    }

    @Test
    void gpuAndAutoSpreadOverEveryGpuWhileGpuNPinsEveryTrialToIt() {
        AtomicInteger asks = new AtomicInteger();
        DeviceSpread gpu = spread("gpu", ComputeDevice.gpu(0), 4, 2, asks).orElseThrow();
        assertEquals(List.of(ComputeDevice.gpu(0), ComputeDevice.gpu(1)),
                gpu.slots().stream().map(DeviceSpread.Slot::device).toList());
        assertEquals(4, gpu.parallel());
        DeviceSpread auto = spread(" AUTO ", ComputeDevice.gpu(0), 2, 4, asks).orElseThrow();
        assertEquals(2, auto.slots().size(), "as many GPUs as trials at once");
        assertEquals(2, asks.get());

        assertEquals(Optional.empty(), spread("gpu:0", ComputeDevice.gpu(0), 4, 2, asks));
        assertEquals(Optional.empty(), spread("gpu:1", ComputeDevice.gpu(1), 4, 2, asks));
        assertEquals(Optional.empty(), spread("cpu", ComputeDevice.CPU, 4, 2, asks));
        assertEquals(Optional.empty(), spread("auto", ComputeDevice.CPU, 4, 2, asks), "auto without a usable GPU");
        assertEquals(Optional.empty(), spread("gpu", ComputeDevice.gpu(0), 1, 2, asks), "one trial at a time");
        assertEquals(2, asks.get(), "the GPUs are not counted (every GPU opened) when nothing would spread");
        assertEquals(Optional.empty(), spread("gpu", ComputeDevice.gpu(0), 4, 1, asks), "a single GPU");
    }

    @Test
    void trialsOnTwoWorkerProcessesEqualTheSearchInOneJvmBitForBit() throws Exception {
        Path sequential = dir.resolve("sequential");
        String[] args = SearchCommandTest.search(sequential, "--third-stage");
        CliRun one = CliRun.of(args);
        assertEquals(ExitCode.OK, one.code(), one.err());

        Path spreadDir = dir.resolve("spread");
        Files.createDirectories(spreadDir.resolve(SearchReport.TRIALS_DIR));
        String[] spreadArgs = SearchCommandTest.search(spreadDir, "--third-stage", "--parallel", "3");
        CommandLine line = new DefaultParser().parse(new SearchCommand().options(),
                Arrays.copyOfRange(spreadArgs, 1, spreadArgs.length), false);
        RunSpec spec = RunOptions.spec(line, OptimizerKind.SGD);
        SearchConfig config = SearchCommand.config(line).toBuilder().optMomentum(spec.compile().momentum().value())
                .build();
        StringWriter log = new StringWriter();
        CliContext context = CliContext.builder().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(log))
                .setStop(new StopSignal()).build();
        DeviceSpread spread = DeviceSpread.cpus(2, 3); // 2 trials at once in the first worker, 1 in the second
        SearchResult result = SearchCommand.spreadSearch(SearchRecipe.of(line), spec, config, spread,
                new SearchCommand.Progress(spreadDir, context), context);
        SearchReport.writeTrials(spreadDir.resolve(SearchReport.TRIALS_FILE), result.trials(), true);

        assertTrue(log.toString().contains("search: trials on cpu, cpu, one process each; trial k on the (k mod 2)-th"),
                log.toString());
        List<CSVRecord> expected = SearchCommandTest.trials(sequential);
        List<CSVRecord> actual = SearchCommandTest.trials(spreadDir);
        assertEquals(20, expected.size(), "8 coarse + 6 fine + 6 third-stage trials");
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            for (String column : SearchReport.TRIAL_COLUMNS) {
                if (!column.equals("seconds")) {
                    assertEquals(expected.get(i).get(column), actual.get(i).get(column), column + " of trial " + i);
                }
            }
        }
        assertFalse(expected.stream().allMatch(r -> r.get("diverged").equals("true")));
        try (Stream<Path> curves = Files.list(sequential.resolve(SearchReport.TRIALS_DIR))) {
            List<Path> files = curves.toList();
            assertEquals(expected.size(), files.size());
            for (Path file : files) {
                assertEquals(Files.readString(file), Files.readString(spreadDir.resolve(SearchReport.TRIALS_DIR)
                        .resolve(file.getFileName())), file.getFileName().toString());
            }
        }
    }
}
