/**
 * Experiments that choose or drive a learning rate: the range test and its suggestions, hypergradient runs, coarse-to-fine search. Each takes a config record and returns a result record.
 * A run's loss and optimizer settings are resolved in {@link dev.lrlab.experiment.CompileSettings}: a given setting, else
 * the model's Keras compile settings, else inference or lrlab's default, each recorded with its source.
 * The short route from Java is {@code RangeTest.run(PreparedRun.open(spec))}, then
 * {@link dev.lrlab.experiment.RangeTestResult#suggestedLr()} and {@link dev.lrlab.experiment.RangeTestOutputs#write},
 * which writes the files of {@code lrlab range-test} through the same code as the command.
 */
package dev.lrlab.experiment;
