package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lrlab.HandLine;
import dev.lrlab.run.StopSignal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: {@code search --parallel 1000} was taken as asked and ran 20x slower than on as many trials as cores;
 * it is now capped to the number of cores, with a note in the log.
 */
class SearchParallelCapTest {
    @TempDir
    Path temp;

    @Test
    void parallelAboveTheCoresIsCappedWithANoteAndAtOrBelowIsKeptSilently() throws ParseException {
        StringWriter err = new StringWriter();
        CliContext context = CliContext.builder().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .setStop(new StopSignal()).build();
        assertEquals(2, SearchCommand.parallel(parse("--parallel", "1000"), 2, context));
        assertEquals("--parallel 1000 capped to 2, the number of cores\n", err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, SearchCommand.parallel(parse("--parallel", "2"), 2, context));
        assertEquals(1, SearchCommand.parallel(parse(), 2, context));
        assertEquals("", err.toString());
    }

    @Test
    void theSearchCommandCapsParallelToThisMachinesCoresAndRecordsTheCappedValue() throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        Path model = HandLine.model(temp.resolve("line"));
        Path data = HandLine.rows(temp.resolve("rows.csv"), 8);
        Path out = temp.resolve("search");
        CliRun run = CliRun.of("search", model.toString(), "--data", data.toString(), "--label", "y", "--loss", "mse",
                "--parallel", "1000", "--from", "1e-3", "--to", "1e-1", "--fine-points", "1", "--steps-per-trial", "3",
                "--batch-size", "4", "--val-fraction", "0.5", "--out-dir", out.toString());
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.err().contains("--parallel 1000 capped to " + cores + ", the number of cores\n"), run.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(cores, summary.get("provenance").get("settings").get("parallel").asInt(), summary.toString());
    }

    private static org.apache.commons.cli.CommandLine parse(String... args) throws ParseException {
        return new DefaultParser().parse(new SearchCommand().options(), args);
    }
}
