package dev.lrlab.rangetest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrlab.LrlabException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RangeTestCurveWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesStepRateLossAndSmoothedLoss() throws Exception {
        Path file = dir.resolve("range-test.csv");
        try (RangeTestCurveWriter writer = new RangeTestCurveWriter(file, false, true, false)) {
            writer.onStep(RangeTestPoint.builder().setStep(0).setLr(1e-7).setLoss(2.5).setSmoothedLoss(2.5).build());
            writer.onStep(RangeTestPoint.builder().setStep(1).setLr(0.001).setLoss(Double.NaN)
                    .setSmoothedLoss(Double.NaN).build());
            assertEquals("step,lr,loss,smoothed_loss\n0,1.0E-7,2.5,2.5\n1,0.001,NaN,NaN\n", Files.readString(file),
                    "flushed row by row, before close");
        }
    }

    @Test
    void writesValidationColumnsWithEmptyCellsBetweenMeasurements() throws Exception {
        Path file = dir.resolve("range-test.csv");
        try (RangeTestCurveWriter writer = new RangeTestCurveWriter(file, true, true, false)) {
            writer.onStep(RangeTestPoint.builder().setStep(0).setLr(0.0).setLoss(2.0).setSmoothedLoss(2.0).build());
            writer.onStep(RangeTestPoint.builder().setStep(1).setLr(0.5).setLoss(1.5).setSmoothedLoss(1.75)
                    .optValLoss(1.25).optValAccuracy(0.5).build());
        }
        assertEquals("step,lr,loss,smoothed_loss,val_loss,val_accuracy\n0,0.0,2.0,2.0,,\n1,0.5,1.5,1.75,1.25,0.5\n",
                Files.readString(file));
    }

    @Test
    void regressorsGetNoAccuracyColumn() throws Exception {
        Path file = dir.resolve("range-test.csv");
        try (RangeTestCurveWriter writer = new RangeTestCurveWriter(file, true, false, false)) {
            writer.onStep(RangeTestPoint.builder().setStep(4).setLr(0.5).setLoss(1.5).setSmoothedLoss(1.75)
                    .optValLoss(1.25).build());
        }
        assertEquals("step,lr,loss,smoothed_loss,val_loss\n4,0.5,1.5,1.75,1.25\n", Files.readString(file));
    }

    @Test
    void refusesToReplaceAFileWithoutForce() throws Exception {
        Path file = dir.resolve("range-test.csv");
        Files.writeString(file, "old");
        LrlabException e = assertThrows(LrlabException.class, () -> new RangeTestCurveWriter(file, false, false, false));
        assertEquals(LrlabException.Kind.OUTPUT, e.kind());
        new RangeTestCurveWriter(file, false, false, true).close();
        assertEquals("step,lr,loss,smoothed_loss\n", Files.readString(file));
    }
}
