package dev.lrlab.train;

import dev.lrlab.model.Objective;
import java.util.Arrays;
import java.util.OptionalDouble;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * Runs a {@link StepGraph}: each step feeds one batch and the two scalars, runs the update and returns the loss (and
 * the hypergradient scalars); an evaluation feeds batches to the inference-mode loss and changes nothing. Every
 * {@link Result} is closed before a call returns; the tensors it reuses across calls (its own batches and the two
 * scalars) are closed by {@link #close()}.
 */
final class StepRunner implements AutoCloseable {
    private final Session session;
    private final StepGraph graph;
    private final int rowWidth;
    private final int labelWidth;
    private final FeedBatch ownBatch;
    private final FeedBatch evalBatch;
    private final TFloat32 learningRateValue = TFloat32.scalarOf(0f);
    private final TFloat32 momentumValue = TFloat32.scalarOf(0f);
    private final Operand<TFloat32> hypergradient;
    private final Operand<TFloat32> learningRateUsed;

    /**
     * @param session the session of the graph the step was built in
     * @param graph the step's ops
     * @param rowWidth feature columns per row
     * @param labelWidth labels per row
     */
    StepRunner(Session session, StepGraph graph, int rowWidth, int labelWidth) {
        this.session = session;
        this.graph = graph;
        this.rowWidth = rowWidth;
        this.labelWidth = labelWidth;
        this.hypergradient = graph.hypergradient().orElse(null);
        this.learningRateUsed = graph.learningRateUsed().orElse(null);
        this.ownBatch = newFeedBatch(graph.trainFeed()); // allocates at its first fill
        this.evalBatch = newFeedBatch(graph.evalFeed());
    }

    /** @return empty tensors for one training batch, which the caller closes */
    FeedBatch newFeedBatch() {
        return newFeedBatch(graph.trainFeed());
    }

    private FeedBatch newFeedBatch(StepGraph.Feed feed) {
        return new FeedBatch(feed.inputs(), feed.labelMatrix(), rowWidth, labelWidth);
    }

    /** Copies a batch from arrays into this runner's own tensors and runs one step on it. */
    StepResult step(float[] features, float[] labels, int rows, double lr, double mu) {
        ownBatch.fill(features, labels, rows);
        return step(ownBatch, lr, mu);
    }

    /** Runs one step on a filled batch: the batch and two scalars in, the loss (and hypergradient scalars) out. */
    StepResult step(FeedBatch batch, double lr, double mu) {
        return run(batch.feed(session.runner(), graph.objective().labels()), lr, mu);
    }

    /**
     * Runs step {@code step} on rows held in TensorFlow: feeds the batch gathered for it (ahead, by the previous step's
     * run, or now), and gathers the next step's batch in the same run, whose result is kept for it.
     */
    StepResult step(ResidentBatches data, long step, double lr, double mu) {
        Session.Runner runner = prepare(data.feed(session.runner(), step, graph.objective().labels()), lr, mu);
        Result result = data.gatherAhead(runner, step).run();
        StepResult read;
        try {
            read = read(result, lr);
        } catch (RuntimeException | Error e) {
            result.close();
            throw e;
        }
        data.keep(result, hypergradient == null ? 1 : 3, step + 1); // closes the batch this step fed
        return read;
    }

    /** Adds the two scalars, the loss fetch and the update to a runner fed with a batch, and runs it. */
    private StepResult run(Session.Runner runner, double lr, double mu) {
        try (Result result = prepare(runner, lr, mu).run()) {
            return read(result, lr);
        }
    }

    /** Feeds the two scalars to a runner fed with a batch, and adds the fetches (loss first) and the update. */
    private Session.Runner prepare(Session.Runner runner, double lr, double mu) {
        learningRateValue.setFloat((float) lr);
        momentumValue.setFloat((float) mu);
        runner.feed(graph.learningRate(), learningRateValue).feed(graph.momentum(), momentumValue);
        runner.fetch(graph.objective().loss()).addTarget(graph.trainOp());
        if (hypergradient != null) {
            runner.fetch(hypergradient).fetch(learningRateUsed);
        }
        return runner;
    }

    /** The step's scalars from a result of {@link #prepare}. */
    private StepResult read(Result result, double lr) {
        float loss = ((TFloat32) result.get(0)).getFloat();
        if (hypergradient == null) {
            return new StepResult(loss, lr, Double.NaN);
        }
        return new StepResult(loss, ((TFloat32) result.get(2)).getFloat(), ((TFloat32) result.get(1)).getFloat());
    }

    /** The mean inference-mode loss (and accuracy) over {@code rows} rows, {@code batchSize} rows per run. */
    Evaluation evaluate(float[] features, float[] labels, int rows, int batchSize) {
        Objective objective = graph.evalObjective();
        double lossSum = 0;
        double accuracySum = 0;
        for (int start = 0; start < rows; start += batchSize) {
            int count = Math.min(batchSize, rows - start);
            float[] batchFeatures = Arrays.copyOfRange(features, start * rowWidth, (start + count) * rowWidth);
            float[] batchLabels = Arrays.copyOfRange(labels, start * labelWidth, (start + count) * labelWidth);
            evalBatch.fill(batchFeatures, batchLabels, count);
            Session.Runner runner = evalBatch.feed(session.runner(), objective.labels());
            runner.fetch(objective.loss());
            objective.accuracy().ifPresent(runner::fetch);
            try (Result result = runner.run()) {
                lossSum += (double) ((TFloat32) result.get(0)).getFloat() * count;
                if (objective.accuracy().isPresent()) {
                    accuracySum += (double) ((TFloat32) result.get(1)).getFloat() * count;
                }
            }
        }
        OptionalDouble accuracy = objective.accuracy().isPresent() && rows > 0
                ? OptionalDouble.of(accuracySum / rows) : OptionalDouble.empty();
        return new Evaluation(rows == 0 ? Double.NaN : lossSum / rows, accuracy);
    }

    /** Frees the reused batches and scalars; the graph and session belong to the model. */
    @Override
    public void close() {
        try {
            ownBatch.close();
            evalBatch.close();
        } finally {
            learningRateValue.close();
            momentumValue.close();
        }
    }
}
