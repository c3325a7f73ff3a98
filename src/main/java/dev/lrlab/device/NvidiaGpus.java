package dev.lrlab.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The GPUs the NVIDIA driver reports, through {@code nvidia-smi} (installed with the driver): name, memory, compute
 * capability. TensorFlow's C API lists a GPU's name and memory limit but not its compute capability, hence this.
 */
public final class NvidiaGpus {
    /** What {@code nvidia-smi} is asked for, one GPU a line. */
    static final String QUERY = "index,name,memory.total,compute_cap,driver_version";

    /**
     * One GPU.
     *
     * @param index its number, as {@code gpu:N} counts
     * @param name e.g. {@code NVIDIA H200}
     * @param memoryMiB its memory in MiB
     * @param computeCapability e.g. {@code 9.0}
     * @param driverVersion the driver's version, e.g. {@code 550.54.15}
     */
    public record Gpu(int index, String name, long memoryMiB, String computeCapability, String driverVersion) {
    }

    private NvidiaGpus() {
    }

    /**
     * @return the GPUs, in the driver's order; empty when {@code nvidia-smi} is missing, fails (no driver loaded) or
     *     finds none
     */
    public static Optional<List<Gpu>> query() {
        try {
            Process process = new ProcessBuilder("nvidia-smi", "--query-gpu=" + QUERY, "--format=csv,noheader,nounits")
                    .redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(parse(new String(out, StandardCharsets.UTF_8)))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * @param csv {@code nvidia-smi --query-gpu=index,name,memory.total,compute_cap,driver_version
     *     --format=csv,noheader,nounits} output, e.g. {@code 0, NVIDIA H200, 143771, 9.0, 550.54.15}
     * @return one GPU per well-formed line; other lines are skipped
     */
    static List<Gpu> parse(String csv) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : csv.split("\n")) {
            String[] cells = line.split(",");
            if (cells.length != 5) {
                continue;
            }
            try {
                gpus.add(new Gpu(Integer.parseInt(cells[0].trim()), cells[1].trim(), Long.parseLong(cells[2].trim()),
                        cells[3].trim(), cells[4].trim()));
            } catch (NumberFormatException e) {
                // a message such as "No devices were found" or "[N/A]" memory: not a GPU line
            }
        }
        return gpus;
    }
}
