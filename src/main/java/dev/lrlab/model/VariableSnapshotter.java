package dev.lrlab.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Copies a fixed set of float32 variables (model variables and optimizer slots) out of a session and back
 * in, bit for bit. The read and assign ops are built once, at construction; a snapshot or restore is then a
 * single {@code Session.run}.
 */
public final class VariableSnapshotter {
    private final Session session;
    private final List<ModelVariable> variables;
    private final List<Operand<TFloat32>> reads = new ArrayList<>();
    private final List<Placeholder<TFloat32>> feeds = new ArrayList<>();
    private final List<Op> assigns = new ArrayList<>();

    /**
     * @param graph the graph holding the variables (ops are added to it)
     * @param session the session holding their values
     * @param variables the variables to capture
     */
    public VariableSnapshotter(Graph graph, Session session, List<ModelVariable> variables) {
        this.session = session;
        this.variables = List.copyOf(variables);
        Ops tf = Ops.create(graph).withSubScope("lrlab_snapshot");
        for (ModelVariable variable : this.variables) {
            variable.requireFloat32();
            // DeepCopy: the value of a VariableV2 read through Identity shares the variable's buffer, which the
            // next same-shape Assign overwrites in place; without a copy the snapshot would change with the model.
            reads.add(tf.deepCopy(variable.read(tf)));
            Placeholder<TFloat32> feed = tf.placeholder(TFloat32.class);
            feeds.add(feed);
            assigns.add(variable.assign(tf, feed));
        }
    }

    /** @return the variables captured, in snapshot order */
    public List<ModelVariable> variables() {
        return variables;
    }

    /** @return the current value of every variable */
    public VariableSnapshot snapshot() {
        Session.Runner runner = session.runner();
        reads.forEach(runner::fetch);
        List<Tensor> values = new ArrayList<>();
        Result result = runner.run();
        for (int i = 0; i < reads.size(); i++) {
            values.add(result.get(i));
        }
        // The Result would close the tensors it holds; the snapshot owns them now, so the Result is not closed.
        return new VariableSnapshot(values);
    }

    /**
     * Writes the captured values back.
     *
     * @param snapshot values taken by {@link #snapshot()} of this snapshotter
     */
    public void restore(VariableSnapshot snapshot) {
        List<Tensor> values = snapshot.values();
        if (values.size() != feeds.size()) {
            throw new IllegalArgumentException("snapshot holds " + values.size() + " variables, expected " + feeds.size());
        }
        Session.Runner runner = session.runner();
        for (int i = 0; i < feeds.size(); i++) {
            runner.feed(feeds.get(i), values.get(i));
            runner.addTarget(assigns.get(i));
        }
        runner.run().close();
    }
}
