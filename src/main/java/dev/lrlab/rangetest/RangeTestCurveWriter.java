package dev.lrlab.rangetest;

import dev.lrlab.report.CurveWriter.Column;
import dev.lrlab.report.CurveWriter;
import dev.lrlab.run.StepListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Writes a range-test curve as CSV, one row per step, flushed as it is written, so an interrupted test keeps
 * every finished row: {@code step,lr,loss,smoothed_loss}, then {@code val_loss} when the validation loss is
 * measured and {@code val_accuracy} when it is measured for a classifier. Validation cells are empty on the
 * steps where nothing was measured. Numbers as {@link CurveWriter} writes them.
 */
public final class RangeTestCurveWriter implements StepListener<RangeTestPoint>, AutoCloseable {
    /** The file name the command line uses. */
    public static final String FILE_NAME = "range-test.csv";

    private final CurveWriter writer;
    private final boolean validation;
    private final boolean accuracy;

    /**
     * @param file the CSV to create
     * @param validation whether to write a {@code val_loss} column
     * @param accuracy whether to write a {@code val_accuracy} column (only with {@code validation})
     * @param force replace an existing file
     * @throws dev.lrlab.LrlabException (OUTPUT) when the file exists without force or cannot be written
     */
    public RangeTestCurveWriter(Path file, boolean validation, boolean accuracy, boolean force) {
        this.validation = validation;
        this.accuracy = validation && accuracy;
        List<Column> columns = new ArrayList<>(List.of(Column.integer("step"), Column.real("lr"), Column.real("loss"),
                Column.real("smoothed_loss")));
        if (this.validation) {
            columns.add(Column.real("val_loss"));
        }
        if (this.accuracy) {
            columns.add(Column.real("val_accuracy"));
        }
        this.writer = CurveWriter.create(file, columns, force);
    }

    @Override
    public void onStep(RangeTestPoint point) {
        List<OptionalDouble> values = new ArrayList<>(List.of(OptionalDouble.of(point.step()), OptionalDouble.of(point.lr()),
                OptionalDouble.of(point.loss()), OptionalDouble.of(point.smoothedLoss())));
        if (validation) {
            values.add(point.valLoss());
        }
        if (accuracy) {
            values.add(point.valAccuracy());
        }
        writer.writeRow(values.toArray(new OptionalDouble[0]));
    }

    @Override
    public void close() {
        writer.close();
    }
}
