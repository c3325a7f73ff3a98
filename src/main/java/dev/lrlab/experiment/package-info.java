/**
 * Experiments that choose or drive a learning rate: the range test and its suggestions, hypergradient runs, coarse-to-fine search. Each takes a config record and returns a result record.
 * A run's loss and optimizer settings are resolved in {@link dev.lrlab.experiment.CompileSettings}: a given setting, else
 * the model's Keras compile settings, else inference or lrlab's default, each recorded with its source.
 */
package dev.lrlab.experiment;
