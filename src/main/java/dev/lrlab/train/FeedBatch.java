package dev.lrlab.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * The tensors one training step feeds for its batch (every model input and the labels), filled from Java
 * arrays and fed by {@link StepEngine#step(FeedBatch, double, double)}. Float tensors are allocated once per
 * row count and refilled in place, so a step copies the batch into native memory once and allocates nothing
 * there: a fresh native allocation of a batch-sized tensor per step cost about a tenth of a step on a small
 * MLP (page faults of a new mapping). Inputs that are not float32 from numeric columns (text, integers,
 * serialized {@code tf.Example} protos) are built at every fill.
 *
 * <p>Made by {@link StepEngine#newFeedBatch()}. A batch may be filled on one thread and fed on another (a
 * prefetching thread fills the coming steps' batches while the current one trains), but not both at once,
 * and the hand-over must be synchronized. Close it to free the tensors; closing twice does nothing.
 */
public final class FeedBatch implements AutoCloseable {
    private final List<InputBinding> inputs;
    private final boolean labelMatrix;
    private final int rowWidth;
    private final int labelWidth;
    private final Map<Integer, List<TFloat32>> byRows = new HashMap<>();
    private final List<Tensor> builtPerFill = new ArrayList<>();
    private final List<Tensor> current = new ArrayList<>();
    private float[] scratch = new float[0];
    private int rows = -1;
    private boolean closed;

    FeedBatch(List<InputBinding> inputs, boolean labelMatrix, int rowWidth, int labelWidth) {
        this.inputs = inputs;
        this.labelMatrix = labelMatrix;
        this.rowWidth = rowWidth;
        this.labelWidth = labelWidth;
    }

    /**
     * Copies a batch into the tensors.
     *
     * @param features row-major features, at least {@code rows} rows of the model's feature width
     * @param labels labels, at least {@code rows} rows of the label width
     * @param rows rows in the batch, at least 1
     * @throws IllegalStateException when closed
     */
    public void fill(float[] features, float[] labels, int rows) {
        if (closed) {
            throw new IllegalStateException("feed batch is closed");
        }
        builtPerFill.forEach(Tensor::close);
        builtPerFill.clear();
        current.clear();
        List<TFloat32> tensors = byRows.computeIfAbsent(rows, this::allocate);
        for (int i = 0; i < inputs.size(); i++) {
            InputBinding binding = inputs.get(i);
            if (tensors.get(i) == null) {
                Tensor tensor = InputTensors.create(binding, features, rowWidth, rows);
                builtPerFill.add(tensor);
                current.add(tensor);
            } else {
                write(tensors.get(i), binding, features, rows);
                current.add(tensors.get(i));
            }
        }
        TFloat32 labelTensor = tensors.get(inputs.size());
        labelTensor.asRawTensor().data().asFloats().write(labels, 0, rows * labelWidth);
        current.add(labelTensor);
        this.rows = rows;
    }

    /** @return the rows of the batch last filled, or -1 before the first fill */
    public int rows() {
        return rows;
    }

    /** Feeds the inputs and labels of the last fill. */
    Session.Runner feed(Session.Runner runner, Operand<TFloat32> labelInput) {
        if (closed || rows < 0) {
            throw new IllegalStateException(closed ? "feed batch is closed" : "feed batch was never filled");
        }
        for (int i = 0; i < inputs.size(); i++) {
            runner.feed(inputs.get(i).input().tensorName(), current.get(i));
        }
        return runner.feed(labelInput, current.get(inputs.size()));
    }

    private List<TFloat32> allocate(int rows) {
        List<TFloat32> tensors = new ArrayList<>();
        for (InputBinding binding : inputs) {
            if (!InputTensors.isPlainFloat(binding)) {
                tensors.add(null);
                continue;
            }
            tensors.add(TFloat32.tensorOf(InputTensors.shape(binding, rows)));
        }
        tensors.add(TFloat32.tensorOf(labelWidth == 1 && !labelMatrix ? Shape.of(rows) : Shape.of(rows, labelWidth)));
        return tensors;
    }

    private void write(TFloat32 tensor, InputBinding binding, float[] features, int rows) {
        int[] columns = binding.columnsView();
        if (columns.length == rowWidth && InputTensors.isIdentity(columns)) {
            tensor.asRawTensor().data().asFloats().write(features, 0, rows * rowWidth);
            return;
        }
        int size = rows * columns.length;
        if (scratch.length < size) {
            scratch = new float[size];
        }
        InputTensors.gather(features, rowWidth, rows, columns, scratch);
        tensor.asRawTensor().data().asFloats().write(scratch, 0, size);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        builtPerFill.forEach(Tensor::close);
        builtPerFill.clear();
        current.clear();
        byRows.values().forEach(list -> list.forEach(t -> {
            if (t != null) {
                t.close();
            }
        }));
        byRows.clear();
    }
}
