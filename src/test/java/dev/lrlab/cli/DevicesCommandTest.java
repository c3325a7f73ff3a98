package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lrlab devices} and {@code --device} with the CPU build (the default test class path). */
class DevicesCommandTest {

    @BeforeEach
    void cpuBuild() {
        assumeFalse(Boolean.getBoolean("lrlab.gpuBuild"), "these tests describe the CPU build; GpuTest covers the GPU one");
    }

    @Test
    void devicesListsTheCpuAndTheBuild() {
        CliRun run = CliRun.of("devices");
        assertEquals(ExitCode.OK, run.code(), run.err());
        String[] lines = run.out().split("\n");
        assertTrue(lines[0].matches("TensorFlow 2\\.18\\.\\d+, CPU build \\(LRLAB_GPU=1 selects the CUDA build\\)"), lines[0]);
        assertEquals("devices TensorFlow sees:", lines[1]);
        assertEquals("  CPU:0", lines[2]);
        assertEquals("choose with --device cpu, gpu:N or auto (the default: the first GPU TensorFlow can use, else the CPU)",
                lines[lines.length - 1]);
    }

    @Test
    void aGpuAskedOfTheCpuBuildIsAModelErrorNamingTheGpuBuild() {
        CliRun run = CliRun.of("train", "models/diabetes-linear", "--data", "data-samples/diabetes.csv", "--label",
                "progression", "--steps", "1", "--device", "gpu:1");
        assertEquals(ExitCode.MODEL, run.code());
        assertEquals("lrlab: --device gpu:1: this is lrlab's CPU build (TensorFlow's CPU library); run it with LRLAB_GPU=1 "
                + "for the CUDA build (README, section GPU), or use --device cpu", run.lastErrorLine());
    }

    @Test
    void anUnknownDeviceIsAUsageError() {
        CliRun run = CliRun.of("range-test", "--device", "tpu:0", "--steps", "5");
        assertEquals(ExitCode.USAGE, run.code());
        assertEquals("lrlab: --device must be cpu, gpu, gpu:N (N = 0 for the first GPU) or auto, found 'tpu:0'",
                run.lastErrorLine());
    }

    /** {@code auto}, the default, is the CPU in the CPU build, and the summary says so. */
    @Test
    void theSummaryRecordsTheDeviceRunOn(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("rt");
        CliRun run = CliRun.of("range-test", "models/digits-mlp", "--data", "data-samples/digits.csv", "--label", "label",
                "--steps", "20", "--out-dir", out.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("cpu", summary.get("provenance").get("settings").get("device").asText());
    }
}
