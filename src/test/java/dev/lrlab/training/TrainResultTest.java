package dev.lrlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.run.StopReason;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The defaults and checks of {@link TrainResult}'s builder. */
class TrainResultTest {
    @Test
    void aRunThatTookNoStepHasANaNLossAndNoValidation() {
        StopReason stop = new StopReason(StopReason.Kind.INTERRUPTED, 0, 0.1, "interrupted by SIGINT before step 0");
        TrainResult result = TrainResult.builder().setStepsRun(0).optStop(stop).build();
        assertTrue(Double.isNaN(result.lastLoss()));
        assertEquals(Optional.empty(), result.initialValidation());
        assertEquals(Optional.empty(), result.lastValidation());
        assertEquals(Optional.of(stop), result.stop());
        assertFalse(result.lastValidationIsFinal());
        assertEquals(result, TrainResult.builder().setStepsRun(0).optStop(stop).build());
    }

    @Test
    void aResultNeedsItsStepsRun() {
        assertEquals("a training result needs its steps run (setStepsRun), found -1",
                assertThrows(IllegalStateException.class, () -> TrainResult.builder().optLastLoss(1).build()).getMessage());
    }
}
