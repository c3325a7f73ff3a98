package dev.lrlab.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class TensorFlowDevicesTest {

    /** A CPU session has exactly the one CPU device, in either build and on any machine. */
    @Test
    void aCpuSessionListsOneCpu() {
        List<TensorFlowDevices.Device> devices = TensorFlowDevices.list(DevicePlacement.configFor(ComputeDevice.CPU));
        assertEquals(1, devices.size());
        assertEquals("CPU", devices.get(0).type());
        assertEquals("/job:localhost/replica:0/task:0/device:CPU:0", devices.get(0).name());
        assertFalse(devices.get(0).isGpu());
    }

    @Test
    void theTestClassPathHoldsTheCpuBuild() {
        assumeFalse(Boolean.getBoolean("lrlab.gpuBuild"), "running the GPU build's tests");
        assertFalse(TensorFlowDevices.isGpuBuild());
    }
}
