package dev.lrlab.device;

import org.tensorflow.proto.ConfigProto;

/**
 * The session settings that place a whole graph on one device. For the CPU no GPU device is made ({@code
 * device_count {GPU: 0}}), so nothing is placed on one even in the GPU build. For GPU N only that GPU is visible
 * ({@code gpu_options.visible_device_list = "N"}, TensorFlow's {@code /device:GPU:0} inside the session), its memory
 * is taken as the run needs it ({@code allow_growth}) instead of nearly all of it at the first step, and ops without
 * a GPU kernel fall back to the CPU ({@code allow_soft_placement}).
 *
 * <p>Other session settings (threads, XLA) are set on the same builder by whoever makes the session: {@link
 * #configure} only touches the fields above.
 */
public final class DevicePlacement {
    private DevicePlacement() {
    }

    /**
     * @param device a resolved device: {@link ComputeDevice#CPU} or a GPU, not {@code auto} (see {@link DeviceCheck})
     * @return the session settings for it
     */
    public static ConfigProto configFor(ComputeDevice device) {
        return configure(ConfigProto.newBuilder(), device).build();
    }

    /**
     * @param builder session settings to add the placement to
     * @param device a resolved device: {@link ComputeDevice#CPU} or a GPU, not {@code auto}
     * @return {@code builder}
     * @throws IllegalArgumentException for {@code auto}, which {@link DeviceCheck#resolve} turns into a device first
     */
    public static ConfigProto.Builder configure(ConfigProto.Builder builder, ComputeDevice device) {
        switch (device.kind()) {
            case CPU -> builder.putDeviceCount("GPU", 0);
            case GPU -> builder.putDeviceCount("GPU", 1)
                    .setAllowSoftPlacement(true)
                    .setGpuOptions(builder.getGpuOptions().toBuilder()
                            .setAllowGrowth(true)
                            .setVisibleDeviceList(Integer.toString(device.index())));
            case AUTO -> throw new IllegalArgumentException("resolve `device` auto to cpu or a GPU before placing a graph");
        }
        return builder;
    }
}
