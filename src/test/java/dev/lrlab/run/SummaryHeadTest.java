package dev.lrlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lrlab.data.DataSpec;
import dev.lrlab.data.WindowSpec;
import dev.lrlab.model.inline.UnrollSettings;
import dev.lrlab.report.SummaryWriter;
import dev.lrlab.report.summary.SummaryHead;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The head every summary starts with: optional keys appear only when set, in a fixed order. */
class SummaryHeadTest {
    @Test
    void aPlainCsvRunHasNoLabelsFileWindowOrSequenceLength() {
        RunSpec spec = RunSpec.builder().setModel(Path.of("m")).setData(DataSpec.csv(Path.of("d.csv"), "y")).build();
        Map<String, String> flat = new SummaryWriter().flatten(spec.summaryHead("train"));
        assertEquals(List.of("kind", "model", "data", "label", "signature", "output", "max_unroll"),
                List.copyOf(flat.keySet()));
        assertEquals("1000", flat.get("max_unroll"));
    }

    @Test
    void theLabelsFileWindowAndUnrollSettingsAreWrittenWhenSet() {
        RunSpec spec = RunSpec.builder().setModel(Path.of("m"))
                .setData(DataSpec.csv(Path.of("s.csv"), "load").withWindow(new WindowSpec(24, List.of("load"), 1)))
                .optUnroll(new UnrollSettings(24, 50)).build();
        SummaryHead head = spec.summaryHead("range-test");
        assertEquals(24, head.sequenceLength());
        assertEquals(50, head.maxUnroll());
        Map<String, String> flat = new SummaryWriter().flatten(head);
        assertEquals(List.of("kind", "model", "data", "label", "window", "signature", "output", "sequence_length",
                "max_unroll"), List.copyOf(flat.keySet()));
        assertEquals(new WindowSpec(24, List.of("load"), 1) + ", chronological split", flat.get("window"));
        RunSpec npy = RunSpec.builder().setModel(Path.of("m")).setData(DataSpec.withLabels(Path.of("x.npy"),
                Path.of("y.npy"))).build();
        assertEquals("y.npy", npy.summaryHead("train").labels());
    }
}
