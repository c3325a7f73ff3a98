package dev.lrlab.experiment;

import dev.lrlab.model.VariableSnapshot;
import dev.lrlab.train.StepEngine;
import dev.lrlab.train.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Trains with hypergradient descent on the learning rate (Baydin et al., ICLR 2018): Java feeds
 * {@code alpha_(t-1)}, the graph returns {@code alpha_t} and {@code h_t}, and the next step is fed that
 * {@code alpha_t}. Optionally runs the same optimizer again with the rate held at {@code alpha0}, from the same
 * initial weights and over the same batches, for comparison. A run stops at the first step whose loss or rate is
 * NaN or infinite; that step is recorded and named in the curve.
 */
public final class HypergradientRun {
    private final HypergradientConfig config;

    /** @param config what to run */
    public HypergradientRun(HypergradientConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** @return what this run does */
    public HypergradientConfig config() {
        return config;
    }

    /**
     * Runs the hypergradient optimizer and, when the config asks, the baseline. The factory is called with
     * {@link HypergradientConfig#optimizerConfig()} first; for the baseline it is called again with
     * {@link HypergradientConfig#baselineOptimizerConfig()} after the first run, and that engine's weights are set
     * to the first engine's weights before its first step. A step engine is built once per graph, so the factory
     * must build each engine on its own copy of the model (load it again); the caller closes those copies.
     *
     * @param factory builds the engines
     * @param data the training data
     * @param listener gets each row as it is produced
     * @return both curves
     */
    public HypergradientResult run(StepEngineFactory factory, ArrayData data, HypergradientListener listener) {
        Objects.requireNonNull(listener, "listener");
        StepEngine engine = factory.build(config.optimizerConfig());
        if (!config.baseline()) {
            return new HypergradientResult(config, curve(HypergradientCurve.Kind.HYPERGRADIENT, engine, data, listener),
                    Optional.empty());
        }
        try (VariableSnapshot initial = engine.snapshotWeights()) {
            HypergradientCurve adapted = curve(HypergradientCurve.Kind.HYPERGRADIENT, engine, data, listener);
            StepEngine fixed = factory.build(config.baselineOptimizerConfig());
            fixed.restoreWeights(initial);
            HypergradientCurve baseline = curve(HypergradientCurve.Kind.BASELINE, fixed, data, listener);
            return new HypergradientResult(config, adapted, Optional.of(baseline));
        }
    }

    /**
     * @param factory builds the engines
     * @param data the training data
     * @return both curves
     */
    public HypergradientResult run(StepEngineFactory factory, ArrayData data) {
        return run(factory, data, HypergradientListener.NONE);
    }

    private HypergradientCurve curve(HypergradientCurve.Kind kind, StepEngine engine, ArrayData data,
            HypergradientListener listener) {
        ShuffledBatches batches = new ShuffledBatches(data, config.batchSize(), config.seed());
        long total = config.totalSteps(batches.batchesPerEpoch());
        boolean adaptive = kind == HypergradientCurve.Kind.HYPERGRADIENT;
        List<HypergradientRow> rows = new ArrayList<>();
        double rate = config.alpha0();
        for (long step = 1; step <= total; step++) {
            ShuffledBatches.Batch batch = batches.next();
            StepResult result = engine.step(batch.features(), batch.labels(), batch.rows(), rate, config.momentum());
            HypergradientRow row = new HypergradientRow(step, batch.epoch(), result.learningRate(), result.loss(),
                    result.hypergradient());
            rows.add(row);
            listener.onStep(kind, row);
            if (row.diverged()) {
                return new HypergradientCurve(kind, rows, OptionalLong.of(step));
            }
            if (adaptive) {
                rate = result.learningRate();
            }
        }
        return new HypergradientCurve(kind, rows, OptionalLong.empty());
    }
}
