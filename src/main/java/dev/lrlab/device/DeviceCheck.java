package dev.lrlab.device;

import dev.lrlab.LrlabException;
import java.util.List;
import java.util.Optional;
import org.tensorflow.proto.ConfigProto;

/**
 * Turns the device a run asks for into the device it runs on, before any model is loaded: {@code auto} becomes the
 * first GPU when TensorFlow can use one, else the CPU; a GPU asked for by name must be usable, else the run stops
 * with one line naming what is missing (the GPU build, the NVIDIA driver, the GPU number, or the CUDA libraries),
 * never falling back to the CPU silently.
 */
public final class DeviceCheck {

    /** What the check asks of the machine; the tests give their own answers. */
    interface Probe {
        /** @return whether TensorFlow's CUDA build is on the class path */
        boolean gpuBuild();

        /** @return the devices a session with {@code config} has; throws LrlabException when it cannot be made */
        List<TensorFlowDevices.Device> devices(ConfigProto config);

        /** @return the GPUs the driver reports, empty without a driver */
        Optional<List<NvidiaGpus.Gpu>> driverGpus();

        /** @return the CUDA libraries and where they are */
        List<CudaLibraries.Located> libraries();
    }

    /** The machine this process runs on. */
    static final Probe MACHINE = new Probe() {
        @Override
        public boolean gpuBuild() {
            return TensorFlowDevices.isGpuBuild();
        }

        @Override
        public List<TensorFlowDevices.Device> devices(ConfigProto config) {
            return TensorFlowDevices.list(config);
        }

        @Override
        public Optional<List<NvidiaGpus.Gpu>> driverGpus() {
            return NvidiaGpus.query();
        }

        @Override
        public List<CudaLibraries.Located> libraries() {
            return CudaLibraries.locate();
        }
    };

    private DeviceCheck() {
    }

    /**
     * @param requested the device asked for
     * @return {@link ComputeDevice#CPU} or a usable GPU
     * @throws LrlabException (MODEL) when a GPU is asked for by name and TensorFlow cannot use it, naming why
     */
    public static ComputeDevice resolve(ComputeDevice requested) {
        return resolve(requested, MACHINE);
    }

    static ComputeDevice resolve(ComputeDevice requested, Probe probe) {
        switch (requested.kind()) {
            case CPU:
                return ComputeDevice.CPU;
            case AUTO:
                if (!probe.gpuBuild()) {
                    return ComputeDevice.CPU;
                }
                try {
                    ComputeDevice first = ComputeDevice.gpu(0);
                    return hasGpu(probe.devices(DevicePlacement.configFor(first))) ? first : ComputeDevice.CPU;
                } catch (LrlabException e) {
                    return ComputeDevice.CPU;
                }
            default:
                return requireGpu(requested, probe);
        }
    }

    private static ComputeDevice requireGpu(ComputeDevice gpu, Probe probe) {
        String asked = "`device` " + gpu + ": ";
        if (!probe.gpuBuild()) {
            throw LrlabException.model(asked + "this is lrlab's CPU build (TensorFlow's CPU library); run it with "
                    + "LRLAB_GPU=1 for the CUDA build (README, section GPU), or use `device` cpu");
        }
        String tensorflowSays;
        try {
            if (hasGpu(probe.devices(DevicePlacement.configFor(gpu)))) {
                return gpu;
            }
            tensorflowSays = "TensorFlow lists no GPU";
        } catch (LrlabException e) {
            tensorflowSays = e.getMessage();
        }
        Optional<List<NvidiaGpus.Gpu>> gpus = probe.driverGpus();
        List<CudaLibraries.Located> libraries = probe.libraries();
        boolean driverLibrary = libraries.stream().anyMatch(l -> l.library().equals(CudaLibraries.DRIVER) && l.found());
        if (gpus.isEmpty() && !driverLibrary) {
            throw LrlabException.model(asked + "no NVIDIA driver on this machine (no nvidia-smi, no "
                    + CudaLibraries.DRIVER.soname() + "); install the NVIDIA driver (525 or newer), or use `device` cpu");
        }
        if (gpus.isPresent() && gpu.index() >= gpus.get().size()) {
            int count = gpus.get().size();
            throw LrlabException.model(asked + "the NVIDIA driver reports " + count + " GPU" + (count == 1 ? "" : "s")
                    + (count == 0 ? "" : count == 1 ? " (gpu:0)" : " (gpu:0 to gpu:" + (count - 1) + ")")
                    + "; choose one of them, or use `device` cpu");
        }
        List<String> missing = CudaLibraries.missingRequired(libraries);
        if (!missing.isEmpty()) {
            throw LrlabException.model(asked + "TensorFlow cannot use the GPU without " + String.join(", ", missing)
                    + " (CUDA 12 and cuDNN 9 libraries, not found on LD_LIBRARY_PATH nor in the linker's cache); "
                    + "scripts/lrlab with LRLAB_GPU=1 unpacks them into target/cuda, or install them; or use `device` cpu");
        }
        throw LrlabException.model(asked + "the driver and the CUDA libraries are there, but " + tensorflowSays
                + "; TensorFlow's log says why (TF_CPP_MIN_LOG_LEVEL=0), or use `device` cpu");
    }

    private static boolean hasGpu(List<TensorFlowDevices.Device> devices) {
        return devices.stream().anyMatch(TensorFlowDevices.Device::isGpu);
    }
}
