package dev.lrlab.train;

import dev.lrlab.data.Batch;
import dev.lrlab.data.BatchBuffer;
import dev.lrlab.data.BatchOrder;
import dev.lrlab.data.Dataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The training rows held in TensorFlow: uploaded once into two float32 resource variables (features {@code [rows,
 * featureCount]}, labels {@code [rows, labelWidth]}), from which each batch is gathered by a fed vector of row
 * indices, in the order of a {@link BatchOrder}. No batch is gathered or copied in Java.
 *
 * <p>The model's inputs are placeholders of a graph its session has already run (a SavedModel is restored by running
 * it), and TensorFlow does not let a session see an edge rewired after it ran a node, so the step cannot read the
 * gathered rows directly: it is fed the gathered tensors. To keep that at one session run per step, the run of step
 * {@code t} also gathers the batch of step {@code t + 1} (the fetched tensors stay in native memory until that step
 * feeds them); a step that is not the one gathered ahead (the first, or a jump back to step 0) costs one more small
 * run that gathers its batch. The batches are those the order names either way, so the losses are those of copying
 * them from Java.
 *
 * <p>Made by {@link StepEngine#uploadResident(Dataset, BatchOrder)}, which builds every op once; nothing is built per
 * step. Only inputs fed float32 straight from numeric columns can be gathered (see {@link #canHold(List)}); text,
 * integer and {@code tf.Example} inputs keep the per-step copy. The variables hold the rows for as long as the model's
 * session lives; {@link #close()} frees the tensors this object holds (the batch gathered ahead, the index vectors).
 * Use from one thread.
 */
public final class ResidentBatches implements AutoCloseable {
    /** Rows copied into the upload tensor at a time. */
    private static final int UPLOAD_CHUNK_ROWS = 4096;

    private final Session session;
    private final List<InputBinding> inputs;
    private final Placeholder<TInt32> rowIndices;
    private final List<Operand<TFloat32>> gathered; // one per input, then the labels
    private final Map<Integer, TInt32> indexTensors = new HashMap<>();
    private final BatchOrder order;
    private final int[] indices;
    private final int rows;
    private final long bytes;
    private Result ahead; // holds the tensors of step aheadStep's batch from fetch aheadFrom on; null when none
    private int aheadFrom;
    private long aheadStep = -1;
    private boolean closed;

    private ResidentBatches(Session session, List<InputBinding> inputs, Placeholder<TInt32> rowIndices,
            List<Operand<TFloat32>> gathered, BatchOrder order, int rows, long bytes) {
        this.session = session;
        this.order = order;
        this.indices = new int[order.batchSize()];
        this.inputs = inputs;
        this.rowIndices = rowIndices;
        this.gathered = gathered;
        this.rows = rows;
        this.bytes = bytes;
    }

    /**
     * @param inputs how a step's inputs take the feature columns
     * @return whether every input is fed float32 values straight from numeric columns, so that it can be gathered
     *     from the resident rows
     */
    static boolean canHold(List<InputBinding> inputs) {
        return inputs.stream().allMatch(InputTensors::isPlainFloat);
    }

    /**
     * @param rows training rows
     * @param featureCount features per row
     * @param labelWidth labels per row
     * @return the bytes the resident features and labels take in TensorFlow
     */
    public static long bytesFor(long rows, long featureCount, long labelWidth) {
        return rows * (featureCount + labelWidth) * Float.BYTES;
    }

    /**
     * Builds the variables and the gather ops in {@code graph}, and uploads the rows (one session run).
     *
     * @param graph the model's graph
     * @param session the model's session
     * @param feed the inputs a training step feeds; each must pass {@link #canHold(List)}
     * @param labelMatrix whether labels are fed as a {@code [batch, width]} matrix even for width 1
     * @param data the training rows
     * @param order the order of the batches, over {@code data}'s rows
     */
    static ResidentBatches upload(Graph graph, Session session, List<InputBinding> feed, boolean labelMatrix, Dataset data,
            BatchOrder order) {
        if (order.size() != data.size()) {
            throw new IllegalArgumentException("expected a batch order over " + data.size() + " rows, found " + order.size());
        }
        if (!canHold(feed)) {
            throw new IllegalArgumentException("only float32 inputs from numeric columns can be resident: " + feed);
        }
        int n = data.size();
        int width = data.featureCount();
        int labelWidth = data.labelWidth();
        Ops tf = Ops.create(graph).withSubScope("lrlab_resident");
        VarHandleOp features = variable(tf, "features", Shape.of(n, width));
        VarHandleOp labels = variable(tf, "labels", Shape.of(n, labelWidth));
        Placeholder<TFloat32> featureValues = tf.withName("features_value").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(n, width)));
        Placeholder<TFloat32> labelValues = tf.withName("labels_value").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(n, labelWidth)));
        var assignFeatures = tf.withName("features_assign").assignVariableOp(features, featureValues);
        var assignLabels = tf.withName("labels_assign").assignVariableOp(labels, labelValues);

        Placeholder<TInt32> rowIndices = tf.withName("row_indices").placeholder(TInt32.class,
                Placeholder.shape(Shape.of(-1)));
        Operand<TFloat32> batchRows = tf.withName("batch_features").resourceGather(features, rowIndices, TFloat32.class);
        List<Operand<TFloat32>> gathered = new ArrayList<>();
        for (InputBinding binding : feed) {
            Operand<TFloat32> columns = batchRows;
            int[] bound = binding.columnsView();
            if (!(bound.length == width && InputTensors.isIdentity(bound))) {
                columns = tf.gather(batchRows, tf.constant(bound), tf.constant(1));
            }
            long[] example = binding.exampleShape();
            if (!(example.length == 1 && example[0] == bound.length)) {
                long[] dims = new long[example.length + 1];
                dims[0] = -1;
                System.arraycopy(example, 0, dims, 1, example.length);
                columns = tf.reshape(columns, tf.constant(dims));
            }
            gathered.add(columns);
        }
        Operand<TFloat32> batchLabels = tf.withName("batch_labels").resourceGather(labels, rowIndices, TFloat32.class);
        gathered.add(labelWidth == 1 && !labelMatrix ? tf.reshape(batchLabels, tf.constant(new long[] {-1})) : batchLabels);

        try (TFloat32 featureTensor = TFloat32.tensorOf(Shape.of(n, width));
                TFloat32 labelTensor = TFloat32.tensorOf(Shape.of(n, labelWidth))) {
            copyRows(data, featureTensor, labelTensor);
            try (Result ignored = session.runner().feed(featureValues, featureTensor).feed(labelValues, labelTensor)
                    .addTarget(assignFeatures).addTarget(assignLabels).run()) {
                // the variables now hold the rows; TensorFlow keeps its own reference to the buffers
            }
        }
        return new ResidentBatches(session, List.copyOf(feed), rowIndices, List.copyOf(gathered), order, n,
                bytesFor(n, width, labelWidth));
    }

    private static VarHandleOp variable(Ops tf, String name, Shape shape) {
        return tf.withName(name).varHandleOp(TFloat32.class, shape, VarHandleOp.sharedName(tf.scope().makeOpName(name)));
    }

    /** Copies every row of {@code data} into the two tensors, a chunk of rows at a time. */
    private static void copyRows(Dataset data, TFloat32 features, TFloat32 labels) {
        int n = data.size();
        int chunk = Math.min(UPLOAD_CHUNK_ROWS, n);
        BatchBuffer buffer = new BatchBuffer(data, chunk);
        int[] indices = new int[chunk];
        FloatDataBuffer featureData = features.asRawTensor().data().asFloats();
        FloatDataBuffer labelData = labels.asRawTensor().data().asFloats();
        for (int start = 0; start < n; start += chunk) {
            int count = Math.min(chunk, n - start);
            for (int i = 0; i < count; i++) {
                indices[i] = start + i;
            }
            Batch batch = buffer.fill(indices, count);
            featureData.offset((long) start * data.featureCount()).write(batch.features(), 0, count * data.featureCount());
            labelData.offset((long) start * data.labelWidth()).write(batch.labels(), 0, count * data.labelWidth());
        }
    }

    /** @return the rows held */
    public int rows() {
        return rows;
    }

    /** @return the bytes the rows take in TensorFlow */
    public long bytes() {
        return bytes;
    }

    /**
     * Feeds step {@code step}'s batch to the step's inputs and labels: the tensors gathered ahead by the previous step's
     * run, or else gathered now by a run of their own.
     *
     * @param runner the step's runner
     * @param step the step, from 0
     * @param labelInput the step's label placeholder
     * @return {@code runner}
     */
    Session.Runner feed(Session.Runner runner, long step, Operand<TFloat32> labelInput) {
        if (closed) {
            throw new IllegalStateException("resident batches are closed");
        }
        if (ahead == null || aheadStep != step) {
            Result gathered = gatherRun(step);
            keep(gathered, 0, step);
        }
        for (int i = 0; i < inputs.size(); i++) {
            runner.feed(inputs.get(i).input().tensorName(), ahead.get(aheadFrom + i));
        }
        return runner.feed(labelInput, ahead.get(aheadFrom + inputs.size()));
    }

    /**
     * Adds to the step's runner the feed and fetches that gather step {@code step + 1}'s batch; pass its result to
     * {@link #keep} after the run.
     */
    Session.Runner gatherAhead(Session.Runner runner, long step) {
        runner.feed(rowIndices, indexTensor(step + 1));
        gathered.forEach(runner::fetch);
        return runner;
    }

    /**
     * Keeps {@code result}, whose fetches from {@code from} on hold step {@code step}'s batch, until that step feeds
     * it; closes the batch kept before (which the run that made {@code result} may have fed).
     */
    void keep(Result result, int from, long step) {
        Result previous = ahead;
        ahead = result;
        aheadFrom = from;
        aheadStep = step;
        if (previous != null) {
            previous.close();
        }
    }

    private Result gatherRun(long step) {
        Session.Runner runner = session.runner().feed(rowIndices, indexTensor(step));
        gathered.forEach(runner::fetch);
        return runner.run();
    }

    /** @return the index vector of step {@code step}, in a tensor reused for every batch of its size */
    private TInt32 indexTensor(long step) {
        int count = order.fill(step, indices);
        TInt32 fed = indexTensors.computeIfAbsent(count, c -> TInt32.tensorOf(Shape.of(c)));
        fed.asRawTensor().data().asInts().write(indices, 0, count);
        return fed;
    }

    /** Frees the batch gathered ahead and the index tensors; the variables live as long as the model's session. Closing twice does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ahead != null) {
            ahead.close();
            ahead = null;
        }
        indexTensors.values().forEach(TInt32::close);
        indexTensors.clear();
    }
}
