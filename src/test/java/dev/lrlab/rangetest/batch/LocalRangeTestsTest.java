package dev.lrlab.rangetest.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lrlab.LrlabException;
import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopSignal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The local engine runs every test of a batch, whatever an earlier one threw. */
class LocalRangeTestsTest {
    /** A recipe whose spec fails the way a test of it would. */
    private record Failing(RuntimeException failure) implements RangeTestRecipe {
        @Override
        public RunSpec spec(Path model) {
            throw failure;
        }

        @Override
        public RangeTestConfig config(RunSpec spec) {
            throw new AssertionError("not reached");
        }
    }

    @Test
    void aTestThatFailsForAnyReasonIsAFailedOutcomeAndTheNextOneRuns() {
        List<RangeTestJob> jobs = List.of(
                new RangeTestJob("m1", new Failing(new IllegalStateException("a TensorFlow op failed\nsecond line"))),
                new RangeTestJob("m2", new Failing(LrlabException.data("d.csv:3: expected a number"))));
        List<String> seen = new ArrayList<>();
        new LocalRangeTests().run(jobs, (i, outcome) -> seen.add(i + " " + outcome.failureKind().orElseThrow() + " "
                + outcome.failure().orElseThrow()), new StopSignal());
        assertEquals(List.of("0 INTERNAL internal error: java.lang.IllegalStateException: a TensorFlow op failed",
                "1 DATA d.csv:3: expected a number"), seen);
    }
}
