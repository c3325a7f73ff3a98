/**
 * Coarse-to-fine learning-rate search: short trials at constant rates across decades, early abort of diverging
 * trials, then a finer grid inside the best decade; its settings, trials, result and report files.
 */
package dev.lrlab.search;
