/**
 * What every experiment starts from and shares: the {@link dev.lrlab.run.RunSpec} (model, data, loss, optimizer),
 * the {@link dev.lrlab.run.PreparedRun} made from it (the model loaded, its training step built, the data split and
 * batched), the per-step rows and their listener, the divergence rule, and the stop signal and stop reasons.
 * A run's loss and optimizer settings are resolved in {@link dev.lrlab.run.CompileSettings}: a given setting, else
 * the model's Keras compile settings, else inference or lrlab's default, each recorded with its source.
 */
package dev.lrlab.run;
