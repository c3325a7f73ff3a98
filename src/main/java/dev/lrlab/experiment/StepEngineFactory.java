package dev.lrlab.experiment;

import dev.lrlab.train.OptimizerConfig;
import dev.lrlab.train.StepEngine;

/**
 * Builds a step engine with the given optimizer; an experiment that compares optimizers calls it once per
 * optimizer. {@link StepEngine#build} adds fixed-name ops to a graph, so each call must build on its own copy
 * of the model (load it again); whoever supplies the factory closes those copies when the experiment is done.
 */
@FunctionalInterface
public interface StepEngineFactory {
    /**
     * @param optimizer the optimizer settings to build with
     * @return an engine on a fresh copy of the model, optimizer slots at zero
     */
    StepEngine build(OptimizerConfig optimizer);
}
