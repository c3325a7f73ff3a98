package dev.lrlab.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NvidiaGpusTest {

    @Test
    void readsOneGpuPerLine() {
        String csv = "0, NVIDIA H200, 143771, 9.0, 550.54.15\n1, NVIDIA A100-SXM4-40GB, 40960, 8.0, 550.54.15\n";
        assertEquals(List.of(new NvidiaGpus.Gpu(0, "NVIDIA H200", 143771, "9.0", "550.54.15"),
                new NvidiaGpus.Gpu(1, "NVIDIA A100-SXM4-40GB", 40960, "8.0", "550.54.15")), NvidiaGpus.parse(csv));
    }

    @Test
    void skipsLinesThatAreNotGpus() {
        assertEquals(List.of(), NvidiaGpus.parse("No devices were found\n"));
        assertEquals(List.of(), NvidiaGpus.parse("0, NVIDIA T4, [N/A], 7.5, 535.1\n"));
    }
}
