package dev.lrlab.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

class DevicePlacementTest {

    @Test
    void cpuMakesNoGpuDevice() {
        ConfigProto config = DevicePlacement.configFor(ComputeDevice.CPU);
        assertEquals(Map.of("GPU", 0), config.getDeviceCountMap());
        assertFalse(config.hasGpuOptions());
    }

    @Test
    void gpuShowsOnlyThatGpuAndGrowsItsMemory() {
        ConfigProto config = DevicePlacement.configFor(ComputeDevice.gpu(2));
        assertEquals(Map.of("GPU", 1), config.getDeviceCountMap());
        assertEquals("2", config.getGpuOptions().getVisibleDeviceList());
        assertTrue(config.getGpuOptions().getAllowGrowth());
        assertEquals(0.0, config.getGpuOptions().getPerProcessGpuMemoryFraction());
        assertTrue(config.getAllowSoftPlacement());
    }

    @Test
    void keepsTheOtherSettingsOfTheBuilder() {
        ConfigProto.Builder builder = ConfigProto.newBuilder().setIntraOpParallelismThreads(3);
        ConfigProto config = DevicePlacement.configure(builder, ComputeDevice.gpu(0)).build();
        assertEquals(3, config.getIntraOpParallelismThreads());
        assertEquals("0", config.getGpuOptions().getVisibleDeviceList());
    }

    @Test
    void autoMustBeResolvedFirst() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DevicePlacement.configFor(ComputeDevice.AUTO));
        assertEquals("resolve `device` auto to cpu or a GPU before placing a graph", e.getMessage());
    }
}
