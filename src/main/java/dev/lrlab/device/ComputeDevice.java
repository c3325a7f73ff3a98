package dev.lrlab.device;

import dev.lrlab.LrlabException;
import java.util.Locale;

/**
 * The device a run asks for: the CPU, one GPU by its number (as the NVIDIA driver counts them), or {@code auto} (the
 * first GPU when TensorFlow can use one, else the CPU). Written and parsed as {@code cpu}, {@code gpu} (GPU 0),
 * {@code gpu:N} or {@code auto}.
 *
 * @param kind CPU, GPU or AUTO
 * @param index the GPU's number for {@link Kind#GPU}; 0 otherwise
 */
public record ComputeDevice(Kind kind, int index) {

    /** What is asked for. */
    public enum Kind {
        /** The CPU, even where a GPU is usable. */
        CPU,
        /** One GPU; an error where it is not usable. */
        GPU,
        /** The first GPU when usable, else the CPU. */
        AUTO
    }

    /** The CPU. */
    public static final ComputeDevice CPU = new ComputeDevice(Kind.CPU, 0);
    /** The first usable GPU, else the CPU: the default. */
    public static final ComputeDevice AUTO = new ComputeDevice(Kind.AUTO, 0);

    public ComputeDevice {
        if (kind == null) {
            throw LrlabException.usage("`device` must be cpu, gpu, gpu:N or auto, found none");
        }
        if (index < 0) {
            throw LrlabException.usage("`device` gpu:N needs a GPU number N of 0 or more, found " + index);
        }
        if (kind != Kind.GPU && index != 0) {
            throw LrlabException.usage("`device` " + kind.name().toLowerCase(Locale.ROOT) + " takes no GPU number, found "
                    + index);
        }
    }

    /**
     * @param index the GPU's number, 0 for the first
     * @return that GPU
     */
    public static ComputeDevice gpu(int index) {
        return new ComputeDevice(Kind.GPU, index);
    }

    /**
     * @param text {@code cpu}, {@code gpu}, {@code gpu:N} or {@code auto} (case-insensitive, spaces around ignored)
     * @return the device it names
     * @throws LrlabException (SETTING) naming the text and the accepted forms
     */
    public static ComputeDevice parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "cpu":
                return CPU;
            case "gpu":
                return gpu(0);
            case "auto":
                return AUTO;
            default:
                break;
        }
        if (value.startsWith("gpu:")) {
            String number = value.substring(4);
            if (number.matches("[0-9]{1,4}")) {
                return gpu(Integer.parseInt(number));
            }
        }
        throw LrlabException.usage("`device` must be cpu, gpu, gpu:N (N = 0 for the first GPU) or auto, found '"
                + text + "'");
    }

    /** @return whether a GPU is asked for (not auto) */
    public boolean isGpu() {
        return kind == Kind.GPU;
    }

    /** @return {@code cpu}, {@code gpu:N} or {@code auto}: the form {@link #parse} reads */
    @Override
    public String toString() {
        return switch (kind) {
            case CPU -> "cpu";
            case GPU -> "gpu:" + index;
            case AUTO -> "auto";
        };
    }
}
