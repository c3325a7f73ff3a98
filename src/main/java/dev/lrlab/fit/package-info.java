/**
 * One call from a model to a trained model, as fastai's {@code lr_find} then {@code fit_one_cycle}: a range test
 * with the run's own optimizer, a rate chosen from it for a policy (1cycle, cyclical, cosine, constant or
 * hypergradient descent), training for a number of epochs with validation at each, optionally the same training at
 * 1/10 and 10x the chosen rate for comparison, and the files that show every choice. {@link dev.lrlab.fit.Fit#run}
 * runs it; {@link dev.lrlab.fit.FitOutputs} writes what {@code lrlab fit} writes. It only combines the
 * {@code rangetest}, {@code schedule} and {@code training} packages: a fit's steps are those of the range test and
 * of {@code TrainRun}, bit for bit.
 */
package dev.lrlab.fit;
