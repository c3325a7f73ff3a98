package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.rangetest.RangeTestPoint;
import dev.lrlab.run.StopSignal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RangeTestProgressTest {
    private static String draw(boolean terminal, boolean quiet, Duration delay) {
        StringWriter err = new StringWriter();
        CliContext context = CliContext.builder().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .optQuiet(quiet).optStderrIsTerminal(terminal).setStop(new StopSignal()).build();
        try (RangeTestProgress progress = new RangeTestProgress(context, 3, delay)) {
            for (int step = 0; step < 3; step++) {
                progress.onStep(RangeTestPoint.builder().setStep(step).setLr(1e-3).setLoss(2.0)
                        .setSmoothedLoss(2.0).build());
            }
        }
        return err.toString();
    }

    @Test
    void drawsOnATerminal() {
        String err = draw(true, false, Duration.ZERO);
        assertTrue(err.contains("range test"), err);
        assertTrue(err.contains("3/3"), err);
        assertTrue(err.contains("lr 1.00e-03 loss 2.000"), err);
        assertTrue(err.endsWith("\n"), "the line is ended on close");
    }

    @Test
    void staysSilentWhenStderrIsNotATerminalOrQuietOrTheTestIsQuick() {
        assertEquals("", draw(false, false, Duration.ZERO));
        assertEquals("", draw(true, true, Duration.ZERO));
        assertEquals("", draw(true, false, Duration.ofHours(1)));
    }
}
