package dev.lrlab.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrlab.LrlabException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

class DeviceCheckTest {
    private static final TensorFlowDevices.Device CPU0 =
            new TensorFlowDevices.Device("/job:localhost/replica:0/task:0/device:CPU:0", "CPU", 268435456);
    private static final TensorFlowDevices.Device GPU0 =
            new TensorFlowDevices.Device("/job:localhost/replica:0/task:0/device:GPU:0", "GPU", 140_000_000_000L);
    private static final NvidiaGpus.Gpu H200 = new NvidiaGpus.Gpu(0, "NVIDIA H200", 143771, "9.0", "550.54.15");

    /** A machine described by its answers; records the session settings it was asked about. */
    private static class FakeMachine implements DeviceCheck.Probe {
        final boolean gpuBuild;
        final List<TensorFlowDevices.Device> devices;
        final Optional<List<NvidiaGpus.Gpu>> gpus;
        final List<String> missing;
        final List<ConfigProto> asked = new ArrayList<>();

        FakeMachine(boolean gpuBuild, List<TensorFlowDevices.Device> devices, Optional<List<NvidiaGpus.Gpu>> gpus,
                List<String> missing) {
            this.gpuBuild = gpuBuild;
            this.devices = devices;
            this.gpus = gpus;
            this.missing = missing;
        }

        @Override
        public boolean gpuBuild() {
            return gpuBuild;
        }

        @Override
        public List<TensorFlowDevices.Device> devices(ConfigProto config) {
            asked.add(config);
            return devices;
        }

        @Override
        public Optional<List<NvidiaGpus.Gpu>> driverGpus() {
            return gpus;
        }

        @Override
        public List<CudaLibraries.Located> libraries() {
            return CudaLibraries.TENSORFLOW_2_18.stream().map(l -> new CudaLibraries.Located(l,
                    missing.contains(l.soname()) ? null : Path.of("/lib", l.soname()))).toList();
        }
    }

    private static final FakeMachine CPU_BUILD = new FakeMachine(false, List.of(CPU0), Optional.empty(),
            List.of("libcuda.so.1"));

    @Test
    void cpuIsAlwaysUsable() {
        assertEquals(ComputeDevice.CPU, DeviceCheck.resolve(ComputeDevice.CPU, CPU_BUILD));
    }

    @Test
    void autoIsTheCpuInTheCpuBuildWithoutAskingTensorFlow() {
        FakeMachine machine = new FakeMachine(false, List.of(CPU0), Optional.empty(), List.of());
        assertEquals(ComputeDevice.CPU, DeviceCheck.resolve(ComputeDevice.AUTO, machine));
        assertEquals(List.of(), machine.asked);
    }

    @Test
    void autoIsTheFirstGpuWhenTensorFlowSeesOne() {
        FakeMachine machine = new FakeMachine(true, List.of(CPU0, GPU0), Optional.of(List.of(H200)), List.of());
        assertEquals(ComputeDevice.gpu(0), DeviceCheck.resolve(ComputeDevice.AUTO, machine));
        assertEquals("0", machine.asked.get(0).getGpuOptions().getVisibleDeviceList());
    }

    @Test
    void autoFallsBackToTheCpuWhenTensorFlowSeesNoGpu() {
        FakeMachine machine = new FakeMachine(true, List.of(CPU0), Optional.empty(), List.of("libcuda.so.1"));
        assertEquals(ComputeDevice.CPU, DeviceCheck.resolve(ComputeDevice.AUTO, machine));
    }

    @Test
    void aGpuTensorFlowSeesIsUsed() {
        FakeMachine machine = new FakeMachine(true, List.of(CPU0, GPU0), Optional.of(List.of(H200, H200)), List.of());
        assertEquals(ComputeDevice.gpu(1), DeviceCheck.resolve(ComputeDevice.gpu(1), machine));
        assertEquals("1", machine.asked.get(0).getGpuOptions().getVisibleDeviceList());
    }

    @Test
    void aGpuInTheCpuBuildNamesTheGpuBuild() {
        assertEquals("`device` gpu:0: this is lrlab's CPU build (TensorFlow's CPU library); run it with LRLAB_GPU=1 for "
                + "the CUDA build (README, section GPU), or use `device` cpu", failure(ComputeDevice.gpu(0), CPU_BUILD));
    }

    @Test
    void aGpuWithoutADriverNamesTheDriver() {
        FakeMachine machine = new FakeMachine(true, List.of(CPU0), Optional.empty(), List.of("libcuda.so.1"));
        assertEquals("`device` gpu:0: no NVIDIA driver on this machine (no nvidia-smi, no libcuda.so.1); install the "
                + "NVIDIA driver (525 or newer), or use `device` cpu", failure(ComputeDevice.gpu(0), machine));
    }

    @Test
    void aGpuNumberBeyondTheMachinesNamesTheGpusThereAre() {
        FakeMachine machine = new FakeMachine(true, List.of(CPU0), Optional.of(List.of(H200)), List.of());
        assertEquals("`device` gpu:2: the NVIDIA driver reports 1 GPU (gpu:0); choose one of them, or use `device` cpu",
                failure(ComputeDevice.gpu(2), machine));
        FakeMachine none = new FakeMachine(true, List.of(CPU0), Optional.of(List.of()), List.of());
        assertEquals("`device` gpu:0: the NVIDIA driver reports 0 GPUs; choose one of them, or use `device` cpu",
                failure(ComputeDevice.gpu(0), none));
    }

    @Test
    void missingCudaLibrariesAreNamed() {
        FakeMachine machine = new FakeMachine(true, List.of(CPU0), Optional.of(List.of(H200)),
                List.of("libcudnn.so.9", "libcufft.so.11", "libnccl.so.2"));
        assertEquals("`device` gpu:0: TensorFlow cannot use the GPU without libcufft.so.11, libcudnn.so.9 (CUDA 12 and "
                + "cuDNN 9 libraries, not found on LD_LIBRARY_PATH nor in the linker's cache); scripts/lrlab with "
                + "LRLAB_GPU=1 unpacks them into target/cuda, or install them; or use `device` cpu",
                failure(ComputeDevice.gpu(0), machine));
    }

    @Test
    void tensorFlowsOwnRefusalIsPassedOn() {
        DeviceCheck.Probe refusing = new FakeMachine(true, List.of(), Optional.of(List.of(H200)), List.of()) {
            @Override
            public List<TensorFlowDevices.Device> devices(ConfigProto config) {
                throw LrlabException.model("TensorFlow could not make a session to list its devices: CUDA_ERROR_OUT_OF_MEMORY");
            }
        };
        assertEquals("`device` gpu:0: the driver and the CUDA libraries are there, but TensorFlow could not make a session "
                + "to list its devices: CUDA_ERROR_OUT_OF_MEMORY; TensorFlow's log says why (TF_CPP_MIN_LOG_LEVEL=0), or "
                + "use `device` cpu", failure(ComputeDevice.gpu(0), refusing));
    }

    private static String failure(ComputeDevice device, DeviceCheck.Probe machine) {
        LrlabException e = assertThrows(LrlabException.class, () -> DeviceCheck.resolve(device, machine));
        assertEquals(LrlabException.Kind.MODEL, e.kind());
        assertEquals(List.of("device"), e.settings());
        return e.getMessage();
    }
}
