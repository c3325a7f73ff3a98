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
 * The tensors a training step feeds, allocated once per batch size and refilled in place at every step, so
 * that a step copies the batch into native memory once and allocates nothing there. A fresh native
 * allocation of a batch-sized tensor per step cost about a tenth of a step on a small MLP (page faults of
 * a new mapping). Inputs that are not float32 are built per step. Close it to free the tensors.
 */
final class StepFeeds implements AutoCloseable {
    private final List<InputBinding> inputs;
    private final boolean labelMatrix;
    private final int rowWidth;
    private final int labelWidth;
    private final Map<Integer, List<TFloat32>> byRows = new HashMap<>();
    private final TFloat32 learningRate = TFloat32.scalarOf(0f);
    private final TFloat32 momentum = TFloat32.scalarOf(0f);
    private float[] scratch = new float[0];

    StepFeeds(List<InputBinding> inputs, boolean labelMatrix, int rowWidth, int labelWidth) {
        this.inputs = inputs;
        this.labelMatrix = labelMatrix;
        this.rowWidth = rowWidth;
        this.labelWidth = labelWidth;
    }

    /**
     * Fills and feeds the batch, labels, rate and momentum.
     *
     * @param perStep collects tensors built for this step only (non-float inputs), which the caller closes
     * @return the runner, fed
     */
    Session.Runner feed(Session.Runner runner, Operand<TFloat32> labels, Operand<TFloat32> lrInput,
            Operand<TFloat32> muInput, float[] features, float[] labelValues, int rows, double lr, double mu,
            List<Tensor> perStep) {
        List<TFloat32> tensors = byRows.computeIfAbsent(rows, this::allocate);
        for (int i = 0; i < inputs.size(); i++) {
            InputBinding binding = inputs.get(i);
            if (tensors.get(i) == null) {
                Tensor tensor = InputTensors.create(binding, features, rowWidth, rows);
                perStep.add(tensor);
                runner.feed(binding.input().tensorName(), tensor);
            } else {
                write(tensors.get(i), binding, features, rows);
                runner.feed(binding.input().tensorName(), tensors.get(i));
            }
        }
        TFloat32 labelTensor = tensors.get(inputs.size());
        labelTensor.asRawTensor().data().asFloats().write(labelValues, 0, rows * labelWidth);
        learningRate.setFloat((float) lr);
        momentum.setFloat((float) mu);
        return runner.feed(labels, labelTensor).feed(lrInput, learningRate).feed(muInput, momentum);
    }

    private List<TFloat32> allocate(int rows) {
        List<TFloat32> tensors = new ArrayList<>();
        for (InputBinding binding : inputs) {
            if (!binding.input().dtype().equals("FLOAT")) {
                tensors.add(null);
                continue;
            }
            tensors.add(TFloat32.tensorOf(InputTensors.shape(binding, rows)));
        }
        tensors.add(TFloat32.tensorOf(labelWidth == 1 && !labelMatrix ? Shape.of(rows) : Shape.of(rows, labelWidth)));
        return tensors;
    }

    private void write(TFloat32 tensor, InputBinding binding, float[] features, int rows) {
        int[] columns = binding.columns();
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
        byRows.values().forEach(list -> list.forEach(t -> {
            if (t != null) {
                t.close();
            }
        }));
        byRows.clear();
        learningRate.close();
        momentum.close();
    }
}
