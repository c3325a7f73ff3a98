package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import dev.lrlab.report.Provenance;
import dev.lrlab.report.SummaryWriter;
import dev.lrlab.report.summary.HypergradientRunSummary;
import dev.lrlab.report.summary.RangeTestRunSummary;
import dev.lrlab.report.summary.RunSummary;
import dev.lrlab.report.summary.SearchRunSummary;
import dev.lrlab.report.summary.TrainRunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Summaries written by real runs on the bundled logistic model read back into records that write the same bytes and
 * read back equal; provenance tells the bundled weights from retrained ones and names the data by its digest.
 */
class SummaryRoundTripTest {
    private static final String MODEL = "models/logistic";
    private static final String DATA = "data-samples/breast_cancer.csv";

    @TempDir
    static Path dir;
    private static Path rangeTest;

    private static String[] args(String command, String... more) {
        List<String> all = new java.util.ArrayList<>(List.of(command, MODEL, "--data", DATA, "--label", "malignant"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @BeforeAll
    static void rangeTest() {
        rangeTest = dir.resolve("range");
        CliRun run = CliRun.of(args("range-test", "--steps", "60", "--out-dir", rangeTest.toString()));
        assertEquals(ExitCode.OK, run.code(), run.err());
    }

    /** Reads the file, checks the record writes the file's bytes again, writes it elsewhere and reads it back equal. */
    private static <T extends RunSummary> T roundTrip(Path file, Function<Path, T> read, String name) throws IOException {
        T summary = read.apply(file);
        assertEquals(Files.readString(file), new SummaryWriter().toJson(summary), "nothing lost or changed in reading");
        Path again = Files.createDirectories(dir.resolve("again-" + name));
        summary.write(again, false);
        assertEquals(summary, read.apply(again.resolve(SummaryWriter.JSON_FILE)));
        assertEquals(new SummaryWriter().toCsv(summary), Files.readString(again.resolve(SummaryWriter.CSV_FILE)));
        return summary;
    }

    private static void assertProvenanceOfTheBundledRun(Provenance provenance) {
        assertEquals(Provenance.variablesSha256(Path.of(MODEL)), provenance.modelVariablesSha256());
        assertEquals(64, provenance.modelVariablesSha256().length());
        assertEquals(List.of(new Provenance.DataFile(DATA, Provenance.fileSha256(Path.of(DATA)))), provenance.dataFiles());
    }

    @Test
    void rangeTestSummaryRoundTrips() throws IOException {
        RangeTestRunSummary summary = roundTrip(rangeTest.resolve(SummaryWriter.JSON_FILE), RangeTestRunSummary::read,
                "range");
        assertEquals("range-test", summary.head().kind());
        assertEquals("malignant", summary.head().label());
        assertEquals(1000, summary.head().maxUnroll());
        assertNull(summary.head().sequenceLength());
        assertEquals(60, summary.settings().steps());
        assertEquals(60, summary.stepsRun());
        assertEquals("completed", summary.stop());
        assertTrue(summary.suggestions().valley().lr() > 0, summary.suggestions().toString());
        assertEquals("default", ((Map<?, ?>) summary.compileSettings().get("optimizer")).get("source"));
        assertProvenanceOfTheBundledRun(summary.provenance());
    }

    @Test
    void trainSummaryRoundTripsAndARetrainedExportHasOtherWeights() throws IOException {
        Path curve = dir.resolve("train/curve.csv");
        Files.createDirectories(curve.getParent());
        Path exported = dir.resolve("exported");
        CliRun run = CliRun.of(args("train", "--lr", "0.01", "--steps", "20", "--out", curve.toString(), "--export",
                exported.toString()));
        assertEquals(ExitCode.OK, run.code(), run.err());
        TrainRunSummary summary = roundTrip(dir.resolve("train/curve.summary.json"), TrainRunSummary::read, "train");
        assertEquals("train", summary.head().kind());
        assertEquals(20, summary.stepsRun());
        assertEquals("constant:lr=0.01", summary.settings().schedule());
        assertNotNull(summary.lastLoss());
        assertProvenanceOfTheBundledRun(summary.provenance());

        String retrained = Provenance.variablesSha256(exported);
        assertNotEquals(summary.provenance().modelVariablesSha256(), retrained, "trained weights, another digest");
        assertEquals(retrained, Provenance.variablesSha256(exported), "the same files, the same digest");
    }

    @Test
    void hypergradientSummaryRoundTrips() throws IOException {
        Path out = dir.resolve("hd");
        CliRun run = CliRun.of(args("hypergradient", "--alpha0", "1e-3", "--steps", "10", "--baseline", "--out-dir",
                out.toString()));
        assertEquals(ExitCode.OK, run.code(), run.err());
        HypergradientRunSummary summary = roundTrip(out.resolve(SummaryWriter.JSON_FILE), HypergradientRunSummary::read,
                "hd");
        assertEquals("sgd-hd", summary.optimizer());
        assertEquals(10, summary.adaptive().steps());
        assertEquals(1e-3, summary.baseline().finalLr());
        assertEquals(32L, summary.provenance().settings().get("batch_size"));
        assertProvenanceOfTheBundledRun(summary.provenance());
    }

    @Test
    void searchSummaryRoundTripsWithTheRangeTestItWasComparedWith() throws IOException {
        Path out = dir.resolve("search");
        CliRun run = CliRun.of(args("search", "--steps-per-trial", "10", "--per-decade", "1", "--fine-points", "2",
                "--from", "1e-4", "--to", "1e-1", "--range-test", rangeTest.resolve(SummaryWriter.JSON_FILE).toString(),
                "--out-dir", out.toString()));
        assertEquals(ExitCode.OK, run.code(), run.err());
        SearchRunSummary summary = roundTrip(out.resolve(SummaryWriter.JSON_FILE), SearchRunSummary::read, "search");
        assertEquals("search", summary.head().kind());
        assertNotNull(summary.best());
        assertEquals(summary.trials(), summary.stages().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(RangeTestRunSummary.read(rangeTest.resolve(SummaryWriter.JSON_FILE)).suggestions().valley().lr(),
                summary.rangeTest().suggestedLr());
        assertEquals(10L, summary.provenance().settings().get("steps_per_trial"));
        assertProvenanceOfTheBundledRun(summary.provenance());
    }

    @Test
    void anotherRunsSummaryIsRefusedByKind() {
        Path file = rangeTest.resolve(SummaryWriter.JSON_FILE);
        LrlabException e = assertThrows(LrlabException.class, () -> TrainRunSummary.read(file));
        assertEquals(LrlabException.Kind.DATA, e.kind());
        assertEquals(file + ": holds a range test summary, not a train one; pass the summary.json a train wrote",
                e.getMessage());
    }

    @Test
    void aKeyOfTheWrongTypeIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("wrong.json"), "{\"kind\": \"range-test\", \"steps_run\": \"many\"}");
        LrlabException e = assertThrows(LrlabException.class, () -> RangeTestRunSummary.read(file));
        assertEquals(LrlabException.Kind.DATA, e.kind());
        assertTrue(e.getMessage().startsWith(file + ": key 'steps_run' has the wrong type ("), e.getMessage());
    }
}
