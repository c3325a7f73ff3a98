package dev.lrlab.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NVIDIA libraries TensorFlow 2.18's CUDA build opens at run time, and where each is on this machine. TensorFlow
 * does not link them: it opens them by soname when a GPU is first used (its {@code DsoLoader}), so a missing one
 * shows only as "GPU will not be used" in its log. This class looks where the dynamic linker would: the folders of
 * {@code LD_LIBRARY_PATH}, then the linker's cache ({@code ldconfig -p}), then the usual system folders.
 */
public final class CudaLibraries {

    /**
     * One library.
     *
     * @param soname the name TensorFlow (or a library it opens) asks the dynamic linker for
     * @param what what it is, for a listing
     * @param required whether a GPU is unusable without it; optional ones serve the profiler or several GPUs at once
     */
    public record Library(String soname, String what, boolean required) {
    }

    /**
     * Where a library was found.
     *
     * @param library the library
     * @param file its file, or null where it was not found (see {@link #path()})
     */
    public record Located(Library library, Path file) {
        /** @return its file, empty where it was not found */
        public Optional<Path> path() {
            return Optional.ofNullable(file);
        }

        /** @return whether it was found */
        public boolean found() {
            return file != null;
        }
    }

    /** The driver's library: installed with the NVIDIA driver, never shipped by lrlab. */
    public static final Library DRIVER = new Library("libcuda.so.1", "NVIDIA driver", true);

    /**
     * What TensorFlow 2.18 (built against CUDA 12.5 and cuDNN 9.3) needs from CUDA 12 and cuDNN 9, beside the driver:
     * the sonames its DsoLoader opens and those the opened libraries need in turn.
     */
    public static final List<Library> TENSORFLOW_2_18 = List.of(
            DRIVER,
            new Library("libcudart.so.12", "CUDA runtime 12", true),
            new Library("libcublas.so.12", "cuBLAS 12", true),
            new Library("libcublasLt.so.12", "cuBLASLt 12", true),
            new Library("libcufft.so.11", "cuFFT 11 (CUDA 12)", true),
            new Library("libcusolver.so.11", "cuSOLVER 11 (CUDA 12)", true),
            new Library("libcusparse.so.12", "cuSPARSE 12", true),
            new Library("libnvJitLink.so.12", "nvJitLink 12 (for cuSPARSE, cuSOLVER)", true),
            new Library("libcudnn.so.9", "cuDNN 9", true),
            new Library("libcudnn_graph.so.9", "cuDNN 9 graph", true),
            new Library("libcudnn_ops.so.9", "cuDNN 9 ops", true),
            new Library("libcudnn_cnn.so.9", "cuDNN 9 convolutions", true),
            new Library("libcudnn_adv.so.9", "cuDNN 9 RNNs and attention", true),
            new Library("libcudnn_engines_precompiled.so.9", "cuDNN 9 engines", true),
            new Library("libcudnn_engines_runtime_compiled.so.9", "cuDNN 9 runtime-compiled engines", true),
            new Library("libcudnn_heuristic.so.9", "cuDNN 9 heuristics", true),
            new Library("libnvrtc.so.12", "NVRTC 12 (for cuDNN's runtime-compiled engines)", true),
            new Library("libcupti.so.12", "CUPTI 12 (profiler only)", false),
            new Library("libnccl.so.2", "NCCL 2 (collectives over several GPUs only)", false));

    /** The folders searched after {@code LD_LIBRARY_PATH} and the linker's cache. */
    static final List<Path> SYSTEM_FOLDERS = List.of(Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/usr/lib64"),
            Path.of("/usr/lib"), Path.of("/usr/local/cuda/lib64"), Path.of("/usr/lib/wsl/lib"));

    private static final Pattern CACHE_LINE = Pattern.compile("^\\s*(\\S+)\\s+\\(([^)]*)\\)\\s+=>\\s+(\\S+)\\s*$");

    private CudaLibraries() {
    }

    /**
     * Finds every library of {@link #TENSORFLOW_2_18} as the dynamic linker of this process would.
     *
     * @return each library with its file, in the order of {@link #TENSORFLOW_2_18}
     */
    public static List<Located> locate() {
        return locate(TENSORFLOW_2_18, libraryPath(System.getenv("LD_LIBRARY_PATH")), linkerCache(), SYSTEM_FOLDERS);
    }

    /**
     * @param libraries what to look for
     * @param libraryPath the folders of {@code LD_LIBRARY_PATH}, searched first
     * @param cache the linker's cache, soname to file ({@link #parseLinkerCache})
     * @param systemFolders searched last
     * @return each library with the first regular file found for it, in the order of {@code libraries}
     */
    public static List<Located> locate(List<Library> libraries, List<Path> libraryPath, Map<String, Path> cache,
            List<Path> systemFolders) {
        List<Located> result = new ArrayList<>();
        for (Library library : libraries) {
            Optional<Path> path = firstIn(libraryPath, library.soname());
            if (path.isEmpty() && cache.containsKey(library.soname()) && Files.exists(cache.get(library.soname()))) {
                path = Optional.of(cache.get(library.soname()));
            }
            if (path.isEmpty()) {
                path = firstIn(systemFolders, library.soname());
            }
            result.add(new Located(library, path.orElse(null)));
        }
        return result;
    }

    /**
     * @param located libraries with where they were found
     * @return the sonames of the required libraries not found, in order
     */
    public static List<String> missingRequired(List<Located> located) {
        return located.stream().filter(l -> l.library().required() && !l.found()).map(l -> l.library().soname()).toList();
    }

    /**
     * @param value an {@code LD_LIBRARY_PATH} value, or null
     * @return its folders, empty entries dropped
     */
    public static List<Path> libraryPath(String value) {
        List<Path> folders = new ArrayList<>();
        if (value != null) {
            for (String entry : value.split(":")) {
                if (!entry.isBlank()) {
                    folders.add(Path.of(entry));
                }
            }
        }
        return folders;
    }

    /**
     * @param text the output of {@code ldconfig -p}: lines like
     *     {@code libcuda.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcuda.so.1}
     * @return soname to file, 64-bit x86 entries only (the first of each soname)
     */
    public static Map<String, Path> parseLinkerCache(String text) {
        Map<String, Path> cache = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = CACHE_LINE.matcher(line);
            if (m.matches() && m.group(2).contains("x86-64")) {
                cache.putIfAbsent(m.group(1), Path.of(m.group(3)));
            }
        }
        return cache;
    }

    /** @return the linker's cache, or an empty map where {@code ldconfig} is missing or fails */
    static Map<String, Path> linkerCache() {
        for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig")) {
            if (!Files.isExecutable(Path.of(ldconfig))) {
                continue;
            }
            try {
                Process process = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
                byte[] out = process.getInputStream().readAllBytes();
                if (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return parseLinkerCache(new String(out, StandardCharsets.UTF_8));
                }
                process.destroy();
            } catch (IOException e) {
                return Map.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Map.of();
            }
        }
        return Map.of();
    }

    private static Optional<Path> firstIn(List<Path> folders, String soname) {
        return folders.stream().map(folder -> folder.resolve(soname)).filter(Files::exists).findFirst();
    }
}
