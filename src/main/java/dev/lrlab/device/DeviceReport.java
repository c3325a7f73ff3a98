package dev.lrlab.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * What this machine offers a run: the TensorFlow build, the devices TensorFlow sees (every GPU, memory grown as
 * needed), the GPUs the NVIDIA driver reports, and, for the GPU build, where each CUDA library TensorFlow needs was
 * found. Made by {@link #gather()}.
 */
public final class DeviceReport {
    private final String tensorflowVersion;
    private final boolean gpuBuild;
    private final List<TensorFlowDevices.Device> devices;
    private final Optional<String> devicesError;
    private final Optional<List<NvidiaGpus.Gpu>> driverGpus;
    private final List<CudaLibraries.Located> libraries;

    private DeviceReport(String tensorflowVersion, boolean gpuBuild, List<TensorFlowDevices.Device> devices,
            Optional<String> devicesError, Optional<List<NvidiaGpus.Gpu>> driverGpus,
            List<CudaLibraries.Located> libraries) {
        this.tensorflowVersion = tensorflowVersion;
        this.gpuBuild = gpuBuild;
        this.devices = List.copyOf(devices);
        this.devicesError = devicesError;
        this.driverGpus = driverGpus.map(List::copyOf);
        this.libraries = List.copyOf(libraries);
    }

    /** @return the TensorFlow version, e.g. {@code 2.18.0} */
    public String tensorflowVersion() {
        return tensorflowVersion;
    }

    /** @return whether TensorFlow's CUDA build is on the class path */
    public boolean gpuBuild() {
        return gpuBuild;
    }

    /** @return the devices TensorFlow sees; empty when it could not list them ({@link #devicesError()}) */
    public List<TensorFlowDevices.Device> devices() {
        return devices;
    }

    /** @return why TensorFlow could not list its devices, when it could not */
    public Optional<String> devicesError() {
        return devicesError;
    }

    /** @return the GPUs {@code nvidia-smi} reports; empty without a driver */
    public Optional<List<NvidiaGpus.Gpu>> driverGpus() {
        return driverGpus;
    }

    /** @return the CUDA libraries and where they are (looked up for the GPU build only; empty for the CPU build) */
    public List<CudaLibraries.Located> libraries() {
        return libraries;
    }

    /** @return the report of this machine */
    public static DeviceReport gather() {
        return gather(DeviceCheck.MACHINE);
    }

    static DeviceReport gather(DeviceCheck.Probe probe) {
        boolean gpuBuild = probe.gpuBuild();
        List<TensorFlowDevices.Device> devices = List.of();
        Optional<String> error = Optional.empty();
        try {
            ConfigProto all = ConfigProto.newBuilder().setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true)).build();
            devices = probe.devices(all);
        } catch (RuntimeException e) {
            error = Optional.of(String.valueOf(e.getMessage()));
        }
        return new DeviceReport(TensorFlow.version(), gpuBuild, devices, error, probe.driverGpus(),
                gpuBuild ? probe.libraries() : List.of());
    }

    /** @return the report as lines for a terminal */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("TensorFlow " + tensorflowVersion + ", " + (gpuBuild ? "CUDA build (LRLAB_GPU=1)"
                : "CPU build (LRLAB_GPU=1 selects the CUDA build)"));
        lines.add("devices TensorFlow sees:");
        devicesError.ifPresent(e -> lines.add("  none: " + e));
        for (TensorFlowDevices.Device device : devices) {
            String shortName = device.name().substring(device.name().lastIndexOf("device:") + "device:".length());
            StringBuilder line = new StringBuilder("  " + shortName);
            if (device.isGpu()) {
                int index = Integer.parseInt(shortName.substring(shortName.indexOf(':') + 1));
                line.append(String.format(Locale.ROOT, "  %.1f GiB usable", device.memoryBytes() / 1073741824.0));
                driverGpus.flatMap(gpus -> gpus.stream().filter(g -> g.index() == index).findFirst())
                        .ifPresent(g -> line.append("  ").append(g.name()).append(", ")
                                .append(String.format(Locale.ROOT, "%.1f GiB", g.memoryMiB() / 1024.0))
                                .append(", compute capability ").append(g.computeCapability()));
            }
            lines.add(line.toString());
        }
        if (driverGpus.isEmpty()) {
            lines.add("NVIDIA driver: not found (no nvidia-smi)");
        } else {
            List<NvidiaGpus.Gpu> gpus = driverGpus.get();
            lines.add("NVIDIA driver " + (gpus.isEmpty() ? "" : gpus.get(0).driverVersion() + " ") + "reports "
                    + gpus.size() + " GPU" + (gpus.size() == 1 ? "" : "s")
                    + (gpus.isEmpty() || !gpuBuild || devices.stream().anyMatch(TensorFlowDevices.Device::isGpu)
                            ? "" : ", none usable by TensorFlow"));
            for (NvidiaGpus.Gpu gpu : gpus) {
                lines.add(String.format(Locale.ROOT, "  gpu:%d  %s, %.1f GiB, compute capability %s", gpu.index(),
                        gpu.name(), gpu.memoryMiB() / 1024.0, gpu.computeCapability()));
            }
        }
        if (gpuBuild) {
            List<String> missing = CudaLibraries.missingRequired(libraries);
            lines.add("CUDA libraries TensorFlow opens: " + (missing.isEmpty() ? "all required found"
                    : missing.size() + " required missing"));
            for (CudaLibraries.Located located : libraries) {
                lines.add(String.format(Locale.ROOT, "  %-40s %s", located.library().soname(), located.path()
                        .map(Object::toString).orElse(located.library().required() ? "MISSING" : "not found (optional)")
                        + "  " + located.library().what()));
            }
        }
        return lines;
    }
}
