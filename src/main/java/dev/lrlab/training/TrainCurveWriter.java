package dev.lrlab.training;

import dev.lrlab.report.CurveWriter.Column;
import dev.lrlab.report.CurveWriter;
import dev.lrlab.run.StepListener;
import dev.lrlab.run.StepRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Writes a training curve as CSV, one row per step, flushed as it is written:
 * {@code step,epoch,lr[,momentum],loss[,hypergradient],val_loss[,val_accuracy]}; the validation cells are
 * empty except at epoch ends, {@code hypergradient} is present for hypergradient optimizers and
 * {@code val_accuracy} for classifiers.
 */
public final class TrainCurveWriter implements StepListener<StepRow>, AutoCloseable {
    private final CurveWriter writer;
    private final boolean momentum;
    private final boolean accuracy;
    private final boolean hypergradient;

    /**
     * @param file the CSV to create
     * @param momentum whether to write a momentum column
     * @param accuracy whether to write a validation accuracy column
     * @param force replace an existing file
     */
    public TrainCurveWriter(Path file, boolean momentum, boolean accuracy, boolean force) {
        this(file, momentum, accuracy, false, force);
    }

    /**
     * @param file the CSV to create
     * @param momentum whether to write a momentum column
     * @param accuracy whether to write a validation accuracy column
     * @param hypergradient whether to write a hypergradient column
     * @param force replace an existing file
     */
    public TrainCurveWriter(Path file, boolean momentum, boolean accuracy, boolean hypergradient, boolean force) {
        this.momentum = momentum;
        this.accuracy = accuracy;
        this.hypergradient = hypergradient;
        List<Column> columns = new ArrayList<>(List.of(Column.integer("step"), Column.integer("epoch"), Column.real("lr")));
        if (momentum) {
            columns.add(Column.real("momentum"));
        }
        columns.add(Column.real("loss"));
        if (hypergradient) {
            columns.add(Column.real("hypergradient"));
        }
        columns.add(Column.real("val_loss"));
        if (accuracy) {
            columns.add(Column.real("val_accuracy"));
        }
        this.writer = CurveWriter.create(file, columns, force);
    }

    @Override
    public void onStep(StepRow row) {
        List<OptionalDouble> values = new ArrayList<>(List.of(OptionalDouble.of(row.step()), OptionalDouble.of(row.epoch()),
                OptionalDouble.of(row.lr())));
        if (momentum) {
            values.add(OptionalDouble.of(row.momentum()));
        }
        values.add(OptionalDouble.of(row.loss()));
        if (hypergradient) {
            values.add(OptionalDouble.of(row.hypergradient()));
        }
        values.add(row.valLoss());
        if (accuracy) {
            values.add(row.valAccuracy());
        }
        writer.writeRow(values.toArray(new OptionalDouble[0]));
    }

    @Override
    public void close() {
        writer.close();
    }
}
