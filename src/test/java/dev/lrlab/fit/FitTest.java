package dev.lrlab.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import dev.lrlab.data.DataSpec;
import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StepRow;
import dev.lrlab.run.StopReason;
import dev.lrlab.run.StopSignal;
import dev.lrlab.train.OptimizerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Fit#run} from Java: interruption, the hypergradient policy, a given rate, and the refusals. */
class FitTest {
    @TempDir
    Path temp;

    private static RunSpec digits(OptimizerKind kind) {
        return RunSpec.builder().setModel(Path.of("models/digits-mlp"))
                .setData(DataSpec.csv(Path.of("data-samples/digits.csv"), "label")).optOptimizerKind(kind).build();
    }

    @Test
    void anInterruptionDuringTrainingKeepsTheRowsAndStagesNoExport() throws IOException {
        StopSignal stop = new StopSignal();
        Path target = temp.resolve("trained");
        FitConfig config = FitConfig.builder().optLr(0.01).optSteps(40).optCompare(true).optExport(target).build();
        FitResult result = Fit.run(digits(OptimizerKind.ADAM), config, new FitListener() {
            @Override
            public void onStep(double factor, StepRow row) {
                if (row.step() == 9) {
                    stop.stop("test");
                }
            }
        }, stop);
        assertEquals(StopReason.Kind.INTERRUPTED, result.stop().orElseThrow().kind());
        assertEquals(1, result.trainings().size(), "no comparison after an interruption");
        assertEquals(10, result.chosen().orElseThrow().rows().size());
        assertTrue(result.export().isEmpty());
        try (Stream<Path> left = Files.list(temp)) {
            assertEquals(0, left.count(), "no export, staged or not");
        }
        LrlabException e = assertThrows(LrlabException.class, result::finalValLoss);
        assertTrue(e.getMessage().startsWith("the fit has no final validation loss: interrupted by test before step 10"),
                e.getMessage());
    }

    @Test
    void theHypergradientPolicyTrainsTheCounterpartFromTheGivenRateWithoutARangeTest() {
        FitResult result = Fit.run(digits(OptimizerKind.ADAM),
                FitConfig.builder().optPolicy(FitPolicy.HD).optLr(1e-3).optSteps(20).build());
        assertEquals(OptimizerKind.ADAM_HD, result.spec().optimizer().kind());
        assertTrue(result.stop().isEmpty(), () -> result.stop().orElseThrow().message());
        assertTrue(result.rangeTest().isEmpty());
        assertEquals(RateChoice.GIVEN, result.choice().orElseThrow().method());
        assertEquals(1e-3, result.chosen().orElseThrow().rows().get(0).lr(), 1e-9);
        assertFalse(result.chosen().orElseThrow().rows().get(19).lr() == 1e-3, "the rate adapts");
        assertTrue(Double.isFinite(result.finalValLoss()));
        FitOutputs.write(temp.resolve("out"), result);
        assertTrue(Files.exists(temp.resolve("out/curve.csv")) && Files.exists(temp.resolve("out/fit.png")));
        assertFalse(Files.exists(temp.resolve("out/range-test.csv")));
    }

    @Test
    void aHypergradientOptimizerWithAFixedRatePolicyIsRefused() {
        LrlabException e = assertThrows(LrlabException.class, () -> Fit.run(digits(OptimizerKind.ADAM_HD),
                FitConfig.builder().optLr(1e-3).build()));
        assertEquals(LrlabException.Kind.SETTING, e.kind());
        assertEquals("the optimizer adam-hd adapts its own rate, which the `policy` onecycle would set; use `policy` hd, "
                + "or the optimizer adam", e.getMessage());
    }
}
