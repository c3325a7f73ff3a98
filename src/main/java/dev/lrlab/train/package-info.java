/**
 * In-graph optimizers whose learning rate (and momentum) are scalar placeholders fed at every step, and the step engine: a batch and a few scalars go in, scalars come out. No ops are built inside the step loop: {@code StepGraphBuilder} builds the step's ops once ({@code StepGraph}), {@code StepRunner} feeds and runs them, and {@link dev.lrlab.train.StepEngine} joins the two for callers.
 */
package dev.lrlab.train;
