package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lrlab.LrlabException;
import dev.lrlab.device.ComputeDevice;
import dev.lrlab.device.DeviceCheck;
import dev.lrlab.device.DeviceSpread;
import dev.lrlab.search.SearchReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs on a machine with at least two GPUs: left out of {@code mvn test} (tag {@code gpu}), run by
 * {@code scripts/gpu-check} with the GPU build and {@code TF_DETERMINISTIC_OPS=1}. Skipped, with the reason, where
 * fewer than two GPUs are usable. {@code search --device gpu --parallel G} spreads its trials over every GPU (trial k
 * on GPU k mod G, one worker process per GPU); its trials equal a search on {@code gpu:0} alone bit for bit.
 */
@Tag("gpu")
class GpuSpreadTest {
    private static Optional<String> skip;
    private static int gpus;

    @TempDir
    Path dir;

    @BeforeAll
    static void checkForGpus() {
        try {
            DeviceCheck.resolve(ComputeDevice.gpu(0));
            gpus = DeviceSpread.visibleGpus();
            skip = gpus >= 2 ? Optional.empty()
                    : Optional.of("spreading trials needs at least 2 GPUs; TensorFlow sees " + gpus);
        } catch (LrlabException e) {
            skip = Optional.of("no usable GPU: " + e.getMessage());
        }
    }

    /** Skips each test, with the reason (a skipped class alone would show none). */
    @BeforeEach
    void requireTwoGpus() {
        skip.ifPresent(Assumptions::abort);
    }

    @Test
    void aSearchSpreadOverEveryGpuGivesTheTrialsOfASearchOnOneGpu() throws IOException {
        int parallel = Math.min(gpus, 4);
        Path one = dir.resolve("one");
        Path spread = dir.resolve("spread");
        CliRun sequential = CliRun.of(SearchCommandTest.search(one, "--device", "gpu:0"));
        assertEquals(ExitCode.OK, sequential.code(), sequential.err());
        CliRun spreadRun = CliRun.of(SearchCommandTest.search(spread, "--device", "gpu", "--parallel",
                Integer.toString(parallel)));
        assertEquals(ExitCode.OK, spreadRun.code(), spreadRun.err());

        String devices = IntStream.range(0, parallel).mapToObj(k -> "gpu:" + k).collect(Collectors.joining(", "));
        assertTrue(spreadRun.err().contains("search: trials on " + devices + ", one process each"), spreadRun.err());
        JsonNode settings = new ObjectMapper().readTree(spread.resolve("summary.json").toFile()).get("provenance")
                .get("settings");
        assertTrue(settings.get("trial_devices").asText().startsWith(devices + ", one process each"), settings.toString());

        List<CSVRecord> expected = SearchCommandTest.trials(one);
        List<CSVRecord> actual = SearchCommandTest.trials(spread);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            for (String column : SearchReport.TRIAL_COLUMNS) {
                if (!column.equals("seconds")) {
                    assertEquals(expected.get(i).get(column), actual.get(i).get(column), column + " of trial " + i
                            + " (on gpu:" + DeviceSpread.slotOf(i, parallel) + ")");
                }
            }
        }
        try (Stream<Path> curves = Files.list(one.resolve(SearchReport.TRIALS_DIR))) {
            for (Path file : curves.toList()) {
                assertEquals(Files.readString(file), Files.readString(spread.resolve(SearchReport.TRIALS_DIR)
                        .resolve(file.getFileName())), file.getFileName().toString());
            }
        }
    }
}
