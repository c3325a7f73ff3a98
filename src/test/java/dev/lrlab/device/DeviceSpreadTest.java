package dev.lrlab.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

class DeviceSpreadTest {

    @Test
    void trialKRunsInSlotKModS() {
        assertEquals(List.of(0, 1, 2, 0, 1, 2, 0), IntStream.range(0, 7).map(k -> DeviceSpread.slotOf(k, 3)).boxed().toList());
        assertEquals(0, DeviceSpread.slotOf(5, 1));
        assertEquals(1, DeviceSpread.slotOf(3_000_000_001L, 2));
        assertThrows(IllegalArgumentException.class, () -> DeviceSpread.slotOf(0, 0));
        assertThrows(IllegalArgumentException.class, () -> DeviceSpread.slotOf(-1, 2));
    }

    @Test
    void theCopiesOfTheSlotsAddUpToParallelAndDifferByOneAtMost() {
        assertEquals(List.of(3, 2, 2), IntStream.range(0, 3).map(s -> DeviceSpread.copiesIn(s, 3, 7)).boxed().toList());
        assertEquals(List.of(2, 2), IntStream.range(0, 2).map(s -> DeviceSpread.copiesIn(s, 2, 4)).boxed().toList());
        assertEquals(7, DeviceSpread.gpus(3, 7, Optional.empty()).parallel());
    }

    @Test
    void eachGpuWorkerSeesItsGpuAloneAndPlacesTheGraphOnItsOnlyGpu() {
        DeviceSpread spread = DeviceSpread.gpus(4, 6, Optional.empty());
        assertEquals(4, spread.slots().size());
        for (DeviceSpread.Slot slot : spread.slots()) {
            int k = slot.index();
            assertEquals(ComputeDevice.gpu(k), slot.device());
            assertEquals(ComputeDevice.gpu(0), slot.inWorker());
            assertEquals(Map.of("CUDA_VISIBLE_DEVICES", Integer.toString(k)), slot.environment());
            ConfigProto config = slot.config();
            assertEquals("0", config.getGpuOptions().getVisibleDeviceList());
            assertEquals(Map.of("GPU", 1), config.getDeviceCountMap());
            assertTrue(config.getGpuOptions().getAllowGrowth());
        }
        assertEquals(List.of(2, 2, 1, 1), spread.slots().stream().map(DeviceSpread.Slot::copies).toList());
        assertEquals(ComputeDevice.gpu(1), spread.slotFor(5).device());
        assertEquals(ComputeDevice.gpu(0), spread.slotFor(8).device());
    }

    @Test
    void noMoreWorkersThanTrialsAtOnce() {
        DeviceSpread spread = DeviceSpread.gpus(8, 3, Optional.empty());
        assertEquals(List.of(ComputeDevice.gpu(0), ComputeDevice.gpu(1), ComputeDevice.gpu(2)),
                spread.slots().stream().map(DeviceSpread.Slot::device).toList());
        assertEquals(List.of(1, 1, 1), spread.slots().stream().map(DeviceSpread.Slot::copies).toList());
    }

    @Test
    void anInheritedCudaVisibleDevicesListGivesEachWorkerItsEntry() {
        DeviceSpread spread = DeviceSpread.gpus(2, 2, Optional.of(" 3, GPU-8932f937 "));
        assertEquals(Map.of("CUDA_VISIBLE_DEVICES", "3"), spread.slots().get(0).environment());
        assertEquals(Map.of("CUDA_VISIBLE_DEVICES", "GPU-8932f937"), spread.slots().get(1).environment());
        assertEquals(ComputeDevice.gpu(1), spread.slots().get(1).device(), "numbered as this process sees them");
        assertEquals(Map.of("CUDA_VISIBLE_DEVICES", "1"),
                DeviceSpread.gpus(2, 2, Optional.of("")).slots().get(1).environment());
    }

    @Test
    void cpuWorkersMakeNoGpuDevice() {
        DeviceSpread spread = DeviceSpread.cpus(2, 3);
        assertEquals(List.of(2, 1), spread.slots().stream().map(DeviceSpread.Slot::copies).toList());
        for (DeviceSpread.Slot slot : spread.slots()) {
            assertEquals(ComputeDevice.CPU, slot.inWorker());
            assertEquals(Map.of(), slot.environment());
            assertEquals(Map.of("GPU", 0), slot.config().getDeviceCountMap());
        }
        assertThrows(IllegalArgumentException.class, () -> DeviceSpread.cpus(3, 2));
    }

    @Test
    void describesTheDevicesAndTheRule() {
        assertEquals("gpu:0, gpu:1, one process each; trial k on the (k mod 2)-th, k counted from 0 in the order of "
                + "trials.csv", DeviceSpread.gpus(2, 4, Optional.empty()).describe());
    }

    @Test
    void countingTheGpusShowsThemAllWithTheNumberingOfSingleGpuSessions() {
        ConfigProto config = DeviceSpread.allGpusConfig();
        assertEquals("", config.getGpuOptions().getVisibleDeviceList());
        assertFalse(config.getDeviceCountMap().containsKey("GPU"));
        assertTrue(config.getGpuOptions().getAllowGrowth());
        if (!TensorFlowDevices.isGpuBuild()) {
            assertEquals(0, DeviceSpread.visibleGpus());
        }
    }
}
