/**
 * Coarse-to-fine learning-rate search: short trials at constant rates across decades, early abort of diverging
 * trials, then a finer grid inside the best decade; its settings, trials, result and report files; where the trials
 * run: copies of the model in this JVM ({@code LocalTrials}), one worker process per GPU ({@link
 * dev.lrlab.search.WorkerTrials}), or a cluster engine ({@link dev.lrlab.search.TrialEngine}).
 */
package dev.lrlab.search;
