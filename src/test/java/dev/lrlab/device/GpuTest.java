package dev.lrlab.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import dev.lrlab.data.DataSpec;
import dev.lrlab.rangetest.RangeTest;
import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.rangetest.RangeTestResult;
import dev.lrlab.run.PreparedRun;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopSignal;
import dev.lrlab.search.CoarseToFineSearch;
import dev.lrlab.search.SearchConfig;
import dev.lrlab.search.SearchListener;
import dev.lrlab.search.SearchResult;
import dev.lrlab.search.TrialResult;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs on a GPU: left out of {@code mvn test} (tag {@code gpu}), run by {@code scripts/gpu-check} with the GPU build.
 * Skipped, with the reason {@link DeviceCheck} gives, where no GPU is usable. The bundled digits MLP, untrained.
 */
@Tag("gpu")
class GpuTest {
    private static final ComputeDevice GPU = ComputeDevice.gpu(0);

    private static Optional<String> noGpu;

    @BeforeAll
    static void checkForAGpu() {
        try {
            DeviceCheck.resolve(GPU);
            noGpu = Optional.empty();
        } catch (LrlabException e) {
            noGpu = Optional.of("no usable GPU: " + e.getMessage());
        }
    }

    /** Skips each test, with the reason, where no GPU is usable (a skipped class alone would show no reason). */
    @BeforeEach
    void requireAGpu() {
        noGpu.ifPresent(Assumptions::abort);
    }

    private static RunSpec digits(ComputeDevice device) {
        return RunSpec.builder().setModel(Path.of("models/digits-mlp"))
                .setData(DataSpec.csv(Path.of("data-samples/digits.csv"), "label"))
                .optDevice(device).build();
    }

    @Test
    void tensorFlowSeesOneGpuWithItsMemory() {
        List<TensorFlowDevices.Device> devices = TensorFlowDevices.list(DevicePlacement.configFor(GPU));
        List<TensorFlowDevices.Device> gpus = devices.stream().filter(TensorFlowDevices.Device::isGpu).toList();
        assertEquals(1, gpus.size(), devices.toString());
        assertEquals("/job:localhost/replica:0/task:0/device:GPU:0", gpus.get(0).name());
        assertTrue(gpus.get(0).memoryBytes() > 1L << 30, gpus.get(0).toString());
    }

    @Test
    void autoChoosesTheGpu() {
        assertEquals(GPU, DeviceCheck.resolve(ComputeDevice.AUTO));
    }

    /**
     * The same range test on the GPU and the CPU: the same rates, losses within 2% (the GPU sums in another order,
     * and Ampere and later GPUs multiply float32 matrices in TF32 by default).
     */
    @Test
    void aRangeTestOnTheGpuFollowsTheCpusCurve() {
        RangeTestConfig config = RangeTestConfig.builder().optStartLr(1e-4).optEndLr(0.05).optSteps(60)
                .optStopOnDivergence(false).build();
        RangeTestResult onGpu;
        RangeTestResult onCpu;
        try (PreparedRun run = PreparedRun.open(digits(GPU))) {
            onGpu = RangeTest.run(run, config);
        }
        try (PreparedRun run = PreparedRun.open(digits(ComputeDevice.CPU))) {
            onCpu = RangeTest.run(run, config);
        }
        assertEquals(60, onGpu.stepsRun());
        assertArrayEquals(onCpu.lr(), onGpu.lr());
        for (int i = 0; i < 60; i++) {
            assertEquals(onCpu.loss()[i], onGpu.loss()[i], 0.02 * Math.abs(onCpu.loss()[i]), "step " + i);
        }
        assertTrue(onGpu.loss()[59] < onGpu.loss()[0], "the loss falls on the GPU too");
    }

    /** Parallel trials share the GPU; each trial's curve is the sequential run's (TF_DETERMINISTIC_OPS=1). */
    @Test
    void aParallelSearchOnTheGpuGivesTheSequentialTrials() {
        SearchConfig sequential = SearchConfig.builder().optStepsPerTrial(40).optDataFraction(0.2).build();
        SearchConfig parallel = SearchConfig.builder().optStepsPerTrial(40).optDataFraction(0.2).optParallel(3).build();
        SearchListener quiet = new SearchListener() {
        };
        SearchResult one = CoarseToFineSearch.run(digits(GPU), sequential, quiet, new StopSignal());
        SearchResult three = CoarseToFineSearch.run(digits(GPU), parallel, quiet, new StopSignal());
        List<TrialResult> a = one.trials().stream().sorted(Comparator.comparingDouble(TrialResult::lr)).toList();
        List<TrialResult> b = three.trials().stream().sorted(Comparator.comparingDouble(TrialResult::lr)).toList();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).lr(), b.get(i).lr());
            assertArrayEquals(a.get(i).losses(), b.get(i).losses(), "trial at lr " + a.get(i).lr());
        }
    }
}
