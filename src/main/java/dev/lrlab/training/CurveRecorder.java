package dev.lrlab.training;

import dev.lrlab.run.StepListener;
import dev.lrlab.run.StepRow;
import java.util.ArrayList;
import java.util.List;

/** Keeps every row it is given, for plots and summaries made after a run, and passes each one on. */
public final class CurveRecorder implements StepListener<StepRow> {
    private final StepListener<StepRow> next;
    private final List<StepRow> rows = new ArrayList<>();

    /** @param next the listener each row goes to after it is kept (e.g. a CSV writer) */
    public CurveRecorder(StepListener<StepRow> next) {
        this.next = next;
    }

    @Override
    public void onStep(StepRow row) {
        rows.add(row);
        next.onStep(row);
    }

    /** @return the rows so far */
    public List<StepRow> rows() {
        return List.copyOf(rows);
    }

    /** @return the step numbers, as doubles for plotting */
    public double[] steps() {
        return rows.stream().mapToDouble(StepRow::step).toArray();
    }

    /** @return the loss of each step */
    public double[] losses() {
        return rows.stream().mapToDouble(StepRow::loss).toArray();
    }

    /** @return the learning rate of each step */
    public double[] learningRates() {
        return rows.stream().mapToDouble(StepRow::lr).toArray();
    }
}
