package dev.lrlab.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import dev.lrlab.data.DataSpec;
import dev.lrlab.device.DeviceSpread;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopSignal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Worker processes on the CPU: the protocol, a worker's error, a stop. */
class WorkerTrialsTest {
    private static final SearchConfig QUICK = SearchConfig.builder().optStepsPerTrial(30).optDataFraction(0.2).build();

    /** The digits search, with the data at a path of the test's choosing. */
    record DigitsRecipe(String data, long steps) implements TrialRecipe {
        @Override
        public RunSpec spec(Path model) {
            return RunSpec.builder().setModel(model).setData(DataSpec.csv(Path.of(data), "label")).build();
        }

        @Override
        public SearchConfig config(RunSpec spec) {
            return QUICK.toBuilder().optStepsPerTrial(steps).build();
        }
    }

    private static final Path MODEL = Path.of("models/digits-mlp");
    private static final String DATA = Path.of("data-samples/digits.csv").toAbsolutePath().toString();

    @Test
    void aTrialTravelsBitForBitWithItsCurvesAndWhyItStopped() throws Exception {
        List<TrialResult> sent = List.of(
                TrialResult.builder().setStage(SearchStage.FINE).setLr(3.1622776601683794e-3).optFinalLoss(0.25)
                        .optBestLoss(0.125).optValLoss(Double.NaN).optDivergence(TrialResult.Divergence.ABOVE_INITIAL)
                        .optSteps(2).optSeconds(0.5).optLosses(new double[] {1.0 / 3, 0.25})
                        .optSmoothedLosses(new double[] {1.0 / 3, 0.2916666666666667}).build(),
                TrialResult.failed(SearchStage.THIRD, 1e-2, 1.5, "executor 1: no such file"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (TrialResult t : sent) {
                WorkerProtocol.writeTrial(out, t);
            }
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        for (TrialResult t : sent) {
            TrialResult back = WorkerProtocol.readTrial(in);
            assertEquals(t.stage(), back.stage());
            assertEquals(Double.doubleToLongBits(t.lr()), Double.doubleToLongBits(back.lr()));
            assertEquals(t.finalLoss(), back.finalLoss());
            assertEquals(t.bestLoss(), back.bestLoss());
            assertEquals(t.valLoss(), back.valLoss());
            assertEquals(t.divergence(), back.divergence());
            assertEquals(t.steps(), back.steps());
            assertEquals(t.seconds(), back.seconds());
            assertArrayEquals(t.losses(), back.losses());
            assertArrayEquals(t.smoothedLosses(), back.smoothedLosses());
            assertEquals(t.failure(), back.failure());
        }
    }

    @Test
    void whatTheJvmPrintsBeforeTheWorkerStartsIsPassedOnNotRead() throws Exception {
        byte[] stream = "[warning][cds] LRLAB mismatch\nLRLABTW1Y".getBytes(StandardCharsets.US_ASCII);
        ByteArrayInputStream in = new ByteArrayInputStream(stream);
        ByteArrayOutputStream skipped = new ByteArrayOutputStream();
        assertTrue(WorkerProtocol.skipToMagic(in, skipped));
        assertEquals("[warning][cds] LRLAB mismatch\n", skipped.toString(StandardCharsets.US_ASCII));
        assertEquals('Y', in.read());
        assertFalse(WorkerProtocol.skipToMagic(new ByteArrayInputStream(new byte[] {'L', 'R'}), skipped));
    }

    @Test
    void aWorkersErrorFailsTheStageWithTheMessageAndKindOfASearchInOneJvm() {
        String missing = Path.of("data-samples/no-such-digits.csv").toAbsolutePath().toString();
        LrlabException local = assertThrows(LrlabException.class,
                () -> TrialExecutor.trial(new DigitsRecipe(missing, 30).spec(MODEL), QUICK, SearchStage.COARSE, 1e-3));
        try (WorkerTrials trials = WorkerTrials.open(new DigitsRecipe(missing, 30), MODEL, DeviceSpread.cpus(1, 1),
                line -> { })) {
            LrlabException e = assertThrows(LrlabException.class, () -> trials.runStage(SearchStage.COARSE,
                    new double[] {1e-3}, t -> { }, new StopSignal()));
            assertEquals(local.kind(), e.kind());
            assertEquals(local.getMessage(), e.getMessage());
            assertThrows(IllegalStateException.class, () -> trials.runStage(SearchStage.FINE, new double[] {1e-2},
                    t -> { }, new StopSignal()));
        }
    }

    @Test
    void aStopAbandonsTheTrialsNotYetFinishedAndTheFinishedOnesAreKeptWhileCtrlCIsLeftToTheSearch() throws Exception {
        StopSignal stop = new StopSignal();
        List<TrialResult> finished = new ArrayList<>();
        try (WorkerTrials trials = WorkerTrials.open(new DigitsRecipe(DATA, 30), MODEL, DeviceSpread.cpus(2, 2),
                line -> { })) {
            List<Optional<TrialResult>> first = trials.runStage(SearchStage.COARSE, new double[] {1e-3, 1e-2, 1e-1},
                    finished::add, stop);
            assertEquals(3, first.stream().filter(Optional::isPresent).count());
            assertEquals(List.of(1e-3, 1e-2, 1e-1), first.stream().map(t -> t.orElseThrow().lr()).toList(),
                    "in the order of the rates");
            assertEquals(3, finished.size());
            for (Optional<TrialResult> t : first) {
                assertEquals(30, t.orElseThrow().steps());
            }
            // Ctrl-C reaches the workers too (one process group): they leave the stop to the search
            List<ProcessHandle> workers = ProcessHandle.current().children().toList();
            assertEquals(2, workers.size());
            for (ProcessHandle worker : workers) {
                assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(worker.pid())).start().waitFor());
            }
            List<Optional<TrialResult>> after = trials.runStage(SearchStage.FINE, new double[] {2e-3, 5e-3},
                    finished::add, stop);
            assertEquals(2, after.stream().filter(Optional::isPresent).count());
            assertTrue(workers.stream().allMatch(ProcessHandle::isAlive));

            stop.stop("a test");
            List<Optional<TrialResult>> second = trials.runStage(SearchStage.THIRD, new double[] {3e-3, 4e-3},
                    finished::add, stop);
            assertEquals(List.of(Optional.empty(), Optional.empty()), second);
            assertEquals(5, finished.size());
        }
    }

    @Test
    void aStopDuringAStageReachesTheWorkerWhichAbandonsItsRunningTrial() {
        StopSignal stop = new StopSignal();
        List<TrialResult> finished = new ArrayList<>();
        try (WorkerTrials trials = WorkerTrials.open(new DigitsRecipe(DATA, 1000), MODEL, DeviceSpread.cpus(1, 1),
                line -> { })) {
            // one trial at a time: the second starts as the first finishes, and stops at its next step
            List<Optional<TrialResult>> results = trials.runStage(SearchStage.COARSE, new double[] {1e-3, 1e-2}, t -> {
                finished.add(t);
                stop.stop("a test");
            }, stop);
            assertEquals(1000, results.get(0).orElseThrow().steps());
            assertEquals(Optional.empty(), results.get(1));
            assertEquals(1, finished.size());
        }
    }
}
