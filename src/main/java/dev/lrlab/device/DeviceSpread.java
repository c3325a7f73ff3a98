package dev.lrlab.device;

import dev.lrlab.LrlabException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * How a search's trials are spread over several devices, one worker process per device ("slot"): trial {@code k}
 * (counted from 0 over the whole search, in the order the trials are listed in its results) runs in slot
 * {@code k mod S}, so with G GPUs trial k runs on GPU {@code k mod G}.
 *
 * <h2>Why one process per GPU</h2>
 * TensorFlow maps its GPU numbers to CUDA devices once per process: sessions of one process that give different
 * {@code gpu_options.visible_device_list} values fail ("TensorFlow device (GPU:0) is being mapped to multiple CUDA
 * devices ... not supported", tensorflow/tensorflow#19083, #18861). So each GPU's trials run in a process of their
 * own that sees only that GPU ({@code CUDA_VISIBLE_DEVICES}), where the whole graph is placed on that process's
 * {@code GPU:0} by {@link DevicePlacement}, exactly as a single-GPU run places it. Pinning each copy's graph to
 * {@code /device:GPU:k} in one process would instead need every node, the gradient ops included, placed by hand.
 *
 * <p>Every slot runs {@link Slot#copies()} trials at once; the copies add up to the search's {@code parallel}.
 */
public final class DeviceSpread {
    /** The environment variable that tells CUDA which GPUs a process sees, and in which order. */
    public static final String CUDA_VISIBLE_DEVICES = "CUDA_VISIBLE_DEVICES";

    /**
     * One worker process of a spread.
     *
     * @param index the slot's number, 0 for the first
     * @param device the device its trials run on, as this process numbers it (reported with the results)
     * @param inWorker the device the worker's sessions are placed on: {@code gpu:0}, the only GPU it sees, or the CPU
     * @param environment variables the worker process is started with, on top of this process's
     * @param copies trials it runs at once, each on its own copy of the model
     */
    public record Slot(int index, ComputeDevice device, ComputeDevice inWorker, Map<String, String> environment,
            int copies) {
        public Slot {
            environment = Map.copyOf(environment);
        }

        /** @return the session settings of the worker's models (see {@link DevicePlacement}) */
        public ConfigProto config() {
            return DevicePlacement.configFor(inWorker);
        }
    }

    private final List<Slot> slots;

    private DeviceSpread(List<Slot> slots) {
        this.slots = List.copyOf(slots);
    }

    /**
     * @param trial the trial's number, 0 for the search's first
     * @param slots the number of slots (GPUs), at least 1
     * @return the slot the trial runs in: {@code trial mod slots}
     */
    public static int slotOf(long trial, int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("a spread needs at least one slot, found " + slots);
        }
        if (trial < 0) {
            throw new IllegalArgumentException("trials are numbered from 0, found " + trial);
        }
        return (int) (trial % slots);
    }

    /**
     * @param slot a slot's number
     * @param slots the number of slots
     * @param parallel trials at once over all slots, at least {@code slots}
     * @return how many of them run in that slot: {@code parallel / slots}, one more for the first
     *     {@code parallel mod slots} slots
     */
    public static int copiesIn(int slot, int slots, int parallel) {
        return parallel / slots + (slot < parallel % slots ? 1 : 0);
    }

    /**
     * Spreads trials over the first {@code min(gpus, parallel)} GPUs this process sees.
     *
     * @param gpus the GPUs TensorFlow sees in this process ({@link #visibleGpus()}), at least 1
     * @param parallel trials at once, at least 1
     * @param cudaVisibleDevices this process's {@value #CUDA_VISIBLE_DEVICES}, when set: GPU k of this process is its
     *     k-th entry, which the worker of GPU k is given alone
     * @return the spread: slot k runs on GPU k
     */
    public static DeviceSpread gpus(int gpus, int parallel, Optional<String> cudaVisibleDevices) {
        if (gpus < 1 || parallel < 1) {
            throw new IllegalArgumentException("a GPU spread needs a GPU and a trial, found " + gpus + " and " + parallel);
        }
        int count = Math.min(gpus, parallel);
        List<String> inherited = cudaVisibleDevices.map(String::trim).filter(v -> !v.isEmpty())
                .map(v -> List.of(v.split("\\s*,\\s*"))).orElse(List.of());
        List<Slot> slots = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            String visible = k < inherited.size() ? inherited.get(k) : Integer.toString(k);
            slots.add(new Slot(k, ComputeDevice.gpu(k), ComputeDevice.gpu(0), Map.of(CUDA_VISIBLE_DEVICES, visible),
                    copiesIn(k, count, parallel)));
        }
        return new DeviceSpread(slots);
    }

    /**
     * Spreads trials over {@code workers} processes on the CPU: the same mechanism as {@link #gpus}, for checking it
     * on a machine without GPUs (its results equal a search in one process).
     *
     * @param workers worker processes, at least 1
     * @param parallel trials at once over all of them, at least {@code workers}
     * @return the spread
     */
    public static DeviceSpread cpus(int workers, int parallel) {
        if (workers < 1 || parallel < workers) {
            throw new IllegalArgumentException("a CPU spread needs 1 to parallel workers, found " + workers + " for "
                    + parallel);
        }
        List<Slot> slots = new ArrayList<>();
        for (int k = 0; k < workers; k++) {
            slots.add(new Slot(k, ComputeDevice.CPU, ComputeDevice.CPU, Map.of(), copiesIn(k, workers, parallel)));
        }
        return new DeviceSpread(slots);
    }

    /** @return the slots, slot k at index k */
    public List<Slot> slots() {
        return slots;
    }

    /**
     * @param trial the trial's number, 0 for the search's first
     * @return the slot it runs in
     */
    public Slot slotFor(long trial) {
        return slots.get(slotOf(trial, slots.size()));
    }

    /** @return trials at once over all slots */
    public int parallel() {
        return slots.stream().mapToInt(Slot::copies).sum();
    }

    /**
     * @return for reports, e.g. {@code gpu:0, gpu:1, one process each; trial k on the (k mod 2)-th, k counted from 0
     *     in the order of trials.csv}
     */
    public String describe() {
        String devices = slots.stream().map(s -> s.device().toString()).collect(Collectors.joining(", "));
        return devices + ", one process each; trial k on the (k mod " + slots.size() + ")-th, k counted from 0 in the "
                + "order of trials.csv";
    }

    /**
     * @return the session settings that show TensorFlow every GPU of this process (memory taken as needed), for
     *     counting them: numbering stays the one every single-GPU session of this process uses, so listing them does
     *     not clash with {@link DevicePlacement}'s {@code visible_device_list}
     */
    public static ConfigProto allGpusConfig() {
        return ConfigProto.newBuilder().setAllowSoftPlacement(true)
                .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true)).build();
    }

    /**
     * Counts the GPUs with a session that sees them all, which opens each of them (a little memory on each). Ask only
     * where this process's other sessions use {@code gpu:0} or the CPU: after a session on {@code gpu:N}, N above 0,
     * TensorFlow refuses this one (its GPU 0 would be another CUDA device), and the count is then 0.
     *
     * @return the GPUs TensorFlow can use in this process; 0 in the CPU build or without a usable GPU
     */
    public static int visibleGpus() {
        if (!TensorFlowDevices.isGpuBuild()) {
            return 0;
        }
        try {
            return (int) TensorFlowDevices.list(allGpusConfig()).stream().filter(TensorFlowDevices.Device::isGpu).count();
        } catch (LrlabException e) {
            return 0;
        }
    }
}
