package dev.lrlab.model;

import java.util.List;
import org.tensorflow.Tensor;

/**
 * The values of a set of variables at one moment, held in native memory, exact to the bit. Close it to
 * free that memory; a closed snapshot refuses to be restored.
 */
public final class VariableSnapshot implements AutoCloseable {
    private final List<Tensor> values;
    private boolean closed;

    VariableSnapshot(List<Tensor> values) {
        this.values = List.copyOf(values);
    }

    List<Tensor> values() {
        if (closed) {
            throw new IllegalStateException("this snapshot was closed; take a new one");
        }
        return values;
    }

    /**
     * @param index position of a variable in the snapshotter's order
     * @return its captured value, still owned by this snapshot
     */
    public Tensor tensor(int index) {
        return values().get(index);
    }

    /** @return the number of variables captured */
    public int size() {
        return values.size();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            values.forEach(Tensor::close);
        }
    }
}
